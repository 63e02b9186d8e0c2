/**
 * Idempotent reads of the tFLOW node under rate limiting and outages: 429 with Retry-After and 503
 * are retried with bounded backoff and then succeed; when the retries run out the error says so.
 * Every kind of read is covered: get, list, file download, list search and load options.
 */
import { READ_RETRY_POLICY } from '../../../nodes/shared/http';
import { TRANSFER_LIMITS } from '../../../nodes/shared/transfer';
import type { Fault } from '../../../tools/emulators/common/server';
import { startTflowBed } from './setup';

type Bed = Awaited<ReturnType<typeof startTflowBed>>;
let tflow: Bed;
const defaultPolicy = { ...READ_RETRY_POLICY };

beforeAll(async () => {
	tflow = await startTflowBed();
});
afterAll(async () => await tflow.stop());
beforeEach(async () => {
	await tflow.reset();
	// Short backoffs keep the suite fast; the policy object is what the transport reads.
	Object.assign(READ_RETRY_POLICY, { baseDelayMs: 40, maxDelayMs: 400 });
});
afterEach(() => Object.assign(READ_RETRY_POLICY, defaultPolicy));

const job1 = { __rl: true, mode: 'id', value: '1' };

/** Every kind of read, with the path it requests and a check of its result. */
const READS: Array<{ name: string; path: string; run: () => Promise<unknown>; check: (result: unknown) => void }> = [
	{
		name: 'job get',
		path: '/api/v2/job/1',
		run: async () => await tflow.run({ resource: 'job', operation: 'get', jobId: job1 }),
		check: (result) => expect((result as { items: Array<{ json: object }> }).items[0].json).toMatchObject({ id: 1 }),
	},
	{
		name: 'order getMany',
		path: '/api/v2/order/list',
		run: async () => await tflow.run({ resource: 'order', operation: 'getMany', returnAll: true }),
		check: (result) => expect((result as { items: unknown[] }).items.length).toBeGreaterThan(0),
	},
	{
		name: 'revision download',
		path: '/api/v2/revision/1/originalFile',
		run: async () => await tflow.run({ resource: 'revision', operation: 'download', revisionId: '1', file: 'original', binaryPropertyName: 'data' }),
		check: (result) => expect((result as { items: Array<{ binary?: Record<string, unknown> }> }).items[0].binary?.data).toBeDefined(),
	},
	{
		name: 'list search of jobs',
		path: '/api/v2/job/list',
		run: async () => await tflow.harness.listSearch('tflow', 'searchJobs', {}, ['tflowApi']),
		check: (result) => expect((result as { results: unknown[] }).results.length).toBeGreaterThan(0),
	},
	{
		name: 'load options of products',
		path: '/api/v2/product/list',
		run: async () => await tflow.harness.loadOptions('tflow', 'getProducts', {}, ['tflowApi']),
		check: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
	},
];

function fault(path: string, status: number, times: number, headers?: Record<string, string>): Fault {
	return { kind: 'status', method: 'GET', path: `^${path}$`, status, times, headers, body: { error: 'busy', message: `injected ${status}` } };
}

/** Milliseconds between consecutive requests to a path. */
function gaps(path: string): number[] {
	const times = tflow.apiCalls('GET', path).map((call) => call.at);
	return times.slice(1).map((at, index) => at - times[index]);
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
	try {
		return await promise;
	} catch (error) {
		return error as Error;
	}
}

describe.each(READS)('$name', ({ path, run, check }) => {
	test('429 with Retry-After and then 503: retried, then succeeds', async () => {
		tflow.emulator.server.addFault(fault(path, 429, 1, { 'Retry-After': '0' }));
		tflow.emulator.server.addFault(fault(path, 503, 1));

		const result = await run();

		expect((result as { error?: unknown }).error).toBeUndefined();
		check(result);
		expect(tflow.apiCalls('GET', path).map((call) => call.status)).toEqual([429, 503, 200]);
	});

	test('when the retries run out, a clear error says so, after a bounded number of attempts', async () => {
		tflow.emulator.server.addFault(fault(path, 503, 10));

		const outcome = await settle(run());

		// A node run reports the error as n8n stores it in the run data; list search and load options throw it.
		const error = ((outcome as { error?: Error }).error ?? outcome) as Error & { description?: string; httpCode?: string };
		expect(error.message).toEqual(expect.any(String));
		expect(error.message).toMatch(/^tFLOW is unavailable/);
		expect(error.message).toContain('injected 503');
		expect(error.description).toContain(`GET ${path}`);
		expect(error.description).toContain('gave up after 4 attempts');
		expect(error.httpCode).toBe('503');
		expect(tflow.apiCalls('GET', path)).toHaveLength(1 + READ_RETRY_POLICY.retries);
	});
});

describe('waiting between attempts', () => {
	test('Retry-After is honoured: the next attempt waits as long as tFLOW asked', async () => {
		tflow.emulator.server.addFault(fault('/api/v2/job/1', 429, 1, { 'Retry-After': '1' }));
		Object.assign(READ_RETRY_POLICY, { maxDelayMs: 5000 });

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: job1 });

		expect(result.error).toBeUndefined();
		expect(gaps('/api/v2/job/1')[0]).toBeGreaterThanOrEqual(950);
	});

	test('without Retry-After the backoff doubles', async () => {
		tflow.emulator.server.addFault(fault('/api/v2/job/1', 503, 3));

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: job1 });

		expect(result.error).toBeUndefined();
		const [first, second, third] = gaps('/api/v2/job/1');
		expect(first).toBeGreaterThanOrEqual(40);
		expect(second).toBeGreaterThanOrEqual(80);
		expect(third).toBeGreaterThanOrEqual(160);
	});

	test('a Retry-After longer than the maximum wait is capped (the node does not hang for an hour)', async () => {
		tflow.emulator.server.addFault(fault('/api/v2/job/1', 429, 1, { 'Retry-After': '3600' }));
		const started = Date.now();

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: job1 });

		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(READ_RETRY_POLICY.maxDelayMs + 1500);
		expect(gaps('/api/v2/job/1')[0]).toBeGreaterThanOrEqual(READ_RETRY_POLICY.maxDelayMs - 20);
	});

	test('a Retry-After given as an HTTP date is honoured', async () => {
		const inOneSecond = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
		tflow.emulator.server.addFault(fault('/api/v2/job/1', 503, 1, { 'Retry-After': inOneSecond.toUTCString() }));
		Object.assign(READ_RETRY_POLICY, { maxDelayMs: 5000 });

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: job1 });

		expect(result.error).toBeUndefined();
		const [retry] = tflow.apiCalls('GET', '/api/v2/job/1').slice(1);
		expect(retry.at).toBeGreaterThanOrEqual(inOneSecond.getTime() - 50);
	});
});

describe('a read has a deadline over headers and body', () => {
	const defaultLimits = { ...TRANSFER_LIMITS };
	afterEach(() => Object.assign(TRANSFER_LIMITS, defaultLimits));

	test('Job › Get whose body stalls after the headers ends at the deadline with an error that names it', async () => {
		TRANSFER_LIMITS.readDeadlineMs = 500;
		// 200 with the full Content-Length, then `{"id":1,` and nothing more.
		tflow.emulator.server.addFault({ kind: 'stallBody', method: 'GET', path: '^/api/v2/job/1$', afterBytes: 8 });
		const started = Date.now();

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: job1 });

		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('The request did not finish within 500 ms');
		expect(result.error?.description).toContain('GET /api/v2/job/1');
		// The node closed the connection (the emulator logs the close a moment later).
		const [call] = tflow.apiCalls('GET', '/api/v2/job/1');
		for (let waited = 0; !call.answerCut && waited < 1000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(call).toMatchObject({ fault: 'stallBody', status: 200, answerCut: true });
	});

	test('Get Many whose list stalls ends at the deadline too', async () => {
		TRANSFER_LIMITS.readDeadlineMs = 500;
		tflow.emulator.server.addFault({ kind: 'stallBody', method: 'GET', path: '^/api/v2/order/list$' });
		const started = Date.now();

		const result = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: true });

		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.error?.message).toBe('The request did not finish within 500 ms');
	});
});
