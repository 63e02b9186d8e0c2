/**
 * Drives a real n8n (installed by scripts/n8n-runtime.sh) with this package installed as a
 * community package: user folder, `n8n` CLI commands, `n8n start` / stop, and the REST API of the
 * running instance. Used by the e2e tests and by the sandbox (scripts/sandbox.ts).
 *
 * Every process it starts is a process-group leader; `stop()` / `killAll()` end the whole group
 * (n8n and its task runner), and each pid is appended to a pid file so scripts/e2e.sh can clean up
 * after a crashed test process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface Runtime {
	version: string;
	/** The node binary n8n runs on (see n8n-versions.json: Node 22 for 1.x, the machine's for 2.8, Node 24 for 2.10+). */
	nodeBin: string;
	/** n8n's bin script. */
	n8nBin: string;
	/** The runtime folder (holds node_modules/n8n). */
	dir: string;
}

/**
 * Installs the runtime if needed (minutes, once) and returns where it is. Throws when the install
 * fails: a missing runtime must fail the e2e suite, never skip it.
 */
export function ensureRuntime(version: string): Runtime {
	const envFile = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/n8n-runtime.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	const env = readFileSync(envFile, 'utf8');
	const value = (name: string) => {
		const match = new RegExp(`^export ${name}="([^"]*)"`, 'm').exec(env);
		if (!match) throw new Error(`${envFile} does not define ${name}`);
		return match[1];
	};
	const runtime: Runtime = {
		version,
		nodeBin: value('N8N_NODE'),
		n8nBin: value('N8N_BIN'),
		dir: path.dirname(envFile),
	};
	for (const file of [runtime.nodeBin, runtime.n8nBin]) {
		if (!existsSync(file)) throw new Error(`n8n runtime ${version} is incomplete: ${file} is missing`);
	}
	return runtime;
}

/** The tarball scripts/e2e.sh packed (E2E_PACKAGE_TARBALL), or a fresh one from scripts/lib/pack.sh. */
export function packedTarball(): string {
	if (process.env.E2E_PACKAGE_TARBALL) return process.env.E2E_PACKAGE_TARBALL;
	return execFileSync('bash', [path.join(REPO_ROOT, 'scripts/lib/pack.sh')], { encoding: 'utf8' }).trim();
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the kernel picks it; never 5678/5679). */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: picked } = server.address() as net.AddressInfo;
				server.close(() => resolve(picked));
			});
		});
		if (port !== 5678 && port !== 5679) return port;
	}
}

export interface CommandResult {
	code: number | null;
	/** The signal that ended the process, if one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	/** Plain (decrypted) fields: n8n encrypts them on import. */
	data: Record<string, unknown>;
}

export interface WorkflowFixture {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExecuteResult extends CommandResult {
	/** The run as `n8n execute` printed it (success and failure both print it). */
	run?: IRun;
}

export interface InstanceOptions {
	runtime: Runtime;
	/** Becomes N8N_USER_FOLDER; everything n8n stores lives in `<userFolder>/.n8n`. */
	userFolder: string;
	/** Start from an empty folder (default true). */
	fresh?: boolean;
	port?: number;
	brokerPort?: number;
	encryptionKey?: string;
	/** Where `pid` lines of started processes are appended (for cleanup after a crash). */
	pidFile?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Mirror n8n's output of `start` to this process's stdout (the sandbox does). */
	echoServerLog?: boolean;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@print-workflow.test',
	password: 'Sandbox-Pass-1',
	firstName: 'Print',
	lastName: 'Owner',
};

const BROWSER_ID = 'print-workflow-e2e-browser';
const READY_LINE = 'Editor is now accessible via';

/** A long-running n8n command and the log line that says it is ready. */
export interface ServerCommand {
	args: string[];
	readyLine: string;
}

/** `n8n start`: the main process (editor, REST API, activation). */
export const MAIN_COMMAND: ServerCommand = { args: ['start'], readyLine: READY_LINE };

const started = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Ends every process this module started that is still running (SIGKILL: no grace). */
export function killAll() {
	for (const child of started) killGroup(child, 'SIGKILL');
	started.clear();
}

export class N8nInstance {
	readonly runtime: Runtime;

	readonly userFolder: string;

	port = 0;

	brokerPort = 0;

	readonly encryptionKey: string;

	/** Output of the running (or last) `n8n start`. */
	serverLog = '';

	private server?: ChildProcess;

	private cookie = '';

	constructor(private readonly options: InstanceOptions) {
		this.runtime = options.runtime;
		this.userFolder = options.userFolder;
		this.encryptionKey = options.encryptionKey ?? 'print-workflow-e2e-key';
		if (options.fresh !== false) rmSync(this.userFolder, { recursive: true, force: true });
		mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
	}

	/** Picks free ports (unless given) so several instances and other software can coexist. */
	async init(): Promise<this> {
		this.port = this.options.port ?? (await freePort());
		this.brokerPort = this.options.brokerPort ?? (await freePort());
		return this;
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	get isAtLeast2_40() {
		const [major, minor] = this.runtime.version.split('.').map(Number);
		return major > 2 || (major === 2 && minor >= 40);
	}

	/** n8n 1.x: workflows are activated with `active: true` (2.x publishes them instead). */
	get isV1() {
		return Number(this.runtime.version.split('.')[0]) < 2;
	}

	/** The environment of every n8n process: loopback only, no telemetry, fixed key, our ports. */
	env(): NodeJS.ProcessEnv {
		// npm settings an outer `npm run` / `npm test` exported are not passed on (n8n runs npm itself
		// for community packages); ones given in `options.env` are.
		const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
		const env: NodeJS.ProcessEnv = {
			...inherited,
			PATH: `${path.dirname(this.runtime.nodeBin)}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(this.port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			// The task broker's default port is 5679, which other software here may hold.
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			// $now/$today in the machine's zone rather than n8n's default America/New_York.
			GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
			...this.options.env,
		};
		// Variables of the test process that would change n8n's behaviour.
		for (const name of ['NODE_ENV', 'NODE_OPTIONS', 'NODE_PATH', 'JEST_WORKER_ID', 'TS_NODE_PROJECT']) delete env[name];
		if (this.isAtLeast2_40) {
			// A startup task would call api.n8n.io (2.8.x refuses this variable: "Unknown module").
			env.N8N_DISABLED_MODULES = 'mcp-registry';
			// Activate synchronously at start, so webhooks exist once the editor line is printed.
			env.N8N_USE_WORKFLOW_PUBLICATION_SERVICE = 'false';
		}
		return env;
	}

	/**
	 * Installs a packed tarball the way n8n installs community packages: into `.n8n/nodes`, without
	 * peer and dev dependencies (n8n provides n8n-workflow through NODE_PATH).
	 */
	installPackage(tarball: string) {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		mkdirSync(nodesDir, { recursive: true });
		writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		execFileSync(
			'npm',
			['install', path.resolve(tarball), '--omit=peer', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
			{ cwd: nodesDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
		);
		const dependencies = JSON.parse(readFileSync(path.join(nodesDir, 'package.json'), 'utf8')).dependencies ?? {};
		const installed = Object.keys(dependencies).map((name) => path.join(nodesDir, 'node_modules', name));
		if (installed.length !== 1 || !existsSync(path.join(installed[0], 'package.json'))) {
			throw new Error(`npm did not install ${tarball} into ${nodesDir}`);
		}
		return installed[0];
	}

	/** Runs one `n8n` CLI command (each boots the whole app, ~3-5 s) and returns its output. */
	cli(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		const begin = Date.now();
		return new Promise((resolve, reject) => {
			const child = this.spawnN8n(args);
			let stdout = '';
			let stderr = '';
			child.stdout!.on('data', (chunk) => (stdout += chunk));
			child.stderr!.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => {
				killGroup(child, 'SIGKILL');
				reject(new Error(`n8n ${args.join(' ')} did not finish in ${timeoutMs} ms\n${tail(stdout + stderr)}`));
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				started.delete(child);
				resolve({ code, signal, stdout, stderr, durationMs: Date.now() - begin });
			});
		});
	}

	/** A CLI command that must succeed. */
	async cliOk(args: string[], timeoutMs?: number): Promise<CommandResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.code}\n${tail(result.stdout + result.stderr)}`);
		}
		return result;
	}

	async importCredentials(credentials: CredentialFixture[]) {
		const file = this.writeInput('credentials.json', credentials);
		return this.cliOk(['import:credentials', `--input=${file}`]);
	}

	/** Imports all workflows in one CLI call (ids are kept; imported workflows are inactive). */
	async importWorkflows(workflows: WorkflowFixture[]) {
		const file = this.writeInput('workflows.json', workflows);
		return this.cliOk(['import:workflow', `--input=${file}`]);
	}

	/** Marks a workflow as published (1.x: active) in the database; it is activated by the next `n8n start`. */
	async publish(workflowId: string) {
		if (this.isV1) return this.cliOk(['update:workflow', `--id=${workflowId}`, '--active=true']);
		return this.cliOk(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute --id … --rawOutput`: starts at the Manual Trigger, prints the run (also on failure). */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ...result, run: parsePrintedRun(result.stdout) };
	}

	/**
	 * An execution that must succeed; returns the run. n8n 2.40 on Node 24 sometimes dies with
	 * SIGSEGV while exiting, after it printed and stored the finished run (isolated-vm teardown; not
	 * with N8N_EXPRESSION_ENGINE=legacy). A complete, successful printed run counts then.
	 */
	async executeOk(workflowId: string): Promise<IRun> {
		const result = await this.execute(workflowId);
		const exitedCleanly = result.code === 0 || (result.signal === 'SIGSEGV' && result.run?.finished === true);
		if (!exitedCleanly || !result.run || result.run.data.resultData.error || result.run.status !== 'success') {
			const error = result.run?.data.resultData.error;
			throw new Error(
				`n8n execute --id=${workflowId} failed (exit ${result.code})` +
					(error ? `: ${error.message} ${error.description ?? ''}` : '') +
					`\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result.run;
	}

	/** Decrypted credential data as n8n stores it (e.g. to see a persisted token). */
	async exportCredential(credentialId: string): Promise<Record<string, unknown>> {
		const output = path.join(this.userFolder, `credential-${credentialId}.json`);
		await this.cliOk(['export:credentials', `--id=${credentialId}`, '--decrypted', `--output=${output}`]);
		const exported = JSON.parse(readFileSync(output, 'utf8'));
		rmSync(output, { force: true });
		return (Array.isArray(exported) ? exported[0] : exported).data;
	}

	/** The bytes of a binary in a run (n8n's filesystem store, or base64 in the item itself). */
	readBinary(binary: { id?: string; data: string }): Buffer {
		if (!binary.id) return Buffer.from(binary.data, 'base64');
		const relative = binary.id.slice(binary.id.indexOf(':') + 1);
		const candidates = ['storage', 'binaryData'].map((folder) => path.join(this.userFolder, '.n8n', folder, relative));
		const file = candidates.find((candidate) => existsSync(candidate));
		if (!file) throw new Error(`binary ${binary.id} is not in ${candidates.join(' or ')}`);
		return readFileSync(file);
	}

	/**
	 * `n8n start` (or another long-running `command`, e.g. `worker`); resolves once the editor is
	 * up and published workflows are activated (or the command's ready line was printed).
	 */
	async start(timeoutMs = 120_000, command: ServerCommand = MAIN_COMMAND) {
		if (this.server) throw new Error('n8n is already running');
		this.serverLog = '';
		const child = this.spawnN8n(command.args);
		this.server = child;
		const onOutput = (chunk: Buffer) => {
			this.serverLog += chunk.toString();
			if (this.options.echoServerLog) process.stdout.write(chunk);
		};
		child.stdout!.on('data', onOutput);
		child.stderr!.on('data', onOutput);
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`n8n ${command.args.join(' ')}: no "${command.readyLine}" within ${timeoutMs} ms\n${tail(this.serverLog)}`));
			}, timeoutMs);
			const check = () => {
				if (this.serverLog.includes(command.readyLine)) {
					cleanup();
					resolve();
				}
			};
			const exited = (code: number | null) => {
				cleanup();
				this.server = undefined;
				reject(new Error(`n8n ${command.args.join(' ')} exited early (${code})\n${tail(this.serverLog)}`));
			};
			const cleanup = () => {
				clearTimeout(timer);
				child.stdout!.off('data', check);
				child.off('exit', exited);
			};
			child.stdout!.on('data', check);
			child.on('exit', exited);
			check();
		});
	}

	get running() {
		return this.server !== undefined;
	}

	/** Resolves with the exit code once the running n8n has exited (on its own or by stop()). */
	exited(): Promise<number | null> {
		const child = this.server;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
		return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	}

	/** SIGTERM to n8n and its task runner; SIGKILL if they have not exited after `graceMs`. */
	async stop(graceMs = 15_000) {
		const child = this.server;
		this.server = undefined;
		this.cookie = '';
		if (!child || child.exitCode !== null || child.signalCode !== null) {
			if (child) started.delete(child);
			return;
		}
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		// The task runner may outlive its parent for a moment; it is in the same group.
		killGroup(child, 'SIGKILL');
		started.delete(child);
	}

	/** Creates the instance owner (fresh instance) and keeps its session cookie. */
	async setupOwner(owner: Owner = DEFAULT_OWNER) {
		const response = await this.request('POST', '/rest/owner/setup', owner, false);
		if (response.status >= 400) {
			throw new Error(`owner setup failed: ${response.status} ${JSON.stringify(response.body)}`);
		}
		return owner;
	}

	async login(owner: Owner = DEFAULT_OWNER) {
		const response = await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }, false);
		if (response.status >= 400) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
	}

	/** A call to n8n's internal REST API with the owner's session; `data` is unwrapped. */
	async rest<T = any>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await this.request(method, urlPath, body, true);
		if (response.status >= 400) {
			throw new Error(`${method} ${urlPath}: ${response.status} ${JSON.stringify(response.body)}`);
		}
		const parsed = response.body as { data?: T };
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	async activate(workflowId: string) {
		const workflow = await this.rest<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
		if (this.isV1) return this.rest('PATCH', `/rest/workflows/${workflowId}`, { active: true, versionId: workflow.versionId });
		return this.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async deactivate(workflowId: string) {
		if (this.isV1) {
			const workflow = await this.rest<{ versionId: string }>('GET', `/rest/workflows/${workflowId}`);
			return this.rest('PATCH', `/rest/workflows/${workflowId}`, { active: false, versionId: workflow.versionId });
		}
		return this.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
	}

	/** Starts a manual run of a workflow from a trigger node (as "Execute workflow" in the editor). */
	async runManually(workflowId: string, triggerNodeName: string): Promise<string> {
		const workflowData = await this.rest('GET', `/rest/workflows/${workflowId}`);
		// 2.8 reads `workflowData` from the body; 2.40 loads the workflow itself and ignores it.
		const result = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/rest/workflows/${workflowId}/run`, {
			workflowData,
			triggerToStartFrom: { name: triggerNodeName },
		});
		if (!result.executionId) throw new Error(`manual run of ${workflowId} did not start: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	/** Executions of a workflow, newest first (summaries without run data). */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.rest<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return result.results;
	}

	/** One execution with its run data (n8n stores it in the `flatted` format). */
	async execution(executionId: string): Promise<ExecutionDetails> {
		const execution = await this.rest<ExecutionDetails & { data: string }>('GET', `/rest/executions/${executionId}`);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(this.runtime.dir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
		return { ...execution, data: flatted.parse(execution.data) as IRun['data'] };
	}

	/** Waits until an execution has finished and returns it. */
	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<ExecutionDetails> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.execution(executionId);
			if (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution.status} after ${timeoutMs} ms`);
			await sleep(250);
		}
	}

	/** Waits until a workflow has `count` executions (or more) and returns them, newest first. */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.executions(workflowId);
			const done = executions.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
			if (done.length >= count) return done;
			if (Date.now() > deadline) {
				throw new Error(`workflow ${workflowId}: ${done.length} of ${count} executions after ${timeoutMs} ms\n${tail(this.serverLog)}`);
			}
			await sleep(250);
		}
	}

	/** The node types n8n has loaded, as the editor fetches them. */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string; version: number | number[] }>> {
		const response = await this.request('GET', '/types/nodes.json', undefined, true);
		if (response.status >= 400) throw new Error(`GET /types/nodes.json: ${response.status}`);
		return response.body as Array<{ name: string; displayName: string; version: number | number[] }>;
	}

	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		const response = await this.request('GET', '/types/credentials.json', undefined, true);
		if (response.status >= 400) throw new Error(`GET /types/credentials.json: ${response.status}`);
		return response.body as Array<{ name: string; displayName: string }>;
	}

	private async request(method: string, urlPath: string, body: unknown, withSession: boolean) {
		const headers: Record<string, string> = { 'browser-id': BROWSER_ID, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (withSession && this.cookie) headers.cookie = this.cookie;
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// Not JSON: keep the text for the error message.
		}
		return { status: response.status, body: parsed };
	}

	private spawnN8n(args: string[]): ChildProcess {
		const child = spawn(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(),
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		started.add(child);
		if (this.options.pidFile && child.pid !== undefined) appendFileSync(this.options.pidFile, `${child.pid}\n`);
		child.once('exit', () => {
			if (child !== this.server) started.delete(child);
		});
		return child;
	}

	private writeInput(name: string, content: unknown) {
		const file = path.join(this.userFolder, name);
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
	startedAt: string;
	stoppedAt?: string;
}

export interface ExecutionDetails extends ExecutionSummary {
	data: IRun['data'];
}

/**
 * The run JSON from `n8n execute` output. Task-runner log lines may come first, and on failure
 * the run follows an "Execution error" banner; the run is the first top-level `{ … }` block.
 */
export function parsePrintedRun(stdout: string): IRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start === -1) return undefined;
	const end = lines.findIndex((line, index) => index > start && line === '}');
	if (end === -1) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n')) as IRun;
	} catch {
		return undefined;
	}
}

/** Items of a node's first output in a run (the first run of that node unless `runIndex`). */
export function nodeOutput(run: Pick<IRun, 'data'>, nodeName: string, runIndex = 0): Array<Record<string, any>> {
	const nodeRuns = run.data.resultData.runData[nodeName];
	if (!nodeRuns?.[runIndex]) {
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	}
	const task = nodeRuns[runIndex];
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message} ${task.error.description ?? ''}`);
	return (task.data?.main?.[0] ?? []).map((item) => item.json as Record<string, any>);
}

export function tail(text: string, lines = 60) {
	return text.split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
