/**
 * Bad input stops an item before anything is sent, with an error naming the field and the item;
 * with "Continue On Fail" a failing item becomes an error item paired with its input and the
 * other items go through.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId, useTflow } from './setup';

const tflow = useTflow();

const createJob = (overrides: INodeParameters): INodeParameters => ({
	resource: 'job',
	operation: 'create',
	orderId: byId(1),
	shipDate: '2026-05-01T12:00:00Z',
	additionalFields: {},
	...overrides,
});

// Values n8n can check before the run (required fields, the ID pattern of a resource locator) never
// reach the node; these come from expressions, as they would in real workflows.
describe('bad input is refused before any request', () => {
	test.each<[string, INodeParameters, string]>([
		['a job ID that is not a number', { resource: 'job', operation: 'get', jobId: byId('={{ "abc" }}') }, 'jobId: must be a positive whole number, got "abc" (item 0)'],
		['an empty job ID', { resource: 'job', operation: 'delete', jobId: byId('={{ "" }}') }, 'jobId: is required (item 0)'],
		['an order ID that is not a number', createJob({ orderId: byId('={{ "TF000001" }}') }), 'orderId: must be a positive whole number, got "TF000001" (item 0)'],
		['a date that is not ISO 8601', createJob({ shipDate: 'next tuesday' }), 'shipDate: "next tuesday" is not an ISO 8601 date (item 0)'],
		['an impossible date', createJob({ shipDate: '2026-02-30T10:00:00Z' }), 'shipDate: "2026-02-30T10:00:00Z" is not an ISO 8601 date (no such day) (item 0)'],
		[
			'props that are not valid JSON',
			createJob({ propsInputMode: 'json', propsJson: '{"quantity": 500,' }),
			'propsJson: is not valid JSON',
		],
		['props JSON that is an array', createJob({ propsInputMode: 'json', propsJson: '[1, 2]' }), 'propsJson: must be a JSON object (item 0)'],
		[
			'assignments with a user ID that is not a number',
			createJob({ assignments: { assignment: [{ type: 'instance_user_ids', userIds: '12, paula' }] } }),
			'assignments.userIds: must be a positive whole number, got "paula" (item 0)',
		],
		['a priority that is not a number', createJob({ additionalFields: { priority: '=high' } }), 'priority: must be a number, got "high" (item 0)'],
		['a queue ID of the wrong form', createJob({ additionalFields: { queues: ['Full Color'] } }), 'queues: "Full Color" is not a tFLOW queue ID (expected the form 808:1) (item 0)'],
		['a product ID that is not a number', createJob({ additionalFields: { productId: '=Passthrough' } }), 'productId: must be a positive whole number, got "Passthrough" (item 0)'],
		['an update without fields', { resource: 'job', operation: 'update', jobId: byId(1), updateFields: {} }, 'updateFields: nothing to update (item 0)'],
		['a transition name with spaces', { resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'approve now' }, 'transition: "approve now" is not a transition name (e.g. approve) (item 0)'],
		['an empty transition', { resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: '={{ " " }}' }, 'transition: is required (item 0)'],
		['a revision ID that is not a number', { resource: 'revision', operation: 'download', revisionId: '1.5', file: 'proof', binaryPropertyName: 'data' }, 'revisionId: must be a positive whole number, got "1.5" (item 0)'],
		['a client ID that is not a number', { resource: 'client', operation: 'get', clientId: '=Acme' }, 'clientId: must be a positive whole number, got "Acme" (item 0)'],
		['an order without a client', { resource: 'order', operation: 'create', clientId: '={{ null }}', shipDate: '2026-01-01', additionalFields: {} }, 'clientId: is required (item 0)'],
		['a user e-mail that is not one', { resource: 'user', operation: 'create', email: 'paula.printshop', additionalFields: {} }, 'email: "paula.printshop" is not a valid e-mail address (item 0)'],
		['a queue ID of the wrong form (queue get)', { resource: 'queue', operation: 'get', queueId: '=808' }, 'queueId: "808" is not a tFLOW queue ID (expected the form 808:1) (item 0)'],
		['a webhook URL that is not http(s)', { resource: 'webhook', operation: 'create', event: 'job.approve', url: 'ftp://example.com/hook' }, 'url: must be an http(s) URL, got "ftp://example.com/hook" (item 0)'],
		['a webhook event that is not an event name', { resource: 'webhook', operation: 'create', event: '=approve', url: 'https://example.com/hook' }, 'event: "approve" is not a tFLOW event name (e.g. job.approve) (item 0)'],
		['a webhook key with a slash', { resource: 'webhook', operation: 'delete', webhookId: '1/../2' }, 'webhookId: "1/../2" is neither a webhook ID nor an event name (e.g. job.approve) (item 0)'],
	])('%s', async (_name, parameters, message) => {
		const result = await tflow.run(parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toMatch(/\(item 0\)$/);
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});

	test('n8n itself refuses a typed job ID that does not match the ID pattern, before the node runs', async () => {
		await expect(tflow.run({ resource: 'job', operation: 'get', jobId: byId('abc') })).rejects.toThrow('The workflow has issues');
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});

	test('the error names the item that is wrong; items before it went through, none after it', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId('={{ $json.id }}') }, [
			{ json: { id: 1 } },
			{ json: { id: 'x1' } },
			{ json: { id: 2 } },
		]);
		expect(result.error?.message).toBe('jobId: must be a positive whole number, got "x1" (item 1)');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/job/1']);
	});
});

describe('continueOnFail', () => {
	test('failing items become error items paired with their input; the others go through', async () => {
		const result = await tflow.run(
			{ resource: 'job', operation: 'get', jobId: byId('={{ $json.id }}') },
			[{ json: { id: 1 } }, { json: { id: 'abc' } }, { json: { id: 404 } }, { json: { id: 3 } }],
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toMatchObject({ id: 1 });
		expect(result.items[1].json).toEqual({ error: 'jobId: must be a positive whole number, got "abc" (item 1)' });
		expect(result.items[2].json).toMatchObject({ error: 'Not found in tFLOW: id: Job 404 not found', httpCode: '404' });
		expect(result.items[3].json).toMatchObject({ id: 3 });
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/job/1', '/api/v2/job/404', '/api/v2/job/3']);
	});

	test('list operations: an error item for the failing input, lists for the others', async () => {
		const result = await tflow.run(
			{ resource: 'job', operation: 'getMany', returnAll: true, filters: { orderId: '={{ $json.order }}' } },
			[{ json: { order: 2 } }, { json: { order: 'TF1' } }, { json: { order: 1 } }],
			{ continueOnFail: true },
		);
		expect(result.items.map((item) => [item.pairedItem, item.json.id ?? item.json.error])).toEqual([
			[{ item: 0 }, 4],
			[{ item: 1 }, 'orderId: must be a positive whole number, got "TF1" (item 1)'],
			[{ item: 2 }, 1],
			[{ item: 2 }, 2],
			[{ item: 2 }, 3],
		]);
	});

	test('a rejected transition is an error item; a later valid one still runs', async () => {
		const result = await tflow.run(
			{ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: '={{ $json.transition }}' },
			[{ json: { transition: 'release' } }, { json: { transition: 'approve' } }],
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toContain('Allowed: approve, reject, close_to_rejected');
		expect(result.items[0].json.apiMessage).toContain('transition_name:');
		expect(result.items[1].json).toMatchObject({ id: 2, current_state_name: 'approved' });
	});
});
