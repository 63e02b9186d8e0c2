/**
 * Custom API Call (issue 15 §3) through n8n's execution code: endpoints the node does not wrap,
 * reached with the credential's Bearer token (renewed on 401), query, JSON and form bodies, a file
 * answer, and paths that would leave /api/v2 refused before anything is sent.
 */
import { expectBearer, useTflow } from './setup';

const tflow = useTflow();

const custom = (parameters: Record<string, unknown>) => ({ resource: 'customApiCall', operation: 'call', ...parameters });

test('GET of an endpoint the node does not wrap, with query parameters and the Bearer token', async () => {
	const result = await tflow.run(
		custom({ method: 'GET', path: '/client/getInitialInfo', queryParameters: { parameter: [{ name: 'client_id', value: '101' }] } }),
	);
	expect(result.error).toBeUndefined();
	const calls = tflow.apiCalls();
	expect(calls).toHaveLength(1);
	expect(calls[0].method).toBe('GET');
	expect(calls[0].path).toBe('/api/v2/client/getInitialInfo');
	expect(calls[0].query).toEqual({ client_id: '101' });
	expectBearer(calls, tflow.token());
	expect(result.items).toHaveLength(1);
	expect(Array.isArray(result.items[0].json.allowedTflows)).toBe(true);
	expect(result.items[0].json.allowedTflows).toContainEqual(expect.objectContaining({ id: '808:1' }));
});

test('a query name given twice goes out twice, and names plain objects have are sent as typed', async () => {
	const pairs = [
		['status', 'new'],
		['status', 'done'],
		['toString', 'a'],
		['constructor', 'b'],
		['__proto__', 'c'],
	].map(([name, value]) => ({ name, value }));
	const result = await tflow.run(custom({ method: 'GET', path: '/job/list', queryParameters: { parameter: pairs } }));
	expect(result.error).toBeUndefined();
	const [call] = tflow.apiCalls();
	expect([...new URLSearchParams(call.search)]).toEqual(pairs.map(({ name, value }) => [name, value]));
});

test('form fields with names plain objects have are sent as typed', async () => {
	const pairs = [
		['toString', 'a'],
		['__proto__', 'b'],
		['name', 'Acme'],
		['name', 'Bakery'],
	].map(([name, value]) => ({ name, value }));
	const result = await tflow.run(custom({ method: 'POST', path: '/client/101/update', bodyType: 'form', formFields: { field: pairs } }));
	const [call] = tflow.apiCalls('POST');
	expect(result.error?.message ?? '').not.toContain('function');
	expect([...new URLSearchParams(call.rawText)]).toEqual(pairs.map(({ name, value }) => [name, value]));
});

test('a pasted /api/v2 prefix is dropped and a list answer becomes one item per entry', async () => {
	const result = await tflow.run(custom({ method: 'GET', path: 'api/v2/client/101/tflows' }));
	expect(result.error).toBeUndefined();
	expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/client/101/tflows']);
	expect(result.items.map((item) => item.json.id)).toEqual(['808:1', '808:2']);
});

test('POST with a JSON body reaches an unwrapped write once, and its answer is the output', async () => {
	const result = await tflow.run(custom({ method: 'POST', path: '/client/101/update', bodyType: 'json', jsonBody: '{"name":"Acme Bakery Ltd"}' }));
	expect(result.error).toBeUndefined();
	const calls = tflow.apiCalls('POST');
	expect(calls).toHaveLength(1);
	expect(calls[0].path).toBe('/api/v2/client/101/update');
	expect(calls[0].contentType).toMatch(/^application\/json/);
	expect(calls[0].body).toEqual({ name: 'Acme Bakery Ltd' });
	expectBearer(calls, tflow.token());
	expect(result.items[0].json).toMatchObject({ id: 101, name: 'Acme Bakery Ltd' });
	const [check] = (await tflow.run(custom({ method: 'GET', path: '/client/101' }))).items;
	expect(check.json.name).toBe('Acme Bakery Ltd');
});

test('POST with a form body is sent form-encoded', async () => {
	const result = await tflow.run(
		custom({ method: 'POST', path: '/client/102/update', bodyType: 'form', formFields: { field: [{ name: 'name', value: 'Northwind & Co' }] } }),
	);
	expect(result.error).toBeUndefined();
	const [call] = tflow.apiCalls('POST');
	expect(call.contentType).toMatch(/^application\/x-www-form-urlencoded/);
	expect(call.rawText).toBe('name=Northwind+%26+Co');
	expect(result.items[0].json).toMatchObject({ id: 102, name: 'Northwind & Co' });
});

test('an expired token is renewed on 401 and the call sent again with the new one', async () => {
	await tflow.run(custom({ method: 'GET', path: '/client/101' }));
	const first = tflow.token();
	tflow.emulator.expireTokens();
	tflow.emulator.server.clearLog();
	const result = await tflow.run(custom({ method: 'GET', path: '/client/getInitialInfo' }));
	expect(result.error).toBeUndefined();
	const calls = tflow.apiCalls('GET', '/api/v2/client/getInitialInfo');
	expect(calls.map((call) => call.status)).toEqual([401, 200]);
	expect(tflow.token()).not.toBe(first);
	expect(calls[1].headers.authorization).toBe(`Bearer ${tflow.token()}`);
	expect(tflow.tokenCalls()).toHaveLength(1);
});

test('a GET asked as a file puts the answer into a binary field', async () => {
	const result = await tflow.run(custom({ method: 'GET', path: '/revision/1/originalFile', responseFormat: 'file', binaryPropertyName: 'artwork' }));
	expect(result.error).toBeUndefined();
	const [call] = tflow.apiCalls();
	expect(call.path).toBe('/api/v2/revision/1/originalFile');
	expectBearer([call], tflow.token());
	const item = result.items[0];
	expect(item.json).toMatchObject({ method: 'GET', path: '/revision/1/originalFile' });
	expect(item.binary?.artwork).toBeDefined();
	expect(Number(item.json.fileSize)).toBeGreaterThan(0);
	const bytes = await tflow.harness.readBinary(item.binary!.artwork);
	expect(bytes.length).toBe(item.json.fileSize);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

describe('paths that would leave the API base are refused before anything is sent', () => {
	test.each([
		['https://evil.example/api/v2/job/list', 'full URLs'],
		['//evil.example/job/list', 'full URLs'],
		['/job/../../oauth/access_token', '".."'],
		['/job/%2e%2e/%2E%2E/admin', '".."'],
		['/job/%252e%252e/admin', '".."'],
		['/job/..%2fadmin', '"/"'],
		['/job\\..\\admin', 'full URLs'],
		['/job/list?limit=1', 'Query Parameters'],
		['/job//list', 'empty segments'],
		// Tomcat-style servers drop `;…` and resolve the dots.
		['/x/..;/..;/oauth/access_token', '".."'],
		['/job/.;x/list', '".."'],
	])('%s', async (path, reason) => {
		const result = await tflow.run(
			custom({ method: 'GET', path: '={{ $json.path }}' }),
			[{ json: { path: '/job/list' } }, { json: { path } }],
		);
		expect(result.error?.message).toMatch(/^Path: /);
		expect(result.error?.message).toContain('(item 1)');
		expect(result.error?.message).toContain(reason);
		// Item 0 was fine, but every item is checked before the first request.
		expect(tflow.apiCalls()).toHaveLength(0);
		expect(tflow.tokenCalls()).toHaveLength(0);
	});
});

test('a write that fails with a server error is not retried and says so', async () => {
	tflow.emulator.server.faults.push({ kind: 'status', method: 'POST', path: '^/api/v2/client/101/update$', status: 503, times: 1 });
	const result = await tflow.run(custom({ method: 'POST', path: '/client/101/update', jsonBody: '{"name":"X"}' }));
	expect(result.error?.message).toContain('tFLOW is unavailable');
	expect(tflow.apiCalls('POST')).toHaveLength(1);
	expect(JSON.stringify(result.error?.description)).toContain('not retried');
});
