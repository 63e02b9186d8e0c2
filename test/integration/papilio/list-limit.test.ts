/**
 * Get Many with a limit stops reading at the limit: papilio does not page and sends the whole list
 * (`{"count": n, "orders": [...]}`), so the node reads its answer only up to the limit and closes
 * the connection.
 */
import type { PapilioLogEntry } from '../../../tools/emulators/papilio';
import { useWorld } from './world';

const world = useWorld();
beforeEach(() => {
	world.emulator.server.clearLog();
	// A slow link: the answer goes out 64 KB every 5 ms, so a client that stops reading closes the
	// connection before the end (without pacing the kernel would take in a whole answer of 40 MB).
	world.emulator.server.paceAnswers = { chunkBytes: 64 * 1024, delayMs: 5 };
});
afterEach(() => (world.emulator.server.paceAnswers = undefined));

/** Completed orders of the API user with 4 KB remarks: a list answer of several MB. */
const COPIES = 2000;

async function settled(entry: PapilioLogEntry) {
	// The close of a cut answer reaches the emulator a moment after the node stopped reading.
	for (let wait = 0; wait < 100 && entry.status === undefined; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
	return entry;
}

describe('order getMany with a limit', () => {
	test('outputs exactly `limit` orders, the first of the list, and stops reading papilio\'s answer there', async () => {
		const all = await world.run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: true });
		const first = all.items.map((item) => item.json.id);
		world.emulator.addOrderCopies(COPIES, { status: 32, remark: 'r'.repeat(4096) });
		world.emulator.server.clearLog();

		const result = await world.run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: false, limit: 5 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(result.items.map((item) => item.json.id)).toEqual([...first, ...result.items.map((item) => item.json.id).slice(first.length)].slice(0, 5));
		expect(result.items.slice(first.length).every((item) => item.json.remark === 'r'.repeat(4096))).toBe(true);
		const calls = await Promise.all(world.apiCalls('GET', '/api/v1/orders').map(settled));
		expect(calls.map((call) => [call.status, call.answerCut])).toEqual([[200, true]]);
	});

	test('Return All still reads the whole list', async () => {
		world.emulator.addOrderCopies(COPIES, { status: 32, remark: 'r'.repeat(1024) });
		world.emulator.server.clearLog();
		const result = await world.run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: true });
		expect(result.items.length).toBeGreaterThan(COPIES);
		const calls = await Promise.all(world.apiCalls('GET', '/api/v1/orders').map(settled));
		expect(calls.map((call) => [call.status, call.answerCut])).toEqual([[200, undefined]]);
	});

	test('a limited list after an expired token is read once more with a new token, and cut', async () => {
		await world.run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: false, limit: 1 });
		world.emulator.expireAccessTokens();
		world.emulator.addOrderCopies(COPIES, { status: 32, remark: 'r'.repeat(4096) });
		world.emulator.server.clearLog();
		const result = await world.run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: false, limit: 3 });
		expect(result.items).toHaveLength(3);
		const calls = await Promise.all(world.apiCalls('GET', '/api/v1/orders').map(settled));
		expect(calls.map((call) => call.status)).toEqual([401, 401, 200]);
		expect(calls[2].answerCut).toBe(true);
	});
});
