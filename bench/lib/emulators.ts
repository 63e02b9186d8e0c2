/** Starts an emulator in a child process (bench/lib/emulator-host.ts) and talks to its control routes. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface EmulatorProcess {
	url: string;
	clientId: string;
	clientSecret: string;
	username?: string;
	password?: string;
	/** A JSON call to the emulator (control routes under /__control, or the API itself). */
	call<T = any>(method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

export async function startEmulator(system: 'tflow' | 'papilio', options: Record<string, unknown> = {}): Promise<EmulatorProcess> {
	const child = spawn(
		process.execPath,
		[path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'emulator-host.ts'), system, JSON.stringify(options)],
		// The host exits when its stdin closes, so it never outlives this process, however this one ends.
		{ cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
	);
	running.add(child);
	child.once('exit', () => running.delete(child));
	const firstLine = await new Promise<string>((resolve, reject) => {
		const lines = createInterface({ input: child.stdout! });
		lines.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`the ${system} emulator exited (${code}) before it was ready`)));
	});
	const info = JSON.parse(firstLine) as Omit<EmulatorProcess, 'call' | 'stop'>;
	return {
		...info,
		async call(method, urlPath, body, headers = {}) {
			const response = await fetch(`${info.url}${urlPath}`, {
				method,
				headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (response.status >= 400) throw new Error(`${method} ${urlPath}: HTTP ${response.status} ${text.slice(0, 300)}`);
			return text ? JSON.parse(text) : undefined;
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
