/**
 * Idempotent reads of the papilio node and trigger under rate limiting and outages: 429 with
 * Retry-After and 503 are retried with bounded backoff and then succeed; when the retries run out
 * the error says so; Retry-After is honoured. Writes are never retried.
 */
import { READ_RETRY_POLICY } from '../../../nodes/shared/http';
import { TRANSFER_LIMITS } from '../../../nodes/shared/transfer';
import type { Fault } from '../../../tools/emulators/common/server';
import { orderById } from '../papilio/world';
import { startPapilioBed } from './setup';

type Bed = Awaited<ReturnType<typeof startPapilioBed>>;
let papilio: Bed;
const defaultPolicy = { ...READ_RETRY_POLICY };

beforeAll(async () => {
	papilio = await startPapilioBed();
});
afterAll(async () => await papilio.stop());
beforeEach(() => {
	papilio.reset();
	Object.assign(READ_RETRY_POLICY, { baseDelayMs: 40, maxDelayMs: 400 });
});
afterEach(() => Object.assign(READ_RETRY_POLICY, defaultPolicy));

interface Read {
	name: string;
	path: string;
	run: () => Promise<unknown>;
	check: (result: unknown) => void;
}

const itemsOf = (result: unknown) => (result as { items: Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }> }).items;

const READS: Read[] = [
	{
		name: 'order get',
		path: '/api/v1/order/51038',
		run: async () => await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} }),
		check: (result) => expect(Number(itemsOf(result)[0].json.id)).toBe(51038),
	},
	{
		name: 'printable orders (a list)',
		path: '/api/v1/tasks/printable',
		run: async () => await papilio.run({ resource: 'task', operation: 'getPrintable', returnAll: true }),
		check: (result) => expect(itemsOf(result).length).toBeGreaterThan(0),
	},
	{
		name: 'order download',
		path: '/api/v1/order/download/51038',
		run: async () => await papilio.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' }),
		check: (result) => expect(itemsOf(result)[0].binary?.data).toBeDefined(),
	},
	{
		name: 'list search of orders',
		path: '/api/v1/orders/search/and',
		run: async () => await papilio.harness.listSearch('papilio', 'searchOrders', { authentication: 'papilioApi' }, ['papilioApi'], 'Inserat'),
		check: (result) => expect((result as { results: unknown[] }).results.length).toBeGreaterThan(0),
	},
	{
		name: 'the polling trigger',
		path: '/api/v1/tasks/printable',
		run: async () =>
			await papilio.harness.poll('papilioTrigger', {
				parameters: { authentication: 'papilioApi', event: 'newPrintableOrder', options: {} },
				credentials: ['papilioApi'],
				staticData: {},
				mode: 'manual',
			}),
		check: (result) => expect(result).not.toBeNull(),
	},
];

function fault(path: string, status: number, times: number, headers?: Record<string, string>): Fault {
	return { kind: 'status', method: 'GET', path: `^${path}$`, status, times, headers, body: { error: 'service_unavailable', error_description: `injected ${status}` } };
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
	try {
		return await promise;
	} catch (error) {
		return error as Error;
	}
}

const calls = (path: string) => papilio.emulator.server.requests('GET', path);

describe.each(READS)('$name', ({ path, run, check }) => {
	test('429 with Retry-After and then 503: retried, then succeeds', async () => {
		papilio.emulator.server.addFault(fault(path, 429, 1, { 'Retry-After': '0' }));
		papilio.emulator.server.addFault(fault(path, 503, 1));

		const result = await run();

		expect((result as { error?: unknown }).error).toBeUndefined();
		check(result);
		expect(calls(path).map((call) => call.status)).toEqual([429, 503, 200]);
	});

	test('when the retries run out, a clear error says so, after a bounded number of attempts', async () => {
		papilio.emulator.server.addFault(fault(path, 503, 10));

		const outcome = await settle(run());

		const error = ((outcome as { error?: Error }).error ?? outcome) as Error & { description?: string };
		expect(error.message).toMatch(/^papilio/);
		expect(`${error.message} ${error.description ?? ''}`).toContain('gave up after 4 attempts');
		expect(calls(path)).toHaveLength(1 + READ_RETRY_POLICY.retries);
	});
});

test('Retry-After is honoured: the next attempt waits as long as papilio asked', async () => {
	Object.assign(READ_RETRY_POLICY, { maxDelayMs: 5000 });
	papilio.emulator.server.addFault(fault('/api/v1/order/51038', 429, 1, { 'Retry-After': '1' }));

	const result = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });

	expect(result.error).toBeUndefined();
	const [first, second] = calls('/api/v1/order/51038');
	expect(second.at - first.at).toBeGreaterThanOrEqual(950);
});

test('a write is not retried on 503', async () => {
	papilio.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v1/order/51042$', status: 503, times: 5, headers: { 'Retry-After': '0' } });

	const result = await papilio.run({ resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'Once' } });

	expect(result.error).toBeDefined();
	expect(papilio.emulator.server.requests('POST', '/api/v1/order/51042')).toHaveLength(1);
	expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/unknown whether/i);
});

describe('a read has a deadline over headers and body', () => {
	const defaultLimits = { ...TRANSFER_LIMITS };
	afterEach(() => Object.assign(TRANSFER_LIMITS, defaultLimits));

	test('Order › Get whose body stalls after the headers ends at the deadline with an error that names it', async () => {
		TRANSFER_LIMITS.readDeadlineMs = 500;
		papilio.emulator.server.addFault({ kind: 'stallBody', method: 'GET', path: '^/api/v1/order/51038$', afterBytes: 10 });
		const started = Date.now();

		const result = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });

		expect(Date.now() - started).toBeLessThan(3000);
		expect(itemsOf(result)).toHaveLength(0);
		expect(result.error?.message).toBe('The request did not finish within 500 ms');
		expect(result.error?.description).toContain('GET /api/v1/order/51038');
		// The node closed the connection (the emulator logs the close a moment later).
		const [call] = papilio.emulator.server.requests('GET', '/api/v1/order/51038');
		for (let waited = 0; !call.answerCut && waited < 1000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(call).toMatchObject({ fault: 'stallBody', status: 200, answerCut: true });
	});
});
