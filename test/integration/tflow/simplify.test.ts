/**
 * The Simplify switch of tFLOW job and order Get / Get Many: on by default for nodes at typeVersion
 * 1.1 (what a new node gets), off for nodes saved at typeVersion 1, so saved workflows keep their
 * full output; either way the same request goes to tFLOW.
 */
import { JOB_SIMPLE_FIELDS } from '../../../nodes/Tflow/actions/job/common';
import { ORDER_SIMPLE_FIELDS } from '../../../nodes/Tflow/actions/order/common';
import { byId, useTflow } from './setup';

const tflow = useTflow();

const run = async (parameters: Record<string, unknown>, typeVersion?: number) =>
	await tflow.harness.runNode({ type: 'tflow', parameters: parameters as never, credentials: ['tflowApi'], typeVersion });

const FULL_ONLY_JOB_FIELDS = ['props', 'assignments', 'tflows', 'notes', 'kfpx', 'attach_proofs', 'created_at'];

describe('job', () => {
	test('Get: full answer at typeVersion 1 (saved workflows), the main fields at 1.1 (new nodes), full again with Simplify off', async () => {
		const saved = await run({ resource: 'job', operation: 'get', jobId: byId(2) });
		expect(Object.keys(saved.items[0].json)).toEqual(expect.arrayContaining([...JOB_SIMPLE_FIELDS, ...FULL_ONLY_JOB_FIELDS]));

		const fresh = await run({ resource: 'job', operation: 'get', jobId: byId(2) }, 1.1);
		expect(fresh.error).toBeUndefined();
		expect(Object.keys(fresh.items[0].json)).toEqual([...JOB_SIMPLE_FIELDS]);
		expect(fresh.items[0].json).toMatchObject({ id: 2, name: 'TF000001-2', current_state_name: 'to_review', revision_count: 1 });

		const full = await run({ resource: 'job', operation: 'get', jobId: byId(2), simplify: false }, 1.1);
		expect(full.items[0].json).toEqual(saved.items[0].json);

		const simplifiedOld = await run({ resource: 'job', operation: 'get', jobId: byId(2), simplify: true });
		expect(simplifiedOld.items[0].json).toEqual(fresh.items[0].json);

		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(Array(4).fill('GET /api/v2/job/2'));
	});

	test('Get Many: each job simplified, the limit still applied', async () => {
		const result = await run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 3, filters: {} }, 1.1);
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(Object.keys(item.json).every((key) => (JOB_SIMPLE_FIELDS as readonly string[]).includes(key))).toBe(true);
			expect(item.json).not.toHaveProperty('props');
		}
		const saved = await run({ resource: 'job', operation: 'getMany', returnAll: true, filters: {} });
		expect(saved.items).toHaveLength(4);
		expect(saved.items[0].json).toHaveProperty('props');
	});

	test('a Simplify given by expression must be true or false: the item fails before any request', async () => {
		const result = await run({ resource: 'job', operation: 'get', jobId: byId(2), simplify: 'yes' }, 1.1);
		expect(result.error?.message).toMatch(/simplify/i);
		expect(tflow.apiCalls()).toHaveLength(0);
	});
});

describe('order', () => {
	test('Get and Get Many: simplified at 1.1, full at 1', async () => {
		const fresh = await run({ resource: 'order', operation: 'get', orderId: byId(1) }, 1.1);
		expect(Object.keys(fresh.items[0].json)).toEqual(ORDER_SIMPLE_FIELDS.filter((field) => field in fresh.items[0].json));
		expect(fresh.items[0].json).toMatchObject({ id: 1, client_id: 101, name: 'TF000001' });
		expect(fresh.items[0].json).not.toHaveProperty('props');

		const saved = await run({ resource: 'order', operation: 'get', orderId: byId(1) });
		expect(saved.items[0].json).toHaveProperty('props');
		expect(saved.items[0].json).toHaveProperty('kfpx', 'CMYK');

		const many = await run({ resource: 'order', operation: 'getMany', returnAll: true, filters: {} }, 1.1);
		expect(many.items.map((item) => item.json.name)).toEqual(['TF000001', 'TF000002']);
		expect(many.items.every((item) => !('kfpx' in item.json))).toBe(true);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/order/1', '/api/v2/order/1', '/api/v2/order/list']);
	});
});
