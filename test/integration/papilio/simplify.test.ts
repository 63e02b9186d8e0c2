/**
 * The Simplify switch of papilio order Get / Get Many / Search: on by default for nodes at
 * typeVersion 1.1 (new nodes), off for nodes saved at typeVersion 1 (full output kept).
 */
import { ORDER_SIMPLE_FIELDS } from '../../../nodes/Papilio/actions/order/common';
import { orderById, useWorld } from './world';

const world = useWorld();

const run = async (parameters: Record<string, unknown>, typeVersion?: number) =>
	await world.harness.runNode({
		type: 'papilio',
		parameters: { authentication: 'papilioApi', ...parameters } as never,
		credentials: ['papilioApi'],
		typeVersion,
	});

/** The simplified fields, plus the editor links every order carries (test/integration/papilio/expand-links.test.ts). */
const simpleOnly = (json: Record<string, unknown>) =>
	Object.keys(json).every((key) => [...ORDER_SIMPLE_FIELDS, 'create_url', 'translation_url'].includes(key));

test('Get: the main fields at 1.1, with the decoded status flags; the full answer at 1 or with Simplify off', async () => {
	const fresh = await run({ resource: 'order', operation: 'get', orderId: orderById(51040), options: {} }, 1.1);
	expect(fresh.error).toBeUndefined();
	expect(simpleOnly(fresh.items[0].json)).toBe(true);
	expect(fresh.items[0].json).toMatchObject({ id: '51040', status_flags: expect.arrayContaining(['released']) });
	expect(fresh.items[0].json).not.toHaveProperty('preview');

	const saved = await run({ resource: 'order', operation: 'get', orderId: orderById(51040), options: {} });
	expect(saved.items[0].json).toHaveProperty('preview');
	expect(saved.items[0].json).toHaveProperty('filesize');
	const off = await run({ resource: 'order', operation: 'get', orderId: orderById(51040), simplify: false, options: {} }, 1.1);
	expect(off.items[0].json).toEqual(saved.items[0].json);
	expect(world.apiCalls('GET').map((call) => call.path)).toEqual(Array(3).fill('/api/v1/order/51040'));
});

test('Search and Get Many: each order simplified at 1.1, full at 1', async () => {
	const search = { resource: 'order', operation: 'search', mode: 'and', filters: { status: ['released'] }, returnAll: true, options: {} };
	const fresh = await run(search, 1.1);
	expect(fresh.items.length).toBeGreaterThan(1);
	expect(fresh.items.every((item) => simpleOnly(item.json))).toBe(true);
	const saved = await run(search);
	expect(saved.items.map((item) => item.json.id)).toEqual(fresh.items.map((item) => item.json.id));
	expect(saved.items.every((item) => 'preview' in item.json)).toBe(true);

	const mine = await run({ resource: 'order', operation: 'getMany', scope: 'mine', returnAll: true, options: {} }, 1.1);
	expect(mine.items.length).toBeGreaterThan(0);
	expect(mine.items.every((item) => simpleOnly(item.json))).toBe(true);
});
