/**
 * Custom API Call (issue 15 §3) of the papilio node through n8n's execution code: the
 * emulator-only `POST /order/remark/{id}` (no operation wraps it) reached with the access_token
 * parameter of either credential, renewed when papilio answers invalid_token; query, form and JSON
 * bodies, a file answer, paths that would leave /api/v1 refused before sending, no token in output
 * or errors, and a write never retried after a server error.
 */
import { connectOAuth2, useWorld } from './world';

const world = useWorld();

const custom = (parameters: Record<string, unknown>) => ({ resource: 'customApiCall', operation: 'call', ...parameters });
const remarkOf = (id: number) => world.emulator.state.orders.find((order) => order.id === id)!.remark;
const storedToken = () => world.harness.credentials.store.get('papilioApi')!.accessToken as string;

test('GET with query parameters sends them with the access_token parameter and outputs one item per entry', async () => {
	const result = await world.run(
		custom({ method: 'GET', path: '/orders/search/and', queryParameters: { parameter: [{ name: 'title', value: 'Bebbi' }, { name: 'released_by', value: 'true' }] } }),
	);
	expect(result.error).toBeUndefined();
	const calls = world.apiCalls();
	expect(calls).toHaveLength(1);
	expect(calls[0].path).toBe('/api/v1/orders/search/and');
	expect(calls[0].query).toMatchObject({ title: 'Bebbi', released_by: 'true', access_token: storedToken() });
	expect(calls[0].tokenIn).toBe('query');
	// papilio's envelope {count, orders} is one object: the answer as it came, one item.
	expect(result.items).toHaveLength(1);
	expect((result.items[0].json.orders as Array<{ id: string }>).map((order) => order.id)).toContain('51038');
	expect(JSON.stringify(result.items)).not.toContain(storedToken());
});

test('a query name given twice goes out twice, and names plain objects have are sent as typed', async () => {
	const pairs = [
		['tag', 'new'],
		['tag', 'done'],
		['toString', 'a'],
		['__proto__', 'c'],
	].map(([name, value]) => ({ name, value }));
	const result = await world.run(custom({ method: 'GET', path: '/orders/search/and', queryParameters: { parameter: pairs } }));
	expect(result.error).toBeUndefined();
	const [call] = world.apiCalls();
	const sent = [...new URLSearchParams(call.search)].filter(([name]) => name !== 'access_token');
	expect(sent).toEqual(pairs.map(({ name, value }) => [name, value]));
});

test('POST with form fields (the default body) reaches an endpoint the node does not wrap, once', async () => {
	const result = await world.run(custom({ method: 'POST', path: '/order/remark/51038', formFields: { field: [{ name: 'remark', value: 'Logo & Farbe prüfen' }] } }));
	expect(result.error).toBeUndefined();
	const [call, ...others] = world.apiCalls('POST');
	expect(others).toHaveLength(0);
	expect(call.path).toBe('/api/v1/order/remark/51038');
	expect(call.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
	expect(call.body).toEqual({ remark: 'Logo & Farbe prüfen' });
	expect(call.tokenIn).toBe('query');
	expect(result.items[0].json).toEqual({ success: 'true', id: '51038', remark: 'Logo & Farbe prüfen' });
	expect(remarkOf(51038)).toBe('Logo & Farbe prüfen');
});

test('POST with a JSON body, pasted /api/v1 prefix dropped', async () => {
	const result = await world.run(custom({ method: 'POST', path: 'api/v1/order/remark/51041', bodyType: 'json', jsonBody: '{"remark": "per JSON"}' }));
	expect(result.error).toBeUndefined();
	const [call] = world.apiCalls('POST');
	expect(call.path).toBe('/api/v1/order/remark/51041');
	expect(call.headers['content-type']).toMatch(/^application\/json/);
	expect(call.body).toEqual({ remark: 'per JSON' });
	expect(remarkOf(51041)).toBe('per JSON');
});

test('an expired token is renewed at /oauth/token/refresh and the write applied exactly once', async () => {
	await world.run(custom({ method: 'GET', path: '/order/51038' }));
	const first = storedToken();
	world.emulator.expireAccessTokens();
	world.emulator.server.clearLog();
	const result = await world.run(custom({ method: 'POST', path: '/order/remark/51038', formFields: { field: [{ name: 'remark', value: 'after refresh' }] } }));
	expect(result.error).toBeUndefined();
	expect(world.emulator.tokenRequests).toMatchObject({ refresh: 1 });
	const calls = world.apiCalls('POST', '/api/v1/order/remark/51038');
	expect(calls.map((call) => call.status)).toEqual([401, 401, 200]);
	expect(calls[0].query.access_token).toBe(first);
	expect(calls[2].query.access_token).toBe(storedToken());
	expect(storedToken()).not.toBe(first);
	expect(remarkOf(51038)).toBe('after refresh');
});

test('the OAuth2 credential sends its token as the parameter too', async () => {
	const tokens = await connectOAuth2(world);
	const result = await world.run(custom({ authentication: 'papilioOAuth2Api', method: 'POST', path: '/order/remark/51038', formFields: { field: [{ name: 'remark', value: 'via OAuth2' }] } }));
	expect(result.error).toBeUndefined();
	const [call] = world.apiCalls('POST');
	expect(call).toMatchObject({ tokenIn: 'query', user: 'api-script', status: 200 });
	expect(call.query.access_token).toBe(tokens.access_token);
	expect(call.headers.authorization).toBeUndefined();
	expect(remarkOf(51038)).toBe('via OAuth2');
});

test('a GET asked as a file puts the answer into a binary field', async () => {
	const result = await world.run(custom({ method: 'GET', path: '/order/preview/51038', responseFormat: 'file', binaryPropertyName: 'preview' }));
	expect(result.error).toBeUndefined();
	const [call] = world.apiCalls();
	expect(call).toMatchObject({ path: '/api/v1/order/preview/51038', tokenIn: 'query' });
	const item = result.items[0];
	expect(item.json).toMatchObject({ method: 'GET', path: '/order/preview/51038', fileName: 'order_51038_preview.pdf' });
	const bytes = await world.harness.readBinary(item.binary!.preview);
	expect(bytes.length).toBe(item.json.fileSize);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

test('papilio\'s error envelope is the error, without the token', async () => {
	const result = await world.run(custom({ method: 'POST', path: '/order/remark/99999', formFields: { field: [{ name: 'remark', value: 'x' }] } }));
	expect(result.error?.message).toMatch(/not_found|does not exist/i);
	expect(JSON.stringify({ message: result.error?.message, description: result.error?.description })).not.toContain(storedToken());
});

test('a write that fails with a server error is not retried and says so', async () => {
	world.emulator.server.faults.push({ kind: 'status', method: 'POST', path: '^/api/v1/order/remark/51038$', status: 503, times: 1 });
	const result = await world.run(custom({ method: 'POST', path: '/order/remark/51038', formFields: { field: [{ name: 'remark', value: 'once' }] } }));
	expect(result.error).toBeDefined();
	expect(world.apiCalls('POST')).toHaveLength(1);
	expect(JSON.stringify(result.error?.description)).toContain('not retried');
	expect(remarkOf(51038)).not.toBe('once');
});

describe('paths that would leave /api/v1 are refused before anything is sent', () => {
	test.each([
		['https://evil.example/api/v1/orders', 'full URLs'],
		['//evil.example/orders', 'full URLs'],
		['/order/../../oauth/token/user', '".."'],
		['/order/%2e%2e/%2E%2E/oauth', '".."'],
		['/order/..%2f..%2foauth', '"/"'],
		['/orders?status=1', 'Query Parameters'],
		['/order/..;/..;/oauth/token/user', '".."'],
	])('%s', async (path, reason) => {
		const result = await world.run(custom({ method: 'GET', path: '={{ $json.path }}' }), { input: [{ json: { path: '/orders' } }, { json: { path } }] });
		expect(result.error?.message).toMatch(/^Path: /);
		expect(result.error?.message).toContain('(item 1)');
		expect(result.error?.message).toContain(reason);
		expect(world.emulator.server.requests()).toHaveLength(0);
	});
});
