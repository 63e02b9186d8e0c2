/**
 * The shared dispatcher (nodes/shared/dispatcher.ts), through n8n's execution code against the
 * emulators:
 * - every item of a write is checked before the first request: item 1 invalid → nothing sent;
 * - a later item failing after earlier ones went through names what they created;
 * - zero-byte artwork and inherited names as binaryPropertyName are refused before any request;
 * - Options › Concurrency runs reads in parallel with one token request, order and pairing kept.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { D2sWorkflow } from '../../../nodes/D2sWorkflow/D2sWorkflow.node';
import { Papilio } from '../../../nodes/Papilio/Papilio.node';
import { resources as papilioResources } from '../../../nodes/Papilio/actions/resources';
import { resources as d2sResources } from '../../../nodes/D2sWorkflow/actions/resources';
import { resources as tflowResources } from '../../../nodes/Tflow/actions/resources';
import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import type { Resources } from '../../../nodes/shared/dispatcher';
import type { RunNodeResult } from '../../../tools/harness';
import { MUG, unitsParameter } from '../d2s/setup';
import { operationsOf } from './bad-input';
import { idFromItem, itemsWithValues, useReliabilityBeds } from './setup';

const { tflow, papilio, d2s } = useReliabilityBeds();

const FROM_ITEM = '={{ $json.value }}';
const keyValue = { propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue' };

async function artworkItems(values: unknown[], content = Buffer.from('%PDF-1.4 artwork')): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const value of values) items.push(await tflow.harness.binaryItem(content, 'art.pdf', 'application/pdf', 'data', { value } as IDataObject));
	return items;
}

interface WriteCase {
	key: string;
	parameters: INodeParameters;
	/** The valid first item's value and the invalid second one's. */
	values: [unknown, unknown];
	field: string;
	input?: (values: unknown[]) => Promise<INodeExecutionData[]>;
}

const TFLOW_WRITES: WriteCase[] = [
	{ key: 'client:create', parameters: { name: FROM_ITEM, additionalFields: {} }, values: ['Print Café', ''], field: 'name' },
	{ key: 'job:create', parameters: { orderId: idFromItem, shipDate: '2026-05-01', ...keyValue, additionalFields: {} }, values: [1, 'abc'], field: 'orderId' },
	{ key: 'job:delete', parameters: { jobId: idFromItem }, values: [1, '-5'], field: 'jobId' },
	{ key: 'job:executeTransition', parameters: { jobId: idFromItem, transition: 'approve', additionalFields: {} }, values: [2, '1.5'], field: 'jobId' },
	{
		key: 'job:executeTransition',
		parameters: { jobId: 1, transition: 'upload_first_revision', binaryPropertyName: FROM_ITEM, additionalFields: {} },
		values: ['data', 'missing'],
		field: 'binaryPropertyName',
		input: async (values) => await artworkItems(values),
	},
	{ key: 'job:repreflight', parameters: { jobId: idFromItem }, values: [2, 'x'], field: 'jobId' },
	{ key: 'job:rush', parameters: { jobId: 1, rushAction: FROM_ITEM }, values: ['request', 'bogus'], field: 'rushAction' },
	{ key: 'job:update', parameters: { jobId: idFromItem, updateFields: { name: 'Renamed' }, ...keyValue }, values: [1, '0'], field: 'jobId' },
	{
		key: 'job:uploadArtwork',
		parameters: { jobId: idFromItem, binaryPropertyName: 'data', additionalFields: {} },
		values: [1, 'abc'],
		field: 'jobId',
		input: async (values) => await artworkItems(values),
	},
	{
		key: 'job:createWithArtwork',
		parameters: { orderId: idFromItem, shipDate: '2026-05-01', ...keyValue, binaryPropertyName: 'data', additionalFields: {} },
		values: [1, 'abc'],
		field: 'orderId',
		input: async (values) => await artworkItems(values),
	},
	{ key: 'order:create', parameters: { clientId: FROM_ITEM, shipDate: '2026-05-01', ...keyValue, additionalFields: {} }, values: ['101', 'abc'], field: 'clientId' },
	{ key: 'order:update', parameters: { orderId: idFromItem, updateFields: { description: 'Changed' }, ...keyValue }, values: [1, ''], field: 'orderId' },
	{ key: 'revision:delete', parameters: { revisionId: FROM_ITEM }, values: ['1', 'abc'], field: 'revisionId' },
	{ key: 'user:create', parameters: { email: FROM_ITEM, additionalFields: {} }, values: ['new.user@example.com', 'not-an-email'], field: 'email' },
	{ key: 'user:update', parameters: { userId: FROM_ITEM, updateFields: { name: 'New Name' } }, values: ['1', 'abc'], field: 'userId' },
	{ key: 'webhook:create', parameters: { event: 'job.approve', url: FROM_ITEM, securityKey: '' }, values: ['https://n8n.example.com/webhook/x', 'not a url'], field: 'url' },
	{ key: 'webhook:delete', parameters: { webhookId: FROM_ITEM }, values: ['job.approve', 'not a key!'], field: 'webhookId' },
	{ key: 'webhook:update', parameters: { webhookId: FROM_ITEM, updateFields: { url: 'https://hooks.example.com/new' } }, values: ['job.approve', 'not a key!'], field: 'webhookId' },
	{ key: 'role:create', parameters: { name: 'Night Shift', owningClientId: FROM_ITEM, additionalFields: {} }, values: ['1', 'abc'], field: 'owningClientId' },
	{ key: 'role:update', parameters: { roleId: FROM_ITEM, updateFields: { name: 'Admins' } }, values: ['1', '-1'], field: 'roleId' },
	{ key: 'role:setUsers', parameters: { roleId: '1', userIds: FROM_ITEM }, values: ['1', '1, x'], field: 'userIds' },
	{ key: 'role:setPermissions', parameters: { roleId: '1', permissions: FROM_ITEM }, values: ['view_proof', 'Not A Permission'], field: 'permissions' },
	{ key: 'role:setWorkflowPermissions', parameters: { roleId: '1', transitions: FROM_ITEM }, values: ['approve', 'Send Again'], field: 'transitions' },
	{ key: 'queue:setForEntity', parameters: { entityType: 'job', jobId: idFromItem, queueIds: ['808:1'] }, values: [1, 'abc'], field: 'jobId' },
	{ key: 'customApiCall:call', parameters: { method: 'GET', path: FROM_ITEM }, values: ['/client/getInitialInfo', '../api/version'], field: 'Path' },
];

const PAPILIO_WRITES: WriteCase[] = [
	{ key: 'customApiCall:call', parameters: { method: 'GET', path: FROM_ITEM }, values: ['/orders', 'https://elsewhere.example/orders'], field: 'Path' },
	{ key: 'message:markAsRead', parameters: { messageId: FROM_ITEM }, values: ['2460', 'abc'], field: 'Message ID' },
	{ key: 'order:createPin', parameters: { orderId: idFromItem }, values: [51041, 'abc'], field: 'Order' },
	{ key: 'order:delete', parameters: { orderId: idFromItem }, values: [51046, '-1'], field: 'Order' },
	{ key: 'order:deletePin', parameters: { orderId: idFromItem }, values: [51038, '1.5'], field: 'Order' },
	{ key: 'order:update', parameters: { orderId: 51042, updateFields: { title: FROM_ITEM } }, values: ['Changed', { not: 'text' }], field: 'Title' },
];

/** D2S's writes besides order:put (covered below with its own partial-failure cases). */
const D2S_WRITES: WriteCase[] = [
	{ key: 'customApiCall:call', parameters: { method: 'POST', path: FROM_ITEM, jsonBody: '{"op":"get-order","order":"R-1"}' }, values: ['', '/../other-lab'], field: 'Path' },
];

function split(key: string) {
	const [resource, operation] = key.split(':');
	return { resource, operation };
}

/** What a node must never do before every item passed its checks: send anything, a token request included. */
function expectInvalidSecondItem(result: RunNodeResult, field: string) {
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toContain(field);
	expect(result.error?.message).toContain('(item 1)');
	expect(result.error?.context?.itemIndex).toBe(1);
	expect(result.items).toHaveLength(0);
}

describe('every item of a write is checked before the first request', () => {
	test.each(TFLOW_WRITES)('tFLOW $key: item 1 bad in $field → tFLOW received nothing', async ({ key, parameters, values, field, input }) => {
		await tflow.reset();
		const items = input ? await input(values) : itemsWithValues(...values);
		const result = await tflow.run({ ...split(key), ...parameters }, items);
		expectInvalidSecondItem(result, field);
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});

	test.each(PAPILIO_WRITES)('papilio $key: item 1 bad in $field → papilio received nothing', async ({ key, parameters, values, field }) => {
		papilio.reset();
		papilio.emulator.server.clearLog();
		const result = await papilio.run({ ...split(key), ...parameters }, { input: itemsWithValues(...values) });
		expectInvalidSecondItem(result, field);
		expect(papilio.emulator.server.requests()).toHaveLength(0);
	});

	test.each(D2S_WRITES)('D2S $key: item 1 bad in $field → the lab received nothing', async ({ key, parameters, values, field }) => {
		d2s.d2s.reset();
		d2s.useCredentials();
		const result = await d2s.harness.runNode({ type: 'd2sWorkflow', parameters: { ...split(key), ...parameters }, credentials: ['d2sWorkflowApi'], input: itemsWithValues(...values) });
		expectInvalidSecondItem(result, field);
		expect(d2s.d2s.server.requests()).toHaveLength(0);
	});

	test.each(TFLOW_WRITES.slice(0, 3))('tFLOW $key with continueOnFail: item 0 goes through, item 1 is an error item naming $field', async ({ key, parameters, values, field, input }) => {
		await tflow.reset();
		const items = input ? await input(values) : itemsWithValues(...values);
		const result = await tflow.run({ ...split(key), ...parameters }, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toBeUndefined();
		expect(String(result.items[1].json.error)).toContain(field);
		expect(String(result.items[1].json.error)).toContain('(item 1)');
		expect(tflow.apiCalls().length).toBeGreaterThan(0);
	});

	test('the tables above cover every write, and every operation is a read or a write', () => {
		const cases: Array<[Resources, WriteCase[]]> = [
			[tflowResources, TFLOW_WRITES],
			[papilioResources, PAPILIO_WRITES],
			[{ customApiCall: d2sResources.customApiCall }, D2S_WRITES],
		];
		for (const [resources, writes] of cases) {
			const writeKeys = new Set(writes.map((write) => write.key));
			for (const [resource, operations] of Object.entries(resources)) {
				for (const [name, operation] of Object.entries(operations)) {
					const isWrite = writeKeys.has(`${resource}:${name}`);
					// A write validates in prepare and names what it did; a read offers Options › Concurrency instead.
					expect({ key: `${resource}:${name}`, prepare: typeof operation.prepare, done: typeof operation.done }).toEqual({
						key: `${resource}:${name}`,
						prepare: isWrite ? 'function' : 'undefined',
						done: isWrite ? 'function' : 'undefined',
					});
					const offersConcurrency = operation.description.some(
						(property) => property.name === 'options' && (property.options as Array<{ name: string }>).some((option) => option.name === 'concurrency'),
					);
					expect({ key: `${resource}:${name}`, offersConcurrency }).toEqual({ key: `${resource}:${name}`, offersConcurrency: !isWrite });
				}
			}
		}
		// D2S's order:put is a write that offers Concurrency (a lab takes several orders at once);
		// order:checkInstance is a read.
		expect(Object.keys(d2sResources).sort()).toEqual(['customApiCall', 'order']);
		expect(Object.keys(d2sResources.order)).toEqual(['put', 'checkInstance']);
		expect(typeof d2sResources.order.checkInstance.prepare).toBe('undefined');
		expect(typeof d2sResources.order.checkInstance.done).toBe('undefined');
		expect(typeof d2sResources.order.put.prepare).toBe('function');
		expect(typeof d2sResources.order.put.done).toBe('function');
		// Every operation of the descriptions is in a resource table.
		for (const [description, resources] of [
			[new Tflow().description, tflowResources],
			[new Papilio().description, papilioResources],
			[new D2sWorkflow().description, d2sResources],
		] as const) {
			for (const { resource, operation } of operationsOf(description)) expect(resources[resource]?.[operation]).toBeDefined();
		}
	});
});

describe('a later item fails after earlier ones went through: the error names what they created', () => {
	const refusedThird = (count: number) =>
		Array.from({ length: count }, (_, index) => ({
			json: { ref: `P-${index}`, base: index === 2 ? '00000000-0000-4000-8000-000000000000' : MUG.id, image: d2s.images.imageUrl(`p${index}.jpg`) },
		}));
	const putParameters = (options: INodeParameters) => ({
		orderReference: '={{ $json.ref }}',
		email: 'batch@example.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([{ base: '={{ $json.base }}', slots: [['Slot 1', '={{ $json.image }}']] }]),
		options,
	});

	beforeEach(() => {
		d2s.d2s.reset();
		d2s.useCredentials();
	});

	test('D2S: five orders one at a time, the third refused → the node fails naming the two created orders', async () => {
		const result = await d2s.put(putParameters({ concurrency: 1 }), { input: refusedThird(5) });

		expect(result.error).toBeDefined();
		expect(result.error!.message).toContain('wrong-base-id');
		expect(result.error!.context?.itemIndex).toBe(2);
		const created = d2s.d2s.state.orders;
		expect(created.map((order) => order.reference)).toEqual(['P-0', 'P-1']);
		const description = String(result.error!.description);
		for (const order of created) expect(description).toContain(`created order ${order.orderNum} (reference "${order.reference}")`);
		expect(description).toMatch(/Do not run the whole input again/);
		const details = result.error!.context?.details as IDataObject;
		expect(details.alreadyDone).toEqual(created.map((order, item) => ({ item, done: `created order ${order.orderNum} (reference "${order.reference}")` })));
	});

	test('D2S: orders sent four at a time, the third refused → every order that went through is named', async () => {
		const result = await d2s.put(putParameters({ concurrency: 4 }), { input: refusedThird(5) });

		expect(result.error).toBeDefined();
		const created = d2s.d2s.state.orders;
		// The three other orders in flight with the third went through as well.
		expect(created.length).toBeGreaterThanOrEqual(3);
		const description = String(result.error!.description);
		for (const order of created) expect(description).toContain(`created order ${order.orderNum}`);
	});

	test('D2S with continueOnFail: the error item of the third order lists the four created orders', async () => {
		const result = await d2s.put(putParameters({ concurrency: 1 }), { input: refusedThird(5), continueOnFail: true });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		const created = d2s.d2s.state.orders;
		expect(created.map((order) => order.reference)).toEqual(['P-0', 'P-1', 'P-3', 'P-4']);
		const failed = result.items[2].json;
		expect(String(failed.error)).toContain('wrong-base-id');
		expect(failed.alreadyDone).toEqual(
			created.map((order) => ({ item: Number(order.reference.slice(2)), done: `created order ${order.orderNum} (reference "${order.reference}")` })),
		);
		expect(String(failed.description)).toMatch(/Do not run the whole input again/);
		// Items that went through carry no such note.
		expect(result.items[0].json.alreadyDone).toBeUndefined();
	});

	test('tFLOW: job create for three items, tFLOW refuses the second → the first job is named', async () => {
		await tflow.reset();
		const jobsBefore = tflow.emulator.state.jobs.size;
		const result = await tflow.run(
			{ resource: 'job', operation: 'create', orderId: idFromItem, shipDate: '2026-05-01', ...keyValue, additionalFields: {} },
			itemsWithValues(1, 999, 2),
		);

		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(tflow.emulator.state.jobs.size).toBe(jobsBefore + 1);
		const job = [...tflow.emulator.state.jobs.values()].at(-1)!;
		expect(String(result.error?.description)).toContain(`Other items went through and stay done: created job ${job.id} (item 0). Do not run the whole input again`);
		expect((result.error?.context?.details as IDataObject).alreadyDone).toEqual([{ item: 0, done: `created job ${job.id}` }]);
		// The third item was never sent.
		expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(2);
	});
});

describe('uploads refuse a zero-byte file before any request', () => {
	const EMPTY = Buffer.alloc(0);

	test.each([
		['uploadArtwork', { operation: 'uploadArtwork' }],
		['executeTransition upload_first_revision', { operation: 'executeTransition', transition: 'upload_first_revision' }],
		['createWithArtwork', { operation: 'createWithArtwork', orderId: { __rl: true, mode: 'id', value: '1' }, shipDate: '2026-05-01' }],
	])('%s', async (_title, operation) => {
		await tflow.reset();
		const job = tflow.emulator.state.jobs.get(1)!;
		const stateBefore = job.current_state_name;
		const revisionsBefore = tflow.emulator.state.revisionsOfJob(1).length;
		const jobsBefore = tflow.emulator.state.jobs.size;
		const input = [await tflow.harness.binaryItem(EMPTY, 'empty.pdf', 'application/pdf')];

		const result = await tflow.run({ resource: 'job', ...operation, jobId: { __rl: true, mode: 'id', value: '1' }, binaryPropertyName: 'data', additionalFields: {} }, input);

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('binaryPropertyName: the file "empty.pdf" in binary field "data" is empty (0 bytes) (item 0)');
		expect(tflow.emulator.server.requests()).toHaveLength(0);
		expect(tflow.emulator.state.revisionsOfJob(1)).toHaveLength(revisionsBefore);
		expect(tflow.emulator.state.jobs.get(1)!.current_state_name).toBe(stateBefore);
		expect(tflow.emulator.state.jobs.size).toBe(jobsBefore);
	});
});

describe('binaryPropertyName reads only the item\'s own binary fields', () => {
	test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('"%s" is not a binary field of the item', async (name) => {
		await tflow.reset();
		const input = await artworkItems([null]);
		const result = await tflow.run(
			{ resource: 'job', operation: 'uploadArtwork', jobId: { __rl: true, mode: 'id', value: '1' }, binaryPropertyName: name, additionalFields: {} },
			input,
		);

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`binaryPropertyName: the input item has no binary field "${name}" (item 0)`);
		expect(result.error?.description).toBe('Binary fields on this item: data');
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});
});

describe('Options › Concurrency for reads', () => {
	const LATENCY_MS = 200;

	/** The most requests that arrived within one latency window: how many the server had at once. */
	function maxOverlap(arrivals: number[]): number {
		let max = 0;
		for (const start of arrivals) max = Math.max(max, arrivals.filter((at) => at >= start && at < start + LATENCY_MS * 0.75).length);
		return max;
	}

	afterEach(() => {
		tflow.emulator.server.latencyMs = 0;
		papilio.emulator.server.latencyMs = 0;
	});

	test('tFLOW job get, 9 items at concurrency 4: overlapping requests, one token request, input order and pairing', async () => {
		await tflow.reset();
		tflow.emulator.server.latencyMs = LATENCY_MS;
		const ids = [4, 2, 1, 3, 4, 1, 2, 3, 1];
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem, options: { concurrency: 4 } }, itemsWithValues(...ids));

		expect(result.error).toBeUndefined();
		expect(tflow.tokenCalls()).toHaveLength(1);
		const gets = tflow.apiCalls('GET', /^\/api\/v2\/job\/\d+$/);
		expect(gets).toHaveLength(ids.length);
		expect(maxOverlap(gets.map((call) => call.at))).toBe(4);
		expect(result.items.map((item) => item.json.id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	test('tFLOW without the option: one request at a time, as before', async () => {
		await tflow.reset();
		tflow.emulator.server.latencyMs = LATENCY_MS;
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem }, itemsWithValues(1, 2, 3));

		expect(result.error).toBeUndefined();
		expect(maxOverlap(tflow.apiCalls('GET', /^\/api\/v2\/job\/\d+$/).map((call) => call.at))).toBe(1);
	});

	test('papilio order get, 7 items at concurrency 4: overlapping requests, one token request, input order and pairing', async () => {
		papilio.reset();
		papilio.emulator.server.clearLog();
		papilio.emulator.server.latencyMs = LATENCY_MS;
		const ids = [51038, 51041, 51042, 51038, 51046, 51041, 51038];
		const result = await papilio.run({ resource: 'order', operation: 'get', orderId: idFromItem, options: { concurrency: 4 } }, { input: itemsWithValues(...ids) });

		expect(result.error).toBeUndefined();
		expect(papilio.emulator.server.requests(undefined, /^\/oauth\//)).toHaveLength(1);
		const gets = papilio.apiCalls('GET', /^\/api\/v1\/order\/\d+$/);
		expect(gets).toHaveLength(ids.length);
		expect(maxOverlap(gets.map((call) => call.at))).toBe(4);
		expect(result.items.map((item) => Number(item.json.id))).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	test('tFLOW job get, 40 items at the highest concurrency: all at once like the HTTP Request node, still one token request', async () => {
		await tflow.reset();
		tflow.emulator.server.latencyMs = LATENCY_MS;
		const ids = Array.from({ length: 40 }, (_, index) => (index % 4) + 1);
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem, options: { concurrency: 1000 } }, itemsWithValues(...ids));

		expect(result.error).toBeUndefined();
		expect(tflow.tokenCalls()).toHaveLength(1);
		// The first item goes alone (it fetches the token), then the other 39 together.
		expect(maxOverlap(tflow.apiCalls('GET', /^\/api\/v2\/job\/\d+$/).map((call) => call.at))).toBe(39);
		expect(result.items.map((item) => item.json.id)).toEqual(ids);
	});

	test.each([0, 1001])('a concurrency of %s is refused before anything is sent', async (concurrency) => {
		await tflow.reset();
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem, options: { concurrency } }, itemsWithValues(1));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`Options › Concurrency: must be a whole number from 1 to 1000, got ${concurrency} (item 0)`);
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});
});
