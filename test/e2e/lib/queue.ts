/**
 * n8n in queue mode, as users scale it out: PostgreSQL and Redis (scripts/queue-services.sh), one
 * main process (`n8n start`: editor, REST API, activation, pollers), workers (`n8n worker`) that run
 * the executions, and a webhook processor (`n8n webhook`) that takes the webhook calls. All share
 * one user folder with the package installed as a community package. The same class runs a single
 * `n8n start` on the same database for comparison (`mode: 'regular'`).
 *
 * Used by test/e2e/queue-mode.test.ts and, through runQueueModeBurst() / runSingleProcessBurst(),
 * by the benchmark that compares the two modes.
 */
import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { IRun } from 'n8n-workflow';

import type { TflowEmulator } from '../../../tools/emulators/tflow';
import type { CredentialFixture, Runtime, ServerCommand, WorkflowFixture } from '../../../tools/n8n/instance';
import { ensureRuntime, freePort, killAll, N8nInstance, packedTarball, REPO_ROOT, sleep, tail } from '../../../tools/n8n/instance';
import { burstWorkflow } from './queue-workflows';
import { QUEUE_MODE_N8N_VERSION } from '../../../tools/n8n/versions';
import { credentialFixtures, startEmulators, stopEmulators, type Emulators } from '../../../tools/n8n/world';

const run = promisify(execFile);

const SERVICES_SCRIPT = path.join(REPO_ROOT, 'scripts/queue-services.sh');
const TEMP_PARENT = path.join(tmpdir(), 'n8n-nodes-print-workflow');

/** The runtime the queue-mode tests and figures use (n8n-versions.json's queueMode line). */
export { QUEUE_MODE_N8N_VERSION };

const WORKER_COMMAND = (concurrency: number): ServerCommand => ({
	args: ['worker', `--concurrency=${concurrency}`],
	readyLine: 'n8n worker is now ready',
});
const WEBHOOK_COMMAND: ServerCommand = { args: ['webhook'], readyLine: 'Webhook listener waiting for requests.' };

/** What scripts/queue-services.sh start prints. */
export interface QueueServices {
	dir: string;
	pgPort: number;
	pgPid: number;
	redisPort: number;
	redisPid: number;
	database: string;
	user: string;
	password: string;
	psql: string;
}

/**
 * Installs PostgreSQL and Redis from Debian's packages if they are missing. Returns why they cannot
 * be had (the one reason to skip the queue-mode tests), or undefined when they are there.
 */
export function queueServicesUnavailable(): string | undefined {
	const result = spawnSync('bash', [SERVICES_SCRIPT, 'ensure'], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
	if (result.status === 0) return undefined;
	if (result.status === 3) return result.stderr.trim();
	throw new Error(`scripts/queue-services.sh ensure failed (exit ${result.status}): ${result.stderr}`);
}

async function startServices(dir: string, pidFile?: string): Promise<QueueServices> {
	const { stdout } = await run('bash', [SERVICES_SCRIPT, 'start', dir], { encoding: 'utf8' });
	const services = JSON.parse(stdout.trim().split('\n').pop()!) as QueueServices;
	// Both lead their own process group: scripts/e2e.sh ends them if this process dies first.
	if (pidFile) appendFileSync(pidFile, `${services.pgPid}\n${services.redisPid}\n`);
	return services;
}

async function stopServices(services: QueueServices) {
	await run('bash', [SERVICES_SCRIPT, 'stop', services.dir]);
}

export type ExecutionMode = 'queue' | 'regular';

export interface ClusterOptions {
	runtime: Runtime;
	/**
	 * A new folder for the user folder and the databases (default: a fresh temporary one, so that
	 * runs from several checkouts at once do not meet); removed by stop().
	 */
	root?: string;
	/** `queue`: main + workers + webhook processor; `regular`: one `n8n start`. */
	mode?: ExecutionMode;
	workers?: number;
	workerConcurrency?: number;
	pidFile?: string;
}

export interface ExecutionRow {
	id: string;
	status: string;
}

/** n8n's processes on one PostgreSQL database (and, in queue mode, one Redis queue). */
export class N8nCluster {
	readonly mode: ExecutionMode;

	readonly main: N8nInstance;

	readonly workers: N8nInstance[];

	readonly webhook?: N8nInstance;

	private readonly workerConcurrency: number;

	private readonly runtime: Runtime;

	private constructor(
		readonly root: string,
		readonly services: QueueServices,
		options: ClusterOptions,
		ports: { webhook: number; healthChecks: number[] },
	) {
		this.runtime = options.runtime;
		this.mode = options.mode ?? 'queue';
		this.workerConcurrency = options.workerConcurrency ?? 10;
		const queue = this.mode === 'queue';
		const userFolder = path.join(root, 'n8n');
		const webhookUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared: Record<string, string> = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(services.pgPort),
			DB_POSTGRESDB_DATABASE: services.database,
			DB_POSTGRESDB_USER: services.user,
			DB_POSTGRESDB_PASSWORD: services.password,
			EXECUTIONS_MODE: this.mode,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(services.redisPort),
			// Webhook URLs registered at activation (tFLOW's subscriptions) point at the webhook processor.
			...(queue ? { WEBHOOK_URL: webhookUrl } : {}),
			// Production webhooks are for the webhook processor only, as in n8n's scaling guide.
			...(queue ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {}),
		};
		// Each process its own ports: REST or webhooks, task broker (init) and the worker health check
		// (off, but its default port 5678 may be taken).
		const healthChecks = [...ports.healthChecks];
		const instance = (port?: number) =>
			new N8nInstance({
				runtime: options.runtime,
				userFolder,
				fresh: false,
				pidFile: options.pidFile,
				port,
				env: { ...shared, QUEUE_HEALTH_CHECK_PORT: String(healthChecks.shift()) },
			});
		this.main = instance();
		this.workers = queue ? Array.from({ length: options.workers ?? 2 }, () => instance()) : [];
		this.webhook = queue ? instance(ports.webhook) : undefined;
	}

	/** Starts PostgreSQL and Redis and prepares (does not start) the n8n processes. */
	static async create(options: ClusterOptions): Promise<N8nCluster> {
		let root = options.root;
		if (root) mkdirSync(root, { recursive: true });
		else {
			mkdirSync(TEMP_PARENT, { recursive: true });
			root = mkdtempSync(path.join(TEMP_PARENT, `${options.mode ?? 'queue'}-`));
		}
		const services = await startServices(path.join(root, 'services'), options.pidFile);
		const healthChecks: number[] = [];
		const processCount = options.mode === 'regular' ? 1 : (options.workers ?? 2) + 2;
		for (let index = 0; index < processCount; index++) healthChecks.push(await freePort());
		const cluster = new N8nCluster(root, services, options, { webhook: await freePort(), healthChecks });
		for (const process of cluster.processes) await process.init();
		return cluster;
	}

	/** Every n8n process: main, workers, webhook processor. */
	get processes(): N8nInstance[] {
		return [this.main, ...this.workers, ...(this.webhook ? [this.webhook] : [])];
	}

	/** Where webhook calls go: the webhook processor in queue mode, else the main process. */
	get webhookBaseUrl() {
		return (this.webhook ?? this.main).baseUrl;
	}

	/** Installs the package, imports credentials and workflows (CLI; the first call migrates the database). */
	async prepare(tarball: string, credentials: CredentialFixture[], workflows: WorkflowFixture[]) {
		this.main.installPackage(tarball);
		await this.main.importCredentials(credentials);
		await this.main.importWorkflows(workflows);
	}

	/** Starts every process at once; then creates the owner (for the REST API) and activates workflows. */
	async start(activate: string[] = []) {
		await Promise.all([
			this.main.start(180_000),
			...this.workers.map((worker) => worker.start(180_000, WORKER_COMMAND(this.workerConcurrency))),
			...(this.webhook ? [this.webhook.start(180_000, WEBHOOK_COMMAND)] : []),
		]);
		await this.main.setupOwner();
		for (const workflowId of activate) await this.main.activate(workflowId);
	}

	/** Stops and starts the main process (workers and webhook processor keep running). */
	async restartMain() {
		await this.main.stop();
		await this.main.start(180_000);
		await this.main.login();
	}

	async stop() {
		await Promise.allSettled(this.processes.map((process) => process.stop()));
		killAll();
		await stopServices(this.services).catch(() => undefined);
		rmSync(this.root, { recursive: true, force: true, maxRetries: 5 });
	}

	/** Rows of a query against n8n's database (psql, JSON-encoded by PostgreSQL). */
	async sql<T = Record<string, unknown>>(query: string): Promise<T[]> {
		const { stdout } = await run(
			this.services.psql,
			[
				'-h', '127.0.0.1', '-p', String(this.services.pgPort), '-U', this.services.user, '-d', this.services.database,
				'-At', '-v', 'ON_ERROR_STOP=1',
				'-c', `SELECT coalesce(json_agg(row_to_json(result)), '[]'::json) FROM (${query}) AS result`,
			],
			{ env: { ...process.env, PGPASSWORD: this.services.password }, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' },
		);
		return JSON.parse(stdout) as T[];
	}

	/** The workflow's executions (id and status), oldest first. */
	async executions(workflowId: string): Promise<ExecutionRow[]> {
		return this.sql<ExecutionRow>(
			`SELECT id::text AS id, status FROM execution_entity WHERE "workflowId" = '${sqlText(workflowId)}' ORDER BY id`,
		);
	}

	/** Waits until the workflow has at least `count` finished executions; returns all of them. */
	async waitForFinished(workflowId: string, count: number, timeoutMs: number): Promise<ExecutionRow[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.executions(workflowId);
			const finished = executions.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
			if (finished.length >= count) return executions;
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${finished.length} of ${count} executions finished after ${timeoutMs} ms` +
						this.processes.map((process) => `\n--- ${process.port}\n${tail(process.serverLog, 15)}`).join(''),
				);
			}
			await sleep(200);
		}
	}

	/** Run data of executions (n8n stores it in the `flatted` format), by execution id. */
	async runData(executionIds: string[]): Promise<Map<string, IRun['data']>> {
		if (executionIds.length === 0) return new Map();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(this.runtime.dir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
		const rows = await this.sql<{ id: string; data: string }>(
			`SELECT "executionId"::text AS id, data FROM execution_data WHERE "executionId" IN (${executionIds.map(Number).join(',')})`,
		);
		return new Map(rows.map((row) => [row.id, flatted.parse(row.data) as IRun['data']]));
	}

	/** Which worker (index into `workers`) started each execution, read from the workers' logs. */
	executionsByWorker(): Map<string, number> {
		const owners = new Map<string, number>();
		this.workers.forEach((worker, index) => {
			for (const match of worker.serverLog.matchAll(/Worker started execution (\d+)/g)) owners.set(match[1], index);
		});
		return owners;
	}
}

function sqlText(value: string) {
	return value.replace(/'/g, "''");
}

/** Items a node output in one execution's run data (first run, first output). */
export function outputOf(data: IRun['data'], nodeName: string): Array<Record<string, any>> {
	const task = data.resultData.runData[nodeName]?.[0];
	return (task?.data?.main?.[0] ?? []).map((item) => item.json as Record<string, any>);
}

export interface BurstResult {
	events: number;
	/** Deliveries tFLOW's emulator made and the receiver answered with 2xx. */
	deliveredOk: number;
	/** From the first delivery until every delivery was answered. */
	deliveryMs: number;
	/** From the first delivery until every execution had finished. */
	drainMs: number;
	executionsSucceeded: number;
	executionsFailed: number;
	/** Event sequence numbers without a successful execution. */
	lost: number[];
	/** Event sequence numbers with more than one execution. */
	duplicated: number[];
	/** Executions started by each worker (queue mode). */
	perWorker: number[];
	/** How long the receiver took to answer a delivery (p50, p99). */
	answerMs: Percentiles;
	/** From an execution's creation (the delivery was accepted) to its end (p50, p99). */
	executionMs: Percentiles;
}

export interface Percentiles {
	p50: number;
	p99: number;
}

function percentiles(values: number[]): Percentiles {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (fraction: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] : 0);
	return { p50: Math.round(at(0.5)), p99: Math.round(at(0.99)) };
}

/**
 * Fires `events` deliveries of `job.approve` (each with its `sequence` number) from the tFLOW
 * emulator to the burst workflow, `concurrency` at a time, and accounts for every event: which
 * execution received it, and which worker ran that execution.
 */
export async function runBurst(
	cluster: N8nCluster,
	tflow: TflowEmulator,
	options: { workflowId: string; triggerNode: string; events: number; concurrency: number; timeoutMs?: number },
): Promise<BurstResult> {
	const before = new Set((await cluster.executions(options.workflowId)).map((execution) => execution.id));
	const deliveriesBefore = tflow.deliveries.length;
	const started = Date.now();
	const response = await fetch(`${tflow.url}/__control/burst`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ event: 'job.approve', job_id: 2, count: options.events, concurrency: options.concurrency }),
	});
	if (!response.ok) throw new Error(`tFLOW emulator burst: HTTP ${response.status} ${await response.text()}`);
	const fired = (await response.json()) as { ok: number; deliveries: number };
	const deliveryMs = Date.now() - started;
	const all = await cluster.waitForFinished(options.workflowId, before.size + fired.ok, options.timeoutMs ?? 240_000);
	const drainMs = Date.now() - started;

	const executions = all.filter((execution) => !before.has(execution.id));
	const succeeded = executions.filter((execution) => execution.status === 'success');
	const data = await cluster.runData(succeeded.map((execution) => execution.id));
	const seen = new Map<number, number>();
	for (const runData of data.values()) {
		for (const item of outputOf(runData, options.triggerNode)) {
			const sequence = Number(item.sequence);
			seen.set(sequence, (seen.get(sequence) ?? 0) + 1);
		}
	}
	const sequences = Array.from({ length: options.events }, (_, index) => index + 1);
	const durations = await cluster.sql<{ id: string; ms: number }>(
		`SELECT id::text AS id, EXTRACT(EPOCH FROM ("stoppedAt" - "createdAt")) * 1000 AS ms FROM execution_entity ` +
			`WHERE "workflowId" = '${sqlText(options.workflowId)}' AND "stoppedAt" IS NOT NULL`,
	);
	const owners = cluster.executionsByWorker();
	const perWorker = cluster.workers.map(() => 0);
	for (const execution of executions) {
		const owner = owners.get(execution.id);
		if (owner !== undefined) perWorker[owner]++;
	}
	return {
		events: options.events,
		deliveredOk: fired.ok,
		deliveryMs,
		drainMs,
		executionsSucceeded: succeeded.length,
		executionsFailed: executions.length - succeeded.length,
		lost: sequences.filter((sequence) => !seen.has(sequence)),
		duplicated: sequences.filter((sequence) => (seen.get(sequence) ?? 0) > 1),
		perWorker,
		answerMs: percentiles(tflow.deliveries.slice(deliveriesBefore).map((delivery) => delivery.durationMs)),
		executionMs: percentiles(durations.filter((row) => !before.has(row.id)).map((row) => Number(row.ms))),
	};
}

export interface BurstFigures extends BurstResult {
	mode: 'single-process' | 'queue';
	/** The n8n processes that took part. */
	processes: string;
	n8nVersion: string;
	/** Events per second from the first delivery until the last execution finished. */
	eventsPerSecond: number;
}

export interface BurstBenchOptions {
	events?: number;
	/** Deliveries in flight at once (default 20). */
	concurrency?: number;
	/** n8n runtime (default: QUEUE_MODE_N8N_VERSION). */
	version?: string;
	/** Packed package (default: scripts/lib/pack.sh). */
	tarball?: string;
	/** Workers in queue mode (default 2, concurrency 10 each). */
	workers?: number;
}

async function runBurstBench(mode: ExecutionMode, options: BurstBenchOptions): Promise<BurstFigures> {
	const version = options.version ?? QUEUE_MODE_N8N_VERSION;
	const events = options.events ?? 1000;
	const runtime = ensureRuntime(version);
	const tarball = options.tarball ?? packedTarball();
	let emulators: Emulators | undefined;
	let cluster: N8nCluster | undefined;
	try {
		emulators = await startEmulators();
		cluster = await N8nCluster.create({
			runtime,
			mode,
			workers: options.workers,
			pidFile: process.env.E2E_PID_FILE,
		});
		const workflow = burstWorkflow();
		await cluster.prepare(tarball, credentialFixtures(emulators), [workflow]);
		await cluster.start([workflow.id]);
		const result = await runBurst(cluster, emulators.tflow, {
			workflowId: workflow.id,
			triggerNode: workflow.nodes[0].name as string,
			events,
			concurrency: options.concurrency ?? 20,
		});
		return {
			mode: mode === 'queue' ? 'queue' : 'single-process',
			processes: mode === 'queue' ? `main + ${cluster.workers.length} workers + webhook` : 'main',
			n8nVersion: version,
			eventsPerSecond: Math.round((events / result.drainMs) * 1000 * 10) / 10,
			...result,
		};
	} finally {
		await cluster?.stop();
		await stopEmulators(emulators);
	}
}

/**
 * The 1,000-event tFLOW webhook burst in queue mode (main + 2 workers + webhook processor on
 * PostgreSQL and Redis). Throws if PostgreSQL and Redis cannot be installed: check
 * queueServicesUnavailable() first.
 */
export function runQueueModeBurst(options: BurstBenchOptions = {}): Promise<BurstFigures> {
	return runBurstBench('queue', options);
}

/** The same burst against one `n8n start` on the same PostgreSQL database. */
export function runSingleProcessBurst(options: BurstBenchOptions = {}): Promise<BurstFigures> {
	return runBurstBench('regular', options);
}

