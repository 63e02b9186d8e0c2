/**
 * Scale-out: the packed package in n8n's queue mode — PostgreSQL and Redis installed from Debian's
 * packages and run on loopback by this test, `n8n start` (main), two `n8n worker --concurrency=10`
 * and one `n8n webhook`, all on one user folder with the package installed as a community package.
 *
 * Runs once per e2e run, on n8n 2.8.4 (scripts/e2e.sh 2.8.4, or jest directly); it is skipped, with
 * the reason printed, on other runtimes and where PostgreSQL and Redis cannot be installed.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createTflowEmulator, type TflowEmulator } from '../emulators/tflow';
import { ensureRuntime, packedTarball } from './lib/n8n';
import { N8nCluster, outputOf, QUEUE_MODE_N8N_VERSION, queueServicesUnavailable, runBurst } from './lib/queue';
import { burstWorkflow, TOKEN_WEBHOOK_PATH, tflowCredential, tokenWorkflow } from './lib/queue-workflows';

const version = process.env.E2E_N8N_VERSION ?? QUEUE_MODE_N8N_VERSION;
const skipReason =
	version !== QUEUE_MODE_N8N_VERSION
		? `it runs once per e2e run, on n8n ${QUEUE_MODE_N8N_VERSION}; this run is for n8n ${version}`
		: queueServicesUnavailable();
if (skipReason) console.log(`queue-mode e2e skipped: ${skipReason}`);
const describeQueueMode = skipReason ? describe.skip : describe;

const burst = burstWorkflow();
const reads = tokenWorkflow();

let cluster: N8nCluster;
let tflow: TflowEmulator;

function bearerOf(entry: { headers: Record<string, unknown> }) {
	return String(entry.headers.authorization ?? '').replace(/^Bearer /, '');
}

describeQueueMode(`n8n ${QUEUE_MODE_N8N_VERSION} in queue mode: main + 2 workers + webhook processor on PostgreSQL and Redis`, () => {
	beforeAll(async () => {
		const runtime = ensureRuntime(QUEUE_MODE_N8N_VERSION);
		const tarball = packedTarball();
		tflow = createTflowEmulator();
		await tflow.start();
		cluster = await N8nCluster.create({
			runtime,
			root: path.join(tmpdir(), 'n8n-nodes-print-workflow', 'e2e-queue-mode'),
			mode: 'queue',
			workers: 2,
			workerConcurrency: 10,
			pidFile: process.env.E2E_PID_FILE,
		});
		await cluster.prepare(tarball, [tflowCredential(tflow)], [burst, reads]);
		await cluster.start([burst.id, reads.id]);
	}, 420_000);

	afterAll(async () => {
		await cluster?.stop();
		await tflow?.stop();
	}, 60_000);

	test('activation on main registered the tFLOW webhook at the webhook processor, with its secret', async () => {
		const registered = [...tflow.state.webhooks.values()];
		expect(registered.map((webhook) => webhook.name)).toEqual(['job.approve']);
		const url = new URL(registered[0].url);
		expect(url.origin).toBe(cluster.webhookBaseUrl);
		expect(url.origin).not.toBe(cluster.main.baseUrl);
		expect(url.searchParams.get('secret')).toMatch(/^.{16,}$/);
		// The secret lives in the workflow's static data in PostgreSQL, where the webhook processor reads it.
		const [row] = await cluster.sql<{ staticData: unknown }>(`SELECT "staticData" FROM workflow_entity WHERE id = '${burst.id}'`);
		expect(JSON.stringify(row.staticData)).toContain(url.searchParams.get('secret'));
	});

	test('a 1,000-event tFLOW webhook burst is spread across both workers and no event is lost', async () => {
		const result = await runBurst(cluster, tflow, { workflowId: burst.id, triggerNode: 'tFLOW Trigger', events: 1000, concurrency: 20 });
		console.log(
			`queue mode burst: ${result.events} events, ${result.deliveredOk} answered 2xx in ${result.deliveryMs} ms, ` +
				`all executions done after ${result.drainMs} ms; per worker ${result.perWorker.join(' / ')}`,
		);
		expect(result.deliveredOk).toBe(1000);
		expect(result.executionsFailed).toBe(0);
		expect(result.executionsSucceeded).toBe(1000);
		expect(result.lost).toEqual([]);
		expect(result.duplicated).toEqual([]);
		// Every execution ran on a worker (none on main or the webhook processor), and both took a real share.
		expect(result.perWorker.reduce((sum, count) => sum + count, 0)).toBe(1000);
		for (const count of result.perWorker) expect(count).toBeGreaterThanOrEqual(100);
	}, 300_000);

	test('a tFLOW token refreshed by one worker is reused by the other: at most 2 token requests for 200 items', async () => {
		const url = `${cluster.webhookBaseUrl}/webhook/${TOKEN_WEBHOOK_PATH}`;
		const postJobs = async (count: number) => {
			const jobs = Array.from({ length: count }, (_, index) => ({ job_id: 1 + (index % 4) }));
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobs }) });
			expect(response.status).toBe(200);
			return (await response.json()) as Array<{ id: number }>;
		};
		const lastWorker = async () => {
			const executions = await cluster.executions(reads.id);
			return cluster.executionsByWorker().get(executions[executions.length - 1].id);
		};

		// The stored token is stale: the first read of whichever worker runs first gets 401.
		tflow.expireTokens();
		tflow.server.clearLog();
		const tokenRequestsBefore = tflow.tokenRequests;

		// Batches of 100 one after the other, until each worker has run one (Bull hands jobs to
		// whichever worker asks first, usually alternating).
		const workers: Array<number | undefined> = [];
		const logMarks: number[] = [];
		let items = 0;
		while (new Set(workers).size < 2 && workers.length < 6) {
			logMarks.push(tflow.server.log.length);
			const output = await postJobs(100);
			expect(output.map((job) => job.id)).toEqual(Array.from({ length: 100 }, (_, index) => 1 + (index % 4)));
			items += output.length;
			workers.push(await lastWorker());
		}
		expect(workers.every((worker) => worker !== undefined)).toBe(true);
		expect(new Set(workers).size).toBe(2);
		expect(items).toBeGreaterThanOrEqual(200);

		const tokenRequests = tflow.tokenRequests - tokenRequestsBefore;
		expect(tokenRequests).toBeLessThanOrEqual(2);
		expect(tokenRequests).toBe(1);
		// The first batch refreshed the token once; every batch after it, on either worker, used that token.
		const log = tflow.server.log;
		const firstBatch = log.slice(logMarks[0], logMarks[1]);
		expect(firstBatch.filter((entry) => entry.status === 401)).toHaveLength(1);
		const refreshed = bearerOf(firstBatch.find((entry) => entry.path.startsWith('/api/v2/') && entry.status === 200)!);
		const otherWorkerBatch = workers.findIndex((worker) => worker !== workers[0]);
		const reused = log.slice(logMarks[otherWorkerBatch], logMarks[otherWorkerBatch + 1]);
		expect(reused.filter((entry) => entry.path.startsWith('/api/v2/job/'))).toHaveLength(100);
		for (const entry of reused) {
			expect(entry.status).toBe(200);
			expect(bearerOf(entry)).toBe(refreshed);
		}
	}, 180_000);

	test('both workers meeting an expired token at the same moment still make at most 2 token requests for 200 items', async () => {
		tflow.expireTokens();
		tflow.server.clearLog();
		const tokenRequestsBefore = tflow.tokenRequests;
		const url = `${cluster.webhookBaseUrl}/webhook/${TOKEN_WEBHOOK_PATH}`;
		const jobs = Array.from({ length: 100 }, (_, index) => ({ job_id: 1 + (index % 4) }));
		const outputs = await Promise.all(
			[0, 1].map(async () => {
				const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobs }) });
				expect(response.status).toBe(200);
				return (await response.json()) as unknown[];
			}),
		);
		expect(outputs.map((output) => output.length)).toEqual([100, 100]);
		expect(tflow.tokenRequests - tokenRequestsBefore).toBeLessThanOrEqual(2);
		const okReads = tflow.server.requests('GET', /^\/api\/v2\/job\//).filter((entry) => entry.status === 200);
		expect(okReads).toHaveLength(200);
		const executions = await cluster.executions(reads.id);
		const data = await cluster.runData(executions.slice(-2).map((execution) => execution.id));
		for (const runData of data.values()) expect(outputOf(runData, 'Get Job')).toHaveLength(100);
	}, 120_000);
});
