/**
 * tFLOW authentication through n8n's credential machinery: one token for many items, renewal when
 * tFLOW refuses a token mid-run, the credential's Test button, and instance URLs as users paste them.
 */
import { DEMO_CLIENT_SECRET } from '../../../tools/emulators/tflow';
import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { jobId: (index % 4) + 1 } }));
const getJobPerItem = { resource: 'job', operation: 'get', jobId: byId('={{ $json.jobId }}') };

test('25 items cost one token request; the token is reused by the next run', async () => {
	const result = await tflow.run(getJobPerItem, items(25));

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(25);
	expect(result.items.map((item) => item.json.id)).toEqual(items(25).map((item) => item.json.jobId));
	expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([...Array(25).keys()]);
	const [tokenCall] = tflow.tokenCalls();
	expect(tflow.tokenCalls()).toHaveLength(1);
	expect(tokenCall.contentType).toContain('application/x-www-form-urlencoded');
	expect(tokenCall.body).toEqual({ grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: DEMO_CLIENT_SECRET });
	expect(tflow.apiCalls()).toHaveLength(25);
	expectBearer(tflow.apiCalls(), tflow.token());

	await tflow.run(getJobPerItem, items(3));
	expect(tflow.tokenCalls()).toHaveLength(1);
	expect(tflow.emulator.tokenRequests).toBe(1);
});

test('tokens that expire during a run are renewed and no item is lost or repeated', async () => {
	tflow.emulator.configure({ tokenMaxUses: 10 });
	const result = await tflow.run(getJobPerItem, items(25));

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual(items(25).map((item) => item.json.jobId));
	expect(tflow.tokenCalls()).toHaveLength(3);
	const calls = tflow.apiCalls();
	expect(calls.filter((call) => call.status === 200)).toHaveLength(25);
	expect(calls.filter((call) => call.status === 401)).toHaveLength(2);
	// The first fetch, then one renewal per refusal (reads renew by sending the token empty, see sendRead in the transport).
	expect(tflow.harness.credentials.events.filter((event) => event.event === 'preAuthentication')).toHaveLength(3);
});

test('writes refused for an expired token are sent once more with the new token, and create only once', async () => {
	await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
	tflow.emulator.expireTokens();
	const result = await tflow.run({ resource: 'job', operation: 'update', jobId: byId(1), updateFields: { notes: 'after expiry' } });
	expect(result.error).toBeUndefined();
	const updates = tflow.apiCalls('POST', '/api/v2/job/1/update');
	expect(updates.map((call) => call.status)).toEqual([401, 200]);
	expect(updates[1].headers.authorization).toBe(`Bearer ${tflow.token()}`);
	expect(updates[0].headers.authorization).not.toBe(updates[1].headers.authorization);
	expect(result.items[0].json.notes).toBe('after expiry');
});

test('a wrong secret stops the node with tFLOW\'s answer and without the secret', async () => {
	await tflow.reset({ clientSecret: 'wrong-secret-value' });
	const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
	expect(result.error?.message).toBe('tFLOW did not accept the credentials: Client authentication failed');
	// GET /api/version (no token needed) tells a wrong key from a wrong address.
	expect(result.error?.description).toContain(
		'tFLOW 0.2.6280 (trunk) answers GET /api/version at this Instance URL, so the address is right: check the API Key and Secret Key.',
	);
	expect(JSON.stringify(result.error)).not.toContain('wrong-secret-value');
	expect(tflow.apiCalls()).toHaveLength(0);
	const versionCalls = tflow.emulator.server.requests('GET', '/api/version');
	expect(versionCalls.length).toBeGreaterThan(0);
	for (const call of versionCalls) {
		expect(call.headers.authorization).toBeUndefined();
		expect(JSON.stringify(call)).not.toContain('wrong-secret-value');
	}
});

describe('the API version in a diagnosis', () => {
	afterEach(() => tflow.emulator.configure({ apiVersion: '0.2.6280', apiBranch: 'trunk' }));

	const testCredentials = async (instanceUrl = tflow.emulator.url) =>
		await tflow.harness.testCredentials('tflowApi', { instanceUrl, clientId: 'tflow-demo-key', clientSecret: DEMO_CLIENT_SECRET });
	const failTokenEndpoint = () =>
		tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: 'oauth/access_token', status: 500, body: { error: 'server_error' } });

	test('an Instance URL where no tFLOW answers: the credential test says so', async () => {
		const result = await testCredentials(`${tflow.emulator.url}/not-tflow`);
		expect(result.status).toBe('Error');
		expect(result.message).toContain("tFLOW's token endpoint answered HTTP 404");
		expect(result.message).toContain('GET /api/version did not answer as tFLOW either: check that the Instance URL is the address of your tFLOW.');
		expect(result.message).not.toContain(DEMO_CLIENT_SECRET);
		expect(tflow.emulator.server.requests('GET', '/not-tflow/api/version')).toHaveLength(1);
	});

	test('a tFLOW whose token endpoint fails: the credential test names the version that answers', async () => {
		tflow.emulator.configure({ apiVersion: '4.2.1', apiBranch: 'release' });
		failTokenEndpoint();
		const result = await testCredentials();
		expect(result).toEqual({
			status: 'Error',
			message: "tFLOW's token endpoint answered HTTP 500: server_error. tFLOW 4.2.1 (release) answers GET /api/version at this Instance URL.",
		});
	});

	test('a version answer that does not look like one is not quoted', async () => {
		tflow.emulator.configure({ apiVersion: '<b>1.0</b> secret-ish text', apiBranch: 'trunk' });
		failTokenEndpoint();
		const result = await testCredentials();
		expect(result.message).toContain('GET /api/version did not answer as tFLOW either');
		expect(result.message).not.toContain('secret-ish');
	});
});

describe('credential test', () => {
	test('the right secret: OK, after a fresh token and a read every role may make with it', async () => {
		await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
		tflow.emulator.server.clearLog();
		const stored = tflow.token();

		const result = await tflow.harness.testCredentials('tflowApi', {
			instanceUrl: tflow.emulator.url,
			clientId: 'tflow-demo-key',
			clientSecret: DEMO_CLIENT_SECRET,
			accessToken: stored,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(tflow.tokenCalls()).toHaveLength(1);
		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/permission/list']);
		const [list] = tflow.apiCalls('GET', '/api/v2/permission/list');
		expect(list.headers.authorization).toMatch(/^Bearer \S{40}$/);
		expect(list.headers.authorization).not.toBe(`Bearer ${stored}`);
		// The test does not replace the token saved with the credential.
		expect(tflow.token()).toBe(stored);
	});

	// Issue 22 §4: the test read client/list, so a right key whose role may not list clients failed it.
	test('a right key whose role may not list clients passes; Client › Get Many then reports the 403 with tFLOW\'s message', async () => {
		tflow.emulator.configure({ clientListAllowed: false });
		try {
			const result = await tflow.harness.testCredentials('tflowApi', { instanceUrl: tflow.emulator.url, clientId: 'tflow-demo-key', clientSecret: DEMO_CLIENT_SECRET });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(tflow.tokenCalls().map((call) => call.status)).toEqual([200]);
			expect(tflow.apiCalls('GET', '/api/v2/client/list')).toHaveLength(0);

			tflow.emulator.server.clearLog();
			const clients = await tflow.run({ resource: 'client', operation: 'getMany', returnAll: true, filters: {} });
			expect(clients.error?.name).toBe('NodeApiError');
			expect(clients.error?.httpCode).toBe('403');
			expect(clients.error?.message).toContain('You are not allowed to list clients');
			expect(tflow.emulator.server.requests('GET', '/api/v2/client/list').map((call) => call.status)).toEqual([403]);
		} finally {
			tflow.emulator.configure({ clientListAllowed: true });
		}
	});

	test('a wrong secret: Error, and no API call', async () => {
		const result = await tflow.harness.testCredentials('tflowApi', {
			instanceUrl: tflow.emulator.url,
			clientId: 'tflow-demo-key',
			clientSecret: 'not-the-secret',
		});
		expect(result).toEqual({ status: 'Error', message: 'Authorization failed - please check your credentials' });
		// n8n asks for a token once more after a 401 from preAuthentication itself.
		expect(tflow.tokenCalls().map((call) => call.status)).toEqual([401, 401]);
		expect(tflow.apiCalls()).toHaveLength(0);
	});
});

describe('instance URL as users paste it', () => {
	test.each([
		['a trailing slash', (url: string) => `${url}/`],
		['the /api/v2 suffix', (url: string) => `${url}/api/v2`],
		['/api/v2/ and spaces', (url: string) => `  ${url}/api/v2/ `],
	])('%s', async (_name, paste) => {
		await tflow.reset({ instanceUrl: paste(tflow.emulator.url) });
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(2) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(2);
		expect(tflow.tokenCalls()).toHaveLength(1);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/job/2']);

		tflow.emulator.server.clearLog();
		const tested = await tflow.harness.testCredentials('tflowApi', {
			instanceUrl: paste(tflow.emulator.url),
			clientId: 'tflow-demo-key',
			clientSecret: DEMO_CLIENT_SECRET,
		});
		expect(tested.status).toBe('OK');
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/permission/list']);
	});
});
