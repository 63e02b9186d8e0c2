/**
 * Scale-out: the packed package in n8n's queue mode — PostgreSQL and Redis installed from Debian's
 * packages and run on loopback by this test, `n8n start` (main), two `n8n worker --concurrency=10`
 * and one `n8n webhook`, all on one user folder with the package installed as a community package.
 *
 * Runs once per e2e run, on n8n 2.8.4 (scripts/e2e.sh 2.8.4, or jest directly); it is skipped, with
 * the reason printed, on other runtimes and where PostgreSQL and Redis cannot be installed.
 */
import { STATUS } from '../../tools/emulators/papilio';
import { ensureRuntime, packedTarball, sleep } from '../../tools/n8n/instance';
import { N8nCluster, outputOf, QUEUE_MODE_N8N_VERSION, queueServicesUnavailable, runBurst } from './lib/queue';
import { burstWorkflow, pollWorkflow, TOKEN_WEBHOOK_PATH, tokenWorkflow } from './lib/queue-workflows';
import { credentialFixtures, startEmulators, stopEmulators, type Emulators } from '../../tools/n8n/world';

const version = process.env.E2E_N8N_VERSION ?? QUEUE_MODE_N8N_VERSION;
const skipReason =
	version !== QUEUE_MODE_N8N_VERSION
		? `it runs once per e2e run, on n8n ${QUEUE_MODE_N8N_VERSION}; this run is for n8n ${version}`
		: queueServicesUnavailable();
if (skipReason) console.log(`queue-mode e2e skipped: ${skipReason}`);
const describeQueueMode = skipReason ? describe.skip : describe;

const burst = burstWorkflow();
const reads = tokenWorkflow();
const poll = pollWorkflow();

let cluster: N8nCluster;
let emulators: Emulators;

function bearerOf(entry: { headers: Record<string, unknown> }) {
	return String(entry.headers.authorization ?? '').replace(/^Bearer /, '');
}

describeQueueMode(`n8n ${QUEUE_MODE_N8N_VERSION} in queue mode: main + 2 workers + webhook processor on PostgreSQL and Redis`, () => {
	beforeAll(async () => {
		const runtime = ensureRuntime(QUEUE_MODE_N8N_VERSION);
		const tarball = packedTarball();
		emulators = await startEmulators();
		cluster = await N8nCluster.create({
			runtime,
			mode: 'queue',
			workers: 2,
			workerConcurrency: 10,
			pidFile: process.env.E2E_PID_FILE,
		});
		await cluster.prepare(tarball, credentialFixtures(emulators), [burst, reads, poll]);
		await cluster.start([burst.id, reads.id, poll.id]);
	}, 420_000);

	afterAll(async () => {
		await cluster?.stop();
		await stopEmulators(emulators);
	}, 60_000);

	test('activation on main registered the tFLOW webhook at the webhook processor, with its secret', async () => {
		const { tflow } = emulators;
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
		const result = await runBurst(cluster, emulators.tflow, { workflowId: burst.id, triggerNode: 'tFLOW Trigger', events: 1000, concurrency: 20 });
		console.log(
			`queue mode burst: ${result.events} events, ${result.deliveredOk} answered 2xx in ${result.deliveryMs} ms, ` +
				`all executions done after ${result.drainMs} ms; per worker ${result.perWorker.join(' / ')}; ` +
				`answer p50/p99 ${result.answerMs.p50}/${result.answerMs.p99} ms, execution p50/p99 ${result.executionMs.p50}/${result.executionMs.p99} ms`,
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

	/** Posts `count` jobs to the reads workflow; the webhook answers with the jobs read once the execution is done. */
	async function readJobs(count: number) {
		const jobs = Array.from({ length: count }, (_, index) => ({ job_id: 1 + (index % 4) }));
		const response = await fetch(`${cluster.webhookBaseUrl}/webhook/${TOKEN_WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ jobs }),
		});
		expect(response.status).toBe(200);
		const output = (await response.json()) as Array<{ id: number }>;
		expect(output.map((job) => job.id)).toEqual(jobs.map((job) => job.job_id));
		return output;
	}

	/** The workers (indexes) that ran the newest `count` executions of the reads workflow. */
	async function workersOfNewest(count: number) {
		const owners = cluster.executionsByWorker();
		return (await cluster.executions(reads.id)).slice(-count).map((execution) => owners.get(execution.id));
	}

	async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
			await sleep(50);
		}
	}

	test('a tFLOW token refreshed by one worker is reused by the other (one token request for 200 items)', async () => {
		const { tflow } = emulators;
		const jobReads = () => tflow.server.requests('GET', /^\/api\/v2\/job\//);
		// Bull hands a job to whichever worker asks first; one that just finished a job tends to
		// ask first again. A batch sent while the other is running usually lands on the idle worker,
		// so the second batch starts once the first has refreshed the token (tried up to 3 times).
		let workers: Array<number | undefined> = [];
		let tokenRequests = 0;
		for (let attempt = 1; attempt <= 3 && new Set(workers).size < 2; attempt++) {
			// The stored token is stale: the first read gets 401 and n8n fetches a new token.
			tflow.expireTokens();
			tflow.server.clearLog();
			const tokenRequestsBefore = tflow.tokenRequests;
			const first = readJobs(100);
			await waitUntil(() => jobReads().some((entry) => entry.status === 200), 'the first batch has read a job with a new token');
			const second = readJobs(100);
			await Promise.all([first, second]);
			tokenRequests = tflow.tokenRequests - tokenRequestsBefore;
			workers = await workersOfNewest(2);
		}
		console.log(`queue mode token reuse: the two batches of 100 items ran on workers ${workers.join(' and ')}`);
		expect(new Set(workers).size).toBe(2);
		expect(workers.every((worker) => worker !== undefined)).toBe(true);

		// One token for both workers: the second worker read it from the credential in PostgreSQL.
		expect(tokenRequests).toBe(1);
		const reads = jobReads();
		expect(reads.filter((entry) => entry.status === 401)).toHaveLength(1);
		const successful = reads.filter((entry) => entry.status === 200);
		expect(successful).toHaveLength(200);
		expect(new Set(successful.map(bearerOf)).size).toBe(1);
	}, 240_000);

	test('both workers meeting an expired token at the same moment: at most 2 token requests for 200 items', async () => {
		const { tflow } = emulators;
		// Two batches of 100 at once, so that each worker takes one (retried if Bull gave both to one worker).
		let workers: Array<number | undefined> = [];
		let tokenRequests = 0;
		for (let attempt = 1; attempt <= 3 && new Set(workers).size < 2; attempt++) {
			tflow.expireTokens();
			tflow.server.clearLog();
			const tokenRequestsBefore = tflow.tokenRequests;
			await Promise.all([readJobs(100), readJobs(100)]);
			tokenRequests = tflow.tokenRequests - tokenRequestsBefore;
			workers = await workersOfNewest(2);
		}
		console.log(`queue mode concurrent token refresh: workers ${workers.join(' and ')}, ${tokenRequests} token request(s)`);
		expect(new Set(workers).size).toBe(2);
		expect(tokenRequests).toBeGreaterThanOrEqual(1);
		expect(tokenRequests).toBeLessThanOrEqual(2);
		const jobReads = tflow.server.requests('GET', /^\/api\/v2\/job\//);
		expect(jobReads.filter((entry) => entry.status === 200)).toHaveLength(200);
		// Each execution met the expired token at most once.
		expect(jobReads.filter((entry) => entry.status === 401).length).toBeLessThanOrEqual(2);
	}, 180_000);

	test('the papilio polling trigger emits each new order exactly once, also across a restart of main', async () => {
		const { papilio } = emulators;
		const polls = () => papilio.server.requests('GET', /\/tasks\/printable$/).length;
		const waitForPolls = async (count: number) => {
			const target = polls() + count;
			const deadline = Date.now() + 60_000;
			while (polls() < target) {
				if (Date.now() > deadline) throw new Error(`papilio was polled ${polls()} times, expected ${target}`);
				await sleep(200);
			}
		};
		const printable = () => papilio.addOrder({ status: STATUS.released | STATUS.delivery_pending, delivery: 2 });
		const seeded = papilio.state.orders.filter((order) => order.status & STATUS.delivery_pending && order.delivery === 2 && !order.deleted);
		expect(seeded.length).toBeGreaterThan(0);

		// Activation polled once and remembered what was printable then. Orders added in one tick
		// are one poll's news; two polls later that poll has surely run.
		await waitForPolls(1);
		const first = [printable(), printable(), printable()];
		await waitForPolls(2);
		const second = [printable(), printable()];
		await waitForPolls(2);
		// main restarts: the poller state saved in PostgreSQL keeps what was emitted from coming again.
		await cluster.restartMain();
		const third = [printable()];
		await waitForPolls(3);

		const added = [...first, ...second, ...third].map((order) => String(order.id));
		const executions = await cluster.waitForFinished(poll.id, 3, 60_000);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success', 'success']);
		const data = await cluster.runData(executions.map((execution) => execution.id));
		const emitted = executions.map((execution) => outputOf(data.get(execution.id)!, 'papilio Trigger').map((order) => String(order.id)));
		expect(emitted).toEqual([first, second, third].map((batch) => batch.map((order) => String(order.id))));
		expect(new Set(emitted.flat()).size).toBe(added.length);
		for (const order of seeded) expect(emitted.flat()).not.toContain(String(order.id));
		// main polled; the workers ran the executions.
		const owners = cluster.executionsByWorker();
		for (const execution of executions) expect(owners.get(execution.id)).toBeDefined();
	}, 240_000);
});
