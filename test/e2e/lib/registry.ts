/**
 * A private npm registry (Verdaccio, installed by scripts/lib/verdaccio.sh) on 127.0.0.1 for the
 * install path users take: publish the packed package, then let n8n's Community Nodes screen
 * install it from there. The registry has no uplinks, so nothing is ever proxied to or from the
 * public registry; storage, the htpasswd file, npm's config and cache all live in one temporary
 * folder that stop() removes.
 *
 * Verdaccio runs as its own process-group leader; its pid goes to the e2e pid file so
 * scripts/e2e.sh ends it if the test process dies first.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePort, REPO_ROOT, sleep, tail } from '../../../tools/n8n/instance';
import { NEWEST_N8N_VERSION } from '../../../tools/n8n/versions';

const run = promisify(execFile);

/** The runtime the registry install path is proven on: the newest tested n8n (n8n-versions.json). */
export const REGISTRY_N8N_VERSION = NEWEST_N8N_VERSION;

/** Verdaccio's bin script, installed once into the runtime cache by scripts/lib/verdaccio.sh. */
function ensureVerdaccio(): string {
	return execFileSync('bash', [path.join(REPO_ROOT, 'scripts/lib/verdaccio.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
}

export interface PackumentVersion {
	name: string;
	version: string;
	dist: { tarball: string; integrity: string };
}

export interface Packument {
	name: string;
	'dist-tags': Record<string, string>;
	versions: Record<string, PackumentVersion>;
}

export class LocalRegistry {
	readonly dir: string;

	port = 0;

	log = '';

	/** An npm user config with the publisher's token (throwaway: the registry dies with the test). */
	private publisherNpmrc = '';

	private process?: ChildProcess;

	constructor(private readonly options: { pidFile?: string } = {}) {
		this.dir = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-print-workflow-registry-'));
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** npm's settings for anyone using this registry: its own cache, no user or global npmrc. */
	npmEnv(userconfig = path.join(this.dir, 'reader.npmrc')): Record<string, string> {
		return {
			npm_config_registry: `${this.url}/`,
			npm_config_userconfig: userconfig,
			npm_config_globalconfig: path.join(this.dir, 'global.npmrc'),
			npm_config_cache: path.join(this.dir, 'npm-cache'),
			npm_config_update_notifier: 'false',
			npm_config_audit: 'false',
			npm_config_fund: 'false',
		};
	}

	async start(timeoutMs = 60_000) {
		const verdaccio = ensureVerdaccio();
		this.port = await freePort();
		const storage = path.join(this.dir, 'storage');
		mkdirSync(storage);
		for (const file of ['reader.npmrc', 'global.npmrc']) writeFileSync(path.join(this.dir, file), '');
		const config = path.join(this.dir, 'config.yaml');
		writeFileSync(
			config,
			[
				`storage: ${JSON.stringify(storage)}`,
				'auth:',
				'  htpasswd:',
				`    file: ${JSON.stringify(path.join(this.dir, 'htpasswd'))}`,
				'    max_users: 1',
				// No uplinks, and no package rule names one: the public registry is never asked.
				'uplinks: {}',
				'packages:',
				"  '**':",
				'    access: $all',
				'    publish: $authenticated',
				'    unpublish: $authenticated',
				'web:',
				'  enable: false',
				// Level http: a JSON line per request, so a test sees what was fetched.
				'log: { type: stdout, format: json, level: http }',
				'',
			].join('\n'),
		);
		const child = spawn(process.execPath, [verdaccio, '--config', config, '--listen', `127.0.0.1:${this.port}`], {
			cwd: this.dir,
			env: { PATH: process.env.PATH ?? '', HOME: this.dir, NODE_ENV: 'production' },
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.process = child;
		if (this.options.pidFile && child.pid !== undefined) appendFileSync(this.options.pidFile, `${child.pid}\n`);
		child.stdout!.on('data', (chunk) => (this.log += chunk));
		child.stderr!.on('data', (chunk) => (this.log += chunk));
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode})\n${tail(this.log)}`);
			try {
				if ((await fetch(`${this.url}/-/ping`)).ok) return this;
			} catch {
				// Not listening yet.
			}
			if (Date.now() > deadline) throw new Error(`verdaccio not up on ${this.url} after ${timeoutMs} ms\n${tail(this.log)}`);
			await sleep(200);
		}
	}

	/** Registers the one publisher (npm adduser's request) and keeps its token in a private npmrc. */
	async addPublisher(name = 'publisher', password = `pw-${process.pid}-${Date.now()}`) {
		const response = await fetch(`${this.url}/-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] }),
		});
		const body = (await response.json()) as { token?: string; error?: string };
		if (response.status !== 201 || !body.token) throw new Error(`verdaccio refused the publisher: ${response.status} ${JSON.stringify(body)}`);
		this.publisherNpmrc = path.join(this.dir, 'publisher.npmrc');
		writeFileSync(this.publisherNpmrc, `//127.0.0.1:${this.port}/:_authToken=${body.token}\n`, { mode: 0o600 });
	}

	/** `npm publish` of a packed tarball, as the publisher. */
	async publish(tarball: string) {
		if (!this.publisherNpmrc) throw new Error('addPublisher() first');
		await run('npm', ['publish', path.resolve(tarball), '--ignore-scripts', '--provenance=false', '--tag=latest', '--loglevel=error'], {
			cwd: this.dir,
			env: { ...process.env, ...this.npmEnv(this.publisherNpmrc) },
		});
	}

	/** What the registry serves for a package (as npm and n8n read it). */
	async packument(name: string): Promise<Packument> {
		const response = await fetch(`${this.url}/${encodeURIComponent(name)}`);
		if (!response.ok) throw new Error(`GET ${name} from the registry: ${response.status}`);
		return (await response.json()) as Packument;
	}

	/** Requests the registry received (`GET /name`, `GET /name/-/file.tgz`, …), in order. */
	requests(): Array<{ method: string; url: string }> {
		const received: Array<{ method: string; url: string }> = [];
		for (const line of this.log.split('\n')) {
			if (!line.startsWith('{')) continue;
			try {
				const entry = JSON.parse(line) as { req?: { method?: string; url?: string } };
				if (entry.req?.method && entry.req.url) received.push({ method: entry.req.method, url: entry.req.url });
			} catch {
				// Verdaccio's warnings on stderr are not JSON.
			}
		}
		return received;
	}

	async stop() {
		const child = this.process;
		this.process = undefined;
		if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// Already gone.
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {
					// Already gone.
				}
			}, 5_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/**
 * A copy of a packed tarball with another version in its package.json (the repository's own
 * package.json is never touched): the "patch release" a user updates to.
 */
export async function repackWithVersion(tarball: string, version: string, outDir: string): Promise<string> {
	const stage = path.join(outDir, `stage-${version}`);
	rmSync(stage, { recursive: true, force: true });
	mkdirSync(stage, { recursive: true });
	await run('tar', ['-xzf', path.resolve(tarball), '-C', stage, '--strip-components=1']);
	const manifestFile = path.join(stage, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version: string };
	manifest.version = version;
	writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', outDir, '--loglevel=error'], { cwd: stage });
	rmSync(stage, { recursive: true, force: true });
	return path.join(outDir, stdout.trim().split('\n').pop()!);
}
