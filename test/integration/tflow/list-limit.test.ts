/**
 * Get Many with a limit stops reading at the limit: tFLOW does not page and sends the whole list,
 * so the node reads its answer only up to the limit and closes the connection. With a filter the
 * instance may ignore (the emulator's documented profile does), the limit counts matching entries.
 */
import type { LogEntry } from '../../../tools/emulators/common/server';
import { PROFILE_NAMES, useTflowProfiles } from './setup';

const beds = useTflowProfiles();
beforeEach(() => {
	// A slow link: the answer goes out 64 KB every 5 ms, so a client that stops reading closes the
	// connection before the end (without pacing the kernel would take in a whole answer of 40 MB).
	for (const bed of Object.values(beds)) bed.emulator.server.paceAnswers = { chunkBytes: 64 * 1024, delayMs: 5 };
});
afterEach(() => {
	for (const bed of Object.values(beds)) bed.emulator.server.paceAnswers = undefined;
});

/** Copies of job 1 with 4 KB descriptions: a list answer of about 8 MB (125 paced chunks). */
const COPIES = 2000;
const LONG_LIST_JOBS = 4 + COPIES;

/** The emulator's log entry once the answer was sent whole or its connection closed. */
async function settled(entry: LogEntry) {
	// The close of a cut answer reaches the emulator a moment after the node stopped reading.
	for (let wait = 0; wait < 100 && entry.status === undefined; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
	return entry;
}

describe.each(PROFILE_NAMES)('%s profile', (profile) => {
	const tflow = beds[profile];

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

		test('with a filter, the limit counts jobs that match it: a list tFLOW did not filter is read again, whole', async () => {
			tflow.emulator.state.addJobCopies(1, COPIES, 1024);
			// Three more jobs of order 2 at the end of the list, after 2,000 of order 1.
			tflow.emulator.state.addJobCopies(4, 3, 0);
			const ignoring = tflow.emulator.config.listFilters === 'ignore';
			const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 3, filters: { orderId: 2 } });
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => [item.json.id, item.json.order_id])).toEqual([
				[4, 2],
				[LONG_LIST_JOBS + 1, 2],
				[LONG_LIST_JOBS + 2, 2],
			]);
			const calls = await Promise.all(tflow.apiCalls('GET', '/api/v2/job/list').map(settled));
			// Unfiltered, the first answer is cut at three jobs of order 1 and the second read to its end;
			// filtered, the one answer is four jobs, sent whole.
			expect(calls.map((call) => [call.query, call.answerCut])).toEqual(
				ignoring ? [[{ order_id: '2' }, true], [{ order_id: '2' }, undefined]] : [[{ order_id: '2' }, undefined]],
			);
			expect(result.hints.map((hint) => hint.message.split(':')[0])).toEqual(ignoring ? ['tFLOW ignored the Order (order_id) filter', 'Limit reached'] : ['Limit reached']);

			const all = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: { orderId: 2 } });
			expect(all.items.map((item) => item.json.id)).toEqual([4, LONG_LIST_JOBS + 1, LONG_LIST_JOBS + 2, LONG_LIST_JOBS + 3]);
			expect(tflow.apiCalls('GET', '/api/v2/job/list')).toHaveLength(calls.length + 1);
		});

		test('with a filter the first entries all match, the list is read once, up to the limit', async () => {
			tflow.emulator.state.addJobCopies(1, COPIES, 4 * 1024);
			const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 3, filters: { jobName: 'tf000001' } });
			expect(result.items.map((item) => item.json.id)).toEqual([1, 2, 3]);
			const calls = await Promise.all(tflow.apiCalls('GET', '/api/v2/job/list').map(settled));
			expect(calls.map((call) => call.answerCut)).toEqual([true]);
			expect(result.hints.map((hint) => hint.message.split(':')[0])).toEqual(['Limit reached']);
		});
	});
});
