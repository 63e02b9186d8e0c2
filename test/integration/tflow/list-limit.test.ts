/**
 * Get Many with a limit stops reading at the limit: tFLOW does not page and sends the whole list,
 * so the node reads its answer only up to the limit and closes the connection.
 */
import type { LogEntry } from '../../../tools/emulators/common/server';
import { useTflow } from './setup';

const tflow = useTflow();
beforeEach(() => {
	// A slow link: the answer goes out 64 KB every 5 ms, so a client that stops reading closes the
	// connection before the end (without pacing the kernel would take in a whole answer of 40 MB).
	tflow.emulator.server.paceAnswers = { chunkBytes: 64 * 1024, delayMs: 5 };
});
afterEach(() => (tflow.emulator.server.paceAnswers = undefined));

/** Copies of job 1 with 4 KB descriptions: a list answer of about 8 MB (125 paced chunks). */
const COPIES = 2000;
const LONG_LIST_JOBS = 4 + COPIES;

/** The emulator's log entry once the answer was sent whole or its connection closed. */
async function settled(entry: LogEntry) {
	// The close of a cut answer reaches the emulator a moment after the node stopped reading.
	for (let wait = 0; wait < 100 && entry.status === undefined; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
	return entry;
}

describe('job getMany with a limit', () => {
	test('outputs exactly `limit` jobs, the first of the list, and stops reading tFLOW\'s answer there', async () => {
		tflow.emulator.state.addJobCopies(1, COPIES, 4 * 1024);
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 5, filters: {} });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([1, 2, 3, 4, 5]);
		expect(result.items[4].json.name).toBe('TF000001-1-copy-1');
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const calls = tflow.apiCalls('GET', '/api/v2/job/list');
		expect(calls).toHaveLength(1);
		expect((await settled(calls[0])).answerCut).toBe(true);
	});

	test('Return All still reads the whole list', async () => {
		tflow.emulator.state.addJobCopies(1, COPIES, 1024);
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: {} });
		expect(result.items).toHaveLength(LONG_LIST_JOBS);
		const [call] = tflow.apiCalls('GET', '/api/v2/job/list');
		expect((await settled(call)).answerCut).toBeUndefined();
	});

	test('a limit larger than the list outputs the whole list', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 10, filters: {} });
		expect(result.items.map((item) => item.json.id)).toEqual([1, 2, 3, 4]);
	});

	test('an error answer to a limited list is still explained with tFLOW\'s message', async () => {
		tflow.emulator.server.addFault({ kind: 'status', path: '^/api/v2/job/list$', status: 422, body: { error: true, messages: { order_id: ['Order 9 not found'] } } });
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 2, filters: {} });
		expect(result.error?.message).toBe('tFLOW rejected the request: order_id: Order 9 not found');
		expect(result.error?.httpCode).toBe('422');
	});

	test('a token that expired is renewed and the limited list read once more', async () => {
		await tflow.run({ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '1' } });
		tflow.emulator.expireTokens();
		tflow.emulator.state.addJobCopies(1, COPIES, 4 * 1024);
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 3, filters: {} });
		expect(result.items.map((item) => item.json.id)).toEqual([1, 2, 3]);
		const calls = await Promise.all(tflow.apiCalls('GET', '/api/v2/job/list').map(settled));
		expect(calls.map((call) => [call.status, call.answerCut])).toEqual([
			[401, undefined],
			[200, true],
		]);
	});
});
