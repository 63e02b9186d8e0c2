/**
 * Custom API Call (issue 15 §3) of the D2S node through n8n's execution code: the emulator-only
 * `get-order` op (the node has no operation for it) reached with the credential's secret added to
 * the JSON body, query parameters, a write (put-order) sent once even when the lab fails, paths
 * that would leave the lab URL refused before sending, and the secret in no output or error.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { MUG, SECRET, serializeError, startD2s, unitsParameter, type D2sTestbed } from './setup';

let bed: D2sTestbed;

beforeAll(async () => {
	bed = await startD2s();
});
afterAll(async () => await bed.stop());
beforeEach(() => {
	bed.d2s.reset();
	bed.useCredentials();
});

const custom = (parameters: Record<string, unknown>) => ({ resource: 'customApiCall', operation: 'call', ...parameters });

async function call(parameters: Record<string, unknown>, input?: INodeExecutionData[]) {
	return await bed.harness.runNode({ type: 'd2sWorkflow', parameters: custom(parameters), credentials: ['d2sWorkflowApi'], input });
}

async function placeOrder(reference: string) {
	const result = await bed.put({
		orderReference: reference,
		email: 'customer@example.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', bed.images.imageUrl('mug.jpg')]] }]),
	});
	expect(result.error).toBeUndefined();
	bed.d2s.server.clearLog();
}

const labRequests = () => bed.d2s.server.requests(undefined, /^\/api\/v1\//);

test('the method defaults to POST and the empty path is the lab URL; the secret is added to the JSON body', async () => {
	await placeOrder('Order #7');
	const result = await call({ jsonBody: '{"op": "get-order", "order": "Order #7"}', queryParameters: { parameter: [{ name: 'trace', value: 'a b' }] } });
	expect(result.error).toBeUndefined();
	const requests = labRequests();
	expect(requests).toHaveLength(1);
	expect(requests[0].method).toBe('POST');
	expect(requests[0].path).toBe(`/api/v1/${bed.d2s.labId}`);
	expect(requests[0].query).toEqual({ trace: 'a b' });
	expect(requests[0].headers['content-type']).toMatch(/^application\/json/);
	expect(requests[0].body).toEqual({ op: 'get-order', order: 'Order #7', secret: SECRET });
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ order: 'Order #7', 'order-num': expect.any(Number), units: 1, images: 1 });
	expect(JSON.stringify(result.items)).not.toContain(SECRET);
});

test('a query name given twice goes out twice, and names plain objects have are sent as typed', async () => {
	await placeOrder('Order #8');
	const pairs = [
		['trace', 'a'],
		['trace', 'b'],
		['toString', 'c'],
		['__proto__', 'd'],
	].map(([name, value]) => ({ name, value }));
	const result = await call({ jsonBody: '{"op": "get-order", "order": "Order #8"}', queryParameters: { parameter: pairs } });
	expect(result.error).toBeUndefined();
	const [request] = labRequests();
	expect([...new URLSearchParams(request.search)]).toEqual(pairs.map(({ name, value }) => [name, value]));
});

test('a secret typed into the JSON body is replaced by the credential\'s', async () => {
	await placeOrder('Order #8');
	const result = await call({ jsonBody: '{"op": "get-order", "order": "Order #8", "secret": "typed-by-hand"}' });
	expect(result.error).toBeUndefined();
	expect(labRequests()[0].body.secret).toBe(SECRET);
});

test('a lab error names the status and carries no secret, even when the lab echoes it', async () => {
	const missing = await call({ jsonBody: '{"op": "get-order", "order": "nope"}' });
	expect(missing.error?.message).toMatch(/404|not found|No order/i);
	expect(serializeError(missing.error)).not.toContain(SECRET);

	bed.d2s.server.addFault({ kind: 'status', status: 500, body: { error: 'boom', received: { secret: SECRET } } });
	const echoed = await call({ jsonBody: '{"op": "get-order", "order": "nope"}' });
	expect(echoed.error).toBeDefined();
	expect(serializeError(echoed.error)).not.toContain(SECRET);
});

// Issue 22 §5: every 404 used to blame the Lab ID, also an unknown order or path of a known lab.
test('a 404 says what the lab said: an unknown order or path is not blamed on the Lab ID', async () => {
	const order = await call({ jsonBody: '{"op": "get-order", "order": "nope"}' });
	expect(order.error?.name).toBe('NodeApiError');
	expect(order.error?.httpCode).toBe('404');
	expect(order.error?.message).toBe('D2S Workflow answered 404 Not Found: No order with the reference "nope"');
	expect(`${order.error?.message} ${order.error?.description}`).not.toMatch(/Lab ID|does not know the lab/);

	const path = await call({ method: 'GET', path: '/orders/7', jsonBody: '{}' });
	expect(path.error?.message).toBe('D2S Workflow answered 404 Not Found: No such path: /orders/7');
	expect(`${path.error?.message} ${path.error?.description}`).not.toMatch(/Lab ID|does not know the lab/);
	expect(bed.d2s.server.requests('GET', '/api/v1/demo-lab/orders/7')).toHaveLength(1);

	bed.useCredentials({ labId: 'other-lab' });
	const lab = await call({ method: 'GET', path: '/orders/7', jsonBody: '{}' });
	expect(lab.error?.message).toBe('D2S Workflow does not know the lab "other-lab" (404 Not Found): Lab not found');
	expect(lab.error?.description).toContain('Check the Lab ID and the Base URL');
});

test('a write that fails with a server error is sent once, not retried', async () => {
	bed.d2s.server.addFault({ kind: 'status', status: 503, path: '^/api/v1/', times: 1 });
	const body = {
		op: 'put-order',
		type: 'models-by-widget',
		order: 'Order #9',
		user: { email: 'customer@example.com' },
		'confirm?': true,
		units: [{ base: MUG.id, payload: [{ slot: 'Slot 1', image: bed.images.imageUrl('mug.jpg') }] }],
	};
	const result = await call({ method: 'POST', jsonBody: JSON.stringify(body) });
	expect(result.error).toBeDefined();
	expect(labRequests()).toHaveLength(1);
	expect(bed.d2s.state.orders).toHaveLength(0);
	expect(serializeError(result.error)).not.toContain(SECRET);
});

describe('paths that would leave the lab URL are refused before anything is sent', () => {
	test.each([
		['https://evil.example/api/v1/demo-lab', 'full URLs'],
		['//evil.example/x', 'full URLs'],
		['/../other-lab', '".."'],
		['/%2e%2e/other-lab', '".."'],
		['/x%2fother-lab', '"/"'],
		['/x/..;/..;/other-lab', '".."'],
	])('%s', async (path, reason) => {
		const result = await call({ path: '={{ $json.path }}', jsonBody: '{"op": "get-order", "order": "x"}' }, [{ json: { path: '' } }, { json: { path } }]);
		expect(result.error?.message).toMatch(/^Path: /);
		expect(result.error?.message).toContain('(item 1)');
		expect(result.error?.message).toContain(reason);
		expect(labRequests()).toHaveLength(0);
	});
});
