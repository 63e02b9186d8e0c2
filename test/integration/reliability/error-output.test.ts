/**
 * On Error = "Continue (using error output)" through n8n-core's real WorkflowExecute (the harness):
 * n8n's own routing (handleNodeErrorOutput) sends an item to the error output only when it carries
 * the item-level `error`, or when its JSON holds nothing but error/message/details. The package's
 * error JSON has more keys, so each failed item must carry n8n's item-level error:
 * - two items, the second fails → the first on the success output (0), the second on the error
 *   output (1), paired with its input, for tFLOW, papilio and D2S, for an API refusal, for bad
 *   input caught before anything was sent and for the Custom API Call;
 * - the item-level error is a NodeApiError/NodeOperationError with message, description, httpCode
 *   and the item; after a write's partial failure its description and context name what other
 *   items already did (`alreadyDone`);
 * - "Continue" (regular output) keeps today's JSON: one output, the error item's JSON unchanged.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RunNodeResult } from '../../../tools/harness';
import { MUG, unitsParameter } from '../d2s/setup';
import { orderById } from '../papilio/world';
import { idFromItem, itemsWithValues, useReliabilityBeds } from './setup';

const { tflow, papilio, d2s } = useReliabilityBeds();

type OnError = 'continueErrorOutput' | 'continueRegularOutput';

async function runTflow(parameters: INodeParameters, input: INodeExecutionData[], onError: OnError) {
	return await tflow.harness.runNode({ type: 'tflow', parameters, credentials: ['tflowApi'], input, onError });
}

async function runPapilio(parameters: INodeParameters, input: INodeExecutionData[], onError: OnError) {
	return await papilio.harness.runNode({
		type: 'papilio',
		parameters: { authentication: 'papilioApi', ...parameters },
		credentials: ['papilioApi'],
		input,
		onError,
	});
}

async function runD2s(parameters: INodeParameters, input: INodeExecutionData[], onError: OnError) {
	return await d2s.harness.runNode({ type: 'd2sWorkflow', parameters, credentials: ['d2sWorkflowApi'], input, onError });
}

const jobGet = { resource: 'job', operation: 'get', jobId: idFromItem };

/** D2S put-order for items carrying `ref` and `base`; an unknown base is refused by the lab. */
const UNKNOWN_BASE = '00000000-0000-4000-8000-000000000000';
const d2sPut = () => ({
	resource: 'order',
	operation: 'put',
	orderReference: '={{ $json.ref }}',
	email: 'batch@example.com',
	confirm: true,
	unitsInputMode: 'fields',
	units: unitsParameter([{ base: '={{ $json.base }}', slots: [['Slot 1', d2s.images.imageUrl('e.jpg')]] }]),
	options: {},
});
const d2sItems = (...bases: string[]) => bases.map((base, index) => ({ json: { ref: `E-${index}`, base } }));

/** The run went through, with a success and an error output, the failed item alone on the error output. */
function expectRouted(result: RunNodeResult, failedItem: number, itemCount: number) {
	expect(result.error).toBeUndefined();
	expect(result.outputs).toHaveLength(2);
	const [success, failed] = result.outputs;
	expect(failed.map((item) => item.pairedItem)).toEqual([{ item: failedItem }]);
	expect(success.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: itemCount }, (_, item) => item).filter((item) => item !== failedItem).map((item) => ({ item })),
	);
	for (const item of success) expect(item.error).toBeUndefined();
	return { success, failed: failed[0] };
}

/**
 * The item-level error n8n routed by: an n8n node error naming the item. n8n shows the JSON of such
 * an item as `{ error: message }`; the error keeps the description, HTTP code and API message.
 */
function expectItemError(item: INodeExecutionData, itemIndex: number, kind: typeof NodeApiError | typeof NodeOperationError) {
	expect(item.error).toBeInstanceOf(kind);
	expect(item.json).toEqual({ error: item.error!.message });
	expect(item.error!.context?.itemIndex).toBe(itemIndex);
	return item.error as NodeApiError;
}

describe('Continue (using error output): the failed item goes to the error output', () => {
	test('tFLOW job get, the second job does not exist → item 1 on the error output, item 0 on the success output', async () => {
		await tflow.reset();
		const result = await runTflow(jobGet, itemsWithValues(1, 999), 'continueErrorOutput');

		const { success, failed } = expectRouted(result, 1, 2);
		expect(success[0].json.id).toBe(1);
		const error = expectItemError(failed, 1, NodeApiError);
		expect(error.message).toBe('Not found in tFLOW: id: Job 999 not found');
		expect(error.description).toBe('GET /api/v2/job/999');
		expect(error.httpCode).toBe('404');
		expect(error.context.details).toEqual({ apiMessage: 'id: Job 999 not found' });
	});

	test('papilio order get, the second order does not exist → item 1 on the error output', async () => {
		papilio.reset();
		const result = await runPapilio({ resource: 'order', operation: 'get', orderId: orderById('={{ $json.value }}'), options: {} }, itemsWithValues(51038, 99999), 'continueErrorOutput');

		const { success, failed } = expectRouted(result, 1, 2);
		expect(Number(success[0].json.id)).toBe(51038);
		const error = expectItemError(failed, 1, NodeApiError);
		expect(error.message).toBe('Not found in papilio: Order 99999 does not exist');
		expect(error.description).toBe('GET /api/v1/order/99999');
		expect(error.httpCode).toBe('404');
	});

	test('D2S put-order, the lab refuses the second order → item 1 on the error output, with what item 0 created', async () => {
		d2s.d2s.reset();
		d2s.useCredentials();
		const result = await runD2s(d2sPut(), d2sItems(MUG.id, UNKNOWN_BASE), 'continueErrorOutput');

		const { success, failed } = expectRouted(result, 1, 2);
		const [order] = d2s.d2s.state.orders;
		expect(order.reference).toBe('E-0');
		expect(success[0].json).toMatchObject({ orderNum: order.orderNum, orderReference: 'E-0' });
		const error = expectItemError(failed, 1, NodeApiError);
		expect(error.message).toContain('wrong-base-id');
		// What item 0 already did, where n8n keeps it for this error: its description and context.
		expect(error.description).toContain(`Other items went through and stay done: created order ${order.orderNum} (reference "E-0") (item 0). Do not run the whole input again`);
		expect((error.context.details as IDataObject).alreadyDone).toEqual([{ item: 0, done: `created order ${order.orderNum} (reference "E-0")` }]);
	});

	test('tFLOW job create, bad input in the second item (caught before sending) → a NodeOperationError on the error output', async () => {
		await tflow.reset();
		const jobsBefore = tflow.emulator.state.jobs.size;
		const result = await runTflow(
			{ resource: 'job', operation: 'create', orderId: idFromItem, shipDate: '2026-05-01', propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue', additionalFields: {} },
			itemsWithValues(1, 'abc'),
			'continueErrorOutput',
		);

		const { failed } = expectRouted(result, 1, 2);
		expect(expectItemError(failed, 1, NodeOperationError).message).toContain('orderId');
		expect(tflow.emulator.state.jobs.size).toBe(jobsBefore + 1);
	});

	test('tFLOW Custom API Call, the second path is not found → item 1 on the error output', async () => {
		await tflow.reset();
		const result = await runTflow({ resource: 'customApiCall', operation: 'call', method: 'GET', path: '={{ $json.value }}' }, itemsWithValues('/job/1', '/job/999'), 'continueErrorOutput');

		const { failed } = expectRouted(result, 1, 2);
		expectItemError(failed, 1, NodeApiError);
	});
});

describe('Continue (regular output): the output is the JSON it always was', () => {
	test('tFLOW job get, the second job does not exist → one output, the error item with all its keys and no item-level error', async () => {
		await tflow.reset();
		const result = await runTflow(jobGet, itemsWithValues(1, 999), 'continueRegularOutput');

		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.id).toBe(1);
		// n8n would replace the JSON of an item with an item-level error by { error: message }.
		expect(result.items[1]).toEqual({
			json: { error: 'Not found in tFLOW: id: Job 999 not found', description: 'GET /api/v2/job/999', httpCode: '404', apiMessage: 'id: Job 999 not found' },
			pairedItem: { item: 1 },
		});
	});

	test('D2S put-order, the lab refuses the second order → the error item keeps description and alreadyDone', async () => {
		d2s.d2s.reset();
		d2s.useCredentials();
		const result = await runD2s(d2sPut(), d2sItems(MUG.id, UNKNOWN_BASE), 'continueRegularOutput');

		expect(result.outputs).toHaveLength(1);
		const [order] = d2s.d2s.state.orders;
		const failed = result.items[1];
		expect(failed.error).toBeUndefined();
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(Object.keys(failed.json).sort()).toEqual(['alreadyDone', 'apiMessage', 'description', 'error', 'httpCode', 'id', 'orderReference', 'type'].sort());
		expect(failed.json.alreadyDone).toEqual([{ item: 0, done: `created order ${order.orderNum} (reference "E-0")` }]);
		expect(String(failed.json.description)).toMatch(/Do not run the whole input again/);
	});
});
