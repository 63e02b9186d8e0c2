import { CLIENT_ID, CLIENT_SECRET, connectOAuth2, orderById, PASSWORD, USERNAME, useWorld } from './world';

const world = useWorld();
beforeEach(() => {
	world.harness.credentials.events.length = 0;
});

const getOrder = (id = 51038, authentication = 'papilioApi') => ({ authentication, resource: 'order', operation: 'get', orderId: orderById(id) });
const stored = (type = 'papilioApi') => world.harness.credentials.store.get(type)!;
const tokenOf = (entry: { query: Record<string, unknown> }) => entry.query.access_token as string;

describe('papilioApi (User Credentials grant)', () => {
	test('logs in once with Basic client auth and reuses the token for every item and run', async () => {
		const input = [{ json: {} }, { json: {} }, { json: {} }];
		expect((await world.run(getOrder(), { input })).items).toHaveLength(3);
		expect((await world.run(getOrder(51041))).error).toBeUndefined();
		expect(world.emulator.tokenRequests).toEqual({ user: 1, access: 0, refresh: 0 });
		const calls = world.apiCalls('GET', /^\/api\/v1\/order\//);
		expect(calls).toHaveLength(4);
		expect(new Set(calls.map(tokenOf)).size).toBe(1);
		expect(calls.every((call) => call.tokenIn === 'query' && call.headers.authorization === undefined)).toBe(true);
		expect(stored()).toMatchObject({ accessToken: tokenOf(calls[0]), refreshToken: expect.stringMatching(/^[0-9a-f]{40}$/) });
	});

	test('invalid_token → renews at /oauth/token/refresh and retries the request', async () => {
		await world.run(getOrder());
		const first = stored().accessToken;
		const refreshToken = stored().refreshToken;
		world.emulator.expireAccessTokens();
		world.emulator.server.clearLog();
		world.harness.credentials.events.length = 0;

		const result = await world.run(getOrder());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe('51038');
		expect(world.emulator.tokenRequests).toEqual({ user: 1, access: 0, refresh: 1 });
		const [refresh] = world.emulator.server.requests('POST', '/oauth/token/refresh');
		expect(refresh.body).toEqual({ refresh_token: refreshToken });
		expect(refresh.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
		// The first 401 is read by the node, which sends the request once more through n8n; n8n
		// sees the 401, calls preAuthentication (refresh) and retries with the new token.
		const calls = world.apiCalls('GET', '/api/v1/order/51038');
		expect(calls.map((call) => call.status)).toEqual([401, 401, 200]);
		expect(tokenOf(calls[0])).toBe(first);
		expect(tokenOf(calls[1])).toBe(first);
		expect(tokenOf(calls[2])).not.toBe(first);
		// The renewed token is persisted; papilio issues no new refresh token, so the old one is kept.
		expect(stored()).toMatchObject({ accessToken: tokenOf(calls[2]), refreshToken });
		expect(world.harness.credentials.events.filter((event) => event.event === 'preAuthentication')).toEqual([
			{ type: 'papilioApi', event: 'preAuthentication', expired: true },
		]);
	});

	test('a rejected refresh token (older than 30 days) → logs in again', async () => {
		await world.run(getOrder());
		world.emulator.expireAccessTokens();
		world.emulator.expireRefreshTokens();
		world.emulator.server.clearLog();

		const result = await world.run(getOrder());
		expect(result.error).toBeUndefined();
		expect(world.emulator.tokenRequests).toEqual({ user: 2, access: 0, refresh: 1 });
		expect(world.emulator.server.requests('POST', '/oauth/token/refresh')[0].status).toBe(400);
		expect(world.emulator.server.requests('POST', '/oauth/token/user')[0].status).toBe(200);
		expect(world.apiCalls('GET', '/api/v1/order/51038').map((call) => call.status)).toEqual([401, 401, 200]);
	});

	test('an update retried after invalid_token is applied exactly once', async () => {
		await world.run(getOrder());
		world.emulator.expireAccessTokens();
		const result = await world.run({
			resource: 'order',
			operation: 'update',
			orderId: orderById(51042),
			updateFields: { set_flag: ['control'] },
		});
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('POST', '/api/v1/order/51042').map((call) => call.status)).toEqual([401, 401, 200]);
		expect(world.emulator.state.orders.find((order) => order.id === 51042)!.status).toBe(1 + 8);
	});

	test('a changed password is never covered by the old refresh token', async () => {
		await world.run(getOrder());
		world.emulator.expireAccessTokens();
		world.harness.setCredentials('papilioApi', { ...stored(), password: 'not-the-password' });
		const result = await world.run(getOrder());
		expect(result.error?.message).toMatch(/^papilio rejected the user: check Username and Password/);
		expect(result.error?.message).not.toContain('not-the-password');
		expect(world.emulator.tokenRequests).toMatchObject({ user: 2, refresh: 0 });
	});

	test('an http:// server URL is refused before any request unless Allow Insecure HTTP is on', async () => {
		world.resetCredentials({ allowInsecureHttp: false });
		const result = await world.run(getOrder());
		expect(result.error?.message).toMatch(/^Server URL: papilio requires SSL, so the URL must start with https:\/\//);
		expect(result.error?.message).toContain('Allow Insecure HTTP');
		expect(world.emulator.server.requests()).toHaveLength(0);
	});

	test('the server URL may carry a trailing slash or /api/v1', async () => {
		world.resetCredentials({ serverUrl: `${world.emulator.url}/api/v1/` });
		expect((await world.run(getOrder())).error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/order/51038')).toHaveLength(1);
	});

	describe('Test button', () => {
		const data = (extra: Record<string, unknown> = {}) => ({
			serverUrl: world.emulator.url,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			username: USERNAME,
			password: PASSWORD,
			allowInsecureHttp: true,
			accessToken: '',
			refreshToken: '',
			...extra,
		});

		test('succeeds with right credentials (a real call with a fresh token)', async () => {
			expect(await world.harness.testCredentials('papilioApi', data())).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(world.emulator.tokenRequests.user).toBe(1);
			expect(world.apiCalls('GET', '/api/v1/messages/received')[0]).toMatchObject({ status: 200, tokenIn: 'query' });
		});

		test('tells a wrong user or password (invalid_user) apart', async () => {
			const result = await world.harness.testCredentials('papilioApi', data({ password: 'wrong-password' }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^papilio rejected the user: check Username and Password/);
			expect(result.message).toContain('[invalid_user: The user credentials are invalid or the account may not use this client]');
			expect(result.message).not.toContain('wrong-password');
			expect(world.apiCalls()).toHaveLength(0);
		});

		test('tells a wrong client (invalid_client) apart', async () => {
			const result = await world.harness.testCredentials('papilioApi', data({ clientSecret: 'wrong-secret' }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^papilio does not know this API client .*check Client ID and Client Secret/);
			expect(result.message).toContain('[invalid_client');
			expect(result.message).not.toContain('wrong-secret');
		});

		test('refuses http:// without Allow Insecure HTTP', async () => {
			const result = await world.harness.testCredentials('papilioApi', data({ allowInsecureHttp: false }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/papilio requires SSL/);
			expect(world.emulator.server.requests()).toHaveLength(0);
		});
	});
});

describe('papilioOAuth2Api (Authorization Code grant)', () => {
	const connect = () => connectOAuth2(world);

	test('the connect flow gets tokens at /oauth/token/access; the node sends the access_token parameter', async () => {
		const tokens = await connect();
		expect(world.emulator.tokenRequests).toEqual({ user: 0, access: 1, refresh: 0 });
		const result = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.title).toBe('Inserat Bebbi Jazz');
		const [call] = world.apiCalls('GET', '/api/v1/order/51038');
		expect(call).toMatchObject({ tokenIn: 'query', user: 'api-script' });
		expect(tokenOf(call)).toBe(tokens.access_token);
		expect(call.headers.authorization).toBeUndefined();
	});

	test('after the access token expires the node renews it at /oauth/token/refresh and keeps working', async () => {
		const tokens = await connect();
		world.emulator.expireAccessTokens();
		const first = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(first.error).toBeUndefined();
		expect(world.emulator.tokenRequests).toEqual({ user: 0, access: 1, refresh: 1 });
		const [refresh] = world.emulator.server.requests('POST', '/oauth/token/refresh');
		expect(refresh.body).toEqual({ refresh_token: tokens.refresh_token });
		expect(refresh.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`);
		const calls = world.apiCalls('GET', '/api/v1/order/51038');
		expect(calls.map((call) => call.status)).toEqual([401, 200]);
		const renewed = tokenOf(calls[1]);
		expect(renewed).not.toBe(tokens.access_token);

		// Later items and executions reuse the renewed token without refreshing again.
		const input = [{ json: {} }, { json: {} }];
		const later = await world.run(getOrder(51041, 'papilioOAuth2Api'), { input });
		expect(later.items).toHaveLength(2);
		expect(world.emulator.tokenRequests.refresh).toBe(1);
		expect(world.apiCalls('GET', '/api/v1/order/51041').map(tokenOf)).toEqual([renewed, renewed]);

		// And when that one expires too, it is renewed again.
		world.emulator.expireAccessTokens();
		expect((await world.run(getOrder(51041, 'papilioOAuth2Api'))).error).toBeUndefined();
		expect(world.emulator.tokenRequests.refresh).toBe(2);
	});

	test('n8n\'s refresh (grant_type=refresh_token at the access token URL) is never used', async () => {
		await connect();
		world.emulator.expireAccessTokens();
		await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(world.emulator.server.requests('POST', '/oauth/token/access')).toHaveLength(0);
		expect(world.harness.credentials.events.filter((event) => event.event === 'oauthTokenUpdate')).toHaveLength(0);
	});

	test('an expired refresh token asks the user to reconnect the credential', async () => {
		await connect();
		world.emulator.expireAccessTokens();
		world.emulator.expireRefreshTokens();
		const result = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(result.error?.message).toBe('papilio no longer accepts the refresh token of this Brix:Papilio OAuth2 API credential');
		expect(result.error?.description).toContain('Reconnect');
		expect(result.error?.httpCode).toBe('400');
		expect(JSON.stringify(result.error)).not.toContain(CLIENT_SECRET);
	});

	test('a server error of the token endpoint while renewing is a NodeApiError with papilio\'s answer', async () => {
		const tokens = await connect();
		world.emulator.expireAccessTokens();
		world.emulator.server.addFault({
			kind: 'status',
			method: 'POST',
			path: '^/oauth/token/refresh$',
			status: 500,
			body: { error: 'internal_server_error', error_description: 'token store unavailable' },
		});
		const result = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('papilio had an internal error (details are in the papilio server logs): token store unavailable');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.description).toBe('GET /api/v1/order/51038');
		expect(world.emulator.server.requests('POST', '/oauth/token/refresh')).toHaveLength(1);
		for (const secret of [CLIENT_SECRET, tokens.access_token, tokens.refresh_token]) expect(JSON.stringify(result.error)).not.toContain(secret);
	});

	test('a credential that was never connected fails before any request', async () => {
		world.harness.setCredentials('papilioOAuth2Api', { serverUrl: world.emulator.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, allowInsecureHttp: true });
		const result = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(result.error?.message).toBe('The Brix:Papilio OAuth2 API credential is not connected');
		expect(world.emulator.server.requests()).toHaveLength(0);
	});

	test('http:// is refused unless Allow Insecure HTTP is on', async () => {
		await connect();
		world.harness.setCredentials('papilioOAuth2Api', { ...world.harness.credentials.store.get('papilioOAuth2Api'), allowInsecureHttp: false });
		const result = await world.run(getOrder(51038, 'papilioOAuth2Api'));
		expect(result.error?.message).toMatch(/papilio requires SSL/);
		expect(world.emulator.server.requests()).toHaveLength(0);
	});
});
