import { createPapilioEmulator, type PapilioLogEntry } from '../../tools/emulators/papilio';
import { basicAuth, call, login, tokenRequest } from '../../tools/emulators/papilio/client';

const REDIRECT_URI = 'http://127.0.0.1:1/rest/oauth2-credential/callback';
const emulator = createPapilioEmulator({ redirectUris: [REDIRECT_URI] });

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

async function authorize(query: Record<string, string>) {
	const response = await fetch(`${emulator.url}/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
	const location = response.headers.get('location');
	return { status: response.status, location: location ? new URL(location) : undefined, text: await response.text() };
}

const hex40 = /^[0-9a-f]{40}$/;

describe('POST /oauth/token/user', () => {
	it('exchanges username and password for tokens with Basic client auth', async () => {
		const answer = await tokenRequest(emulator, 'user', { username: 'api-script', password: 'papilio-demo-password' });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			access_token: expect.stringMatching(hex40),
			expires_in: 3600,
			token_type: 'Bearer',
			refresh_token: expect.stringMatching(hex40),
		});
		expect(emulator.tokenRequests).toEqual({ user: 1, access: 0, refresh: 0 });
		const me = await call(emulator, 'GET', '/orders', { token: answer.body.access_token });
		expect(me.status).toBe(200);
	});

	it.each([
		['missing', null],
		['wrong secret', basicAuth('papilio-demo-client', 'nope')],
		['unknown client', basicAuth('other-client', 'papilio-demo-secret')],
		['a Bearer header', 'Bearer abc'],
	])('answers 400 invalid_client for %s client credentials', async (_case, authorization) => {
		const answer = await tokenRequest(emulator, 'user', { username: 'api-script', password: 'papilio-demo-password' }, authorization);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_client');
		expect(answer.body.error_description).toEqual(expect.any(String));
	});

	it('ignores client credentials sent in the body instead of Basic auth', async () => {
		const answer = await tokenRequest(
			emulator,
			'user',
			{ username: 'api-script', password: 'papilio-demo-password', client_id: 'papilio-demo-client', client_secret: 'papilio-demo-secret' },
			null,
		);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_client');
	});

	it.each([
		['a wrong password', 'api-script', 'wrong'],
		['an unknown user', 'nobody', 'papilio-demo-password'],
		['an inactive account', 'former', 'papilio-former-password'],
	])('answers 403 invalid_user for %s', async (_case, username, password) => {
		const answer = await tokenRequest(emulator, 'user', { username, password });
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual({
			error: 'invalid_user',
			error_description: 'The user credentials are invalid or the account may not use this client',
		});
	});

	it('answers invalid_user for a user the client is not allowed to act for', async () => {
		emulator.config.clientUsers = ['api-script'];
		const designer = await tokenRequest(emulator, 'user', { username: 'designer', password: 'papilio-designer-password' });
		expect(designer.status).toBe(403);
		expect(designer.body.error).toBe('invalid_user');
		expect((await tokenRequest(emulator, 'user', { username: 'api-script', password: 'papilio-demo-password' })).status).toBe(200);
	});

	it('answers invalid_request without username', async () => {
		const answer = await tokenRequest(emulator, 'user', { password: 'x' });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_request');
	});
});

describe('authorization code flow', () => {
	it('redirects with a code and the state, and exchanges the code once', async () => {
		const redirect = await authorize({
			client_id: 'papilio-demo-client',
			state: 'xyz',
			redirect_uri: REDIRECT_URI,
			response_type: 'code',
			scope: '',
		});
		expect(redirect.status).toBe(302);
		expect(`${redirect.location!.origin}${redirect.location!.pathname}`).toBe(REDIRECT_URI);
		expect(redirect.location!.searchParams.get('state')).toBe('xyz');
		const code = redirect.location!.searchParams.get('code')!;
		expect(code).toMatch(hex40);

		const tokens = await tokenRequest(emulator, 'access', { code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
		expect(tokens.status).toBe(200);
		expect(tokens.body).toEqual({
			access_token: expect.stringMatching(hex40),
			expires_in: 3600,
			token_type: 'Bearer',
			refresh_token: expect.stringMatching(hex40),
		});
		const orders = await call(emulator, 'GET', '/orders', { token: tokens.body.access_token });
		expect(orders.status).toBe(200);
		expect((emulator.server.log.at(-1) as PapilioLogEntry).user).toBe('api-script');

		const reused = await tokenRequest(emulator, 'access', { code });
		expect(reused.status).toBe(400);
		expect(reused.body.error).toBe('invalid_grant');
		expect(emulator.tokenRequests.access).toBe(2);
	});

	it('uses the registered redirect URI when the client sends none', async () => {
		const redirect = await authorize({ client_id: 'papilio-demo-client', state: 's1' });
		expect(redirect.status).toBe(302);
		expect(redirect.location!.toString().startsWith(`${REDIRECT_URI}?code=`)).toBe(true);
	});

	it('rejects an unregistered redirect URI and an unknown client', async () => {
		const wrongUri = await authorize({ client_id: 'papilio-demo-client', redirect_uri: 'http://evil.example/cb' });
		expect(wrongUri.status).toBe(400);
		expect(JSON.parse(wrongUri.text).error).toBe('invalid_uri');
		const wrongClient = await authorize({ client_id: 'someone-else', redirect_uri: REDIRECT_URI });
		expect(wrongClient.status).toBe(400);
		expect(JSON.parse(wrongClient.text).error).toBe('invalid_client');
	});

	it('accepts any redirect URI when none is registered', async () => {
		emulator.config.redirectUris = [];
		const redirect = await authorize({ client_id: 'papilio-demo-client', redirect_uri: 'http://localhost:9/callback', state: 'a' });
		expect(redirect.status).toBe(302);
		expect(redirect.location!.host).toBe('localhost:9');
	});

	it('redirects with access_denied when the user refuses', async () => {
		emulator.config.denyAuthorization = true;
		const redirect = await authorize({ client_id: 'papilio-demo-client', state: 'q' });
		expect(redirect.location!.searchParams.get('error')).toBe('access_denied');
		expect(redirect.location!.searchParams.get('error_description')).toEqual(expect.any(String));
		expect(redirect.location!.searchParams.get('state')).toBe('q');
		expect(redirect.location!.searchParams.has('code')).toBe(false);
	});

	it('answers invalid_grant for an unknown code, an expired code and a different redirect URI', async () => {
		expect((await tokenRequest(emulator, 'access', { code: 'f'.repeat(40) })).body.error).toBe('invalid_grant');

		const first = await authorize({ client_id: 'papilio-demo-client', redirect_uri: REDIRECT_URI });
		const mismatch = await tokenRequest(emulator, 'access', {
			code: first.location!.searchParams.get('code')!,
			redirect_uri: 'http://127.0.0.1:1/other',
		});
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.error).toBe('invalid_grant');

		emulator.config.authCodeLifetimeSeconds = 0;
		const second = await authorize({ client_id: 'papilio-demo-client' });
		const expired = await tokenRequest(emulator, 'access', { code: second.location!.searchParams.get('code')! });
		expect(expired.status).toBe(400);
		expect(expired.body.error).toBe('invalid_grant');
	});

	it('requires Basic client auth for the code exchange', async () => {
		const redirect = await authorize({ client_id: 'papilio-demo-client' });
		const answer = await tokenRequest(emulator, 'access', { code: redirect.location!.searchParams.get('code')! }, null);
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_client');
	});

	it('refuses grant_type=refresh_token at /oauth/token/access', async () => {
		const { refresh_token } = await login(emulator);
		const answer = await tokenRequest(emulator, 'access', { grant_type: 'refresh_token', refresh_token });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_request');
		expect(answer.body.error_description).toContain('/oauth/token/refresh');
	});
});

describe('POST /oauth/token/refresh', () => {
	it('issues a new access token without a new refresh token, and the refresh token stays usable', async () => {
		const { access_token, refresh_token } = await login(emulator);
		emulator.expireAccessTokens();
		const expired = await call(emulator, 'GET', '/orders', { token: access_token });
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({ error: 'invalid_token', error_description: 'The access token provided has expired' });

		const refreshed = await tokenRequest(emulator, 'refresh', { refresh_token });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body).toEqual({ access_token: expect.stringMatching(hex40), expires_in: 3600, token_type: 'Bearer' });
		expect(refreshed.body.access_token).not.toBe(access_token);
		expect((await call(emulator, 'GET', '/orders', { token: refreshed.body.access_token })).status).toBe(200);

		const again = await tokenRequest(emulator, 'refresh', { refresh_token, grant_type: 'refresh_token' });
		expect(again.status).toBe(200);
		expect(emulator.tokenRequests).toEqual({ user: 1, access: 0, refresh: 2 });
	});

	it('answers invalid_grant for an unknown or expired refresh token', async () => {
		expect((await tokenRequest(emulator, 'refresh', { refresh_token: '0'.repeat(40) })).body.error).toBe('invalid_grant');
		const { refresh_token } = await login(emulator);
		emulator.expireRefreshTokens();
		const answer = await tokenRequest(emulator, 'refresh', { refresh_token });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_grant');
	});

	it('lets refresh tokens expire after refreshTokenLifetimeSeconds', async () => {
		const { refresh_token } = await login(emulator);
		expect((await tokenRequest(emulator, 'refresh', { refresh_token })).status).toBe(200);
		emulator.config.refreshTokenLifetimeSeconds = 0;
		expect((await tokenRequest(emulator, 'refresh', { refresh_token })).body.error).toBe('invalid_grant');
	});

	it('requires Basic client auth', async () => {
		const { refresh_token } = await login(emulator);
		const answer = await tokenRequest(emulator, 'refresh', { refresh_token }, basicAuth('papilio-demo-client', 'wrong'));
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_client');
	});
});

describe('access tokens on API calls', () => {
	it.each(['query', 'form', 'json'] as const)('accepts the token in the %s and logs where it was', async (tokenIn) => {
		const { access_token } = await login(emulator);
		const answer = await call(emulator, 'POST', '/messages/read/2460', { token: access_token, tokenIn });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: 'true' });
		const entry = emulator.server.requests('POST', '/api/v1/messages/read/2460')[0] as PapilioLogEntry;
		expect(entry.tokenIn).toBe(tokenIn === 'query' ? 'query' : 'body');
		expect(entry.user).toBe('api-script');
	});

	it('rejects a token sent only as an Authorization: Bearer header', async () => {
		const { access_token } = await login(emulator);
		const answer = await call(emulator, 'GET', '/orders', { token: access_token, tokenIn: 'header' });
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'invalid_token', error_description: 'The access token provided is missing' });
		expect((emulator.server.requests('GET', '/api/v1/orders')[0] as PapilioLogEntry).tokenIn).toBe('header');
	});

	it('rejects a call without token and with an unknown token', async () => {
		expect((await call(emulator, 'GET', '/orders')).body.error_description).toBe('The access token provided is missing');
		const unknown = await call(emulator, 'GET', '/orders', { token: 'a'.repeat(40) });
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual({ error: 'invalid_token', error_description: 'The access token provided has expired' });
	});

	it('expires access tokens after accessTokenLifetimeSeconds and after accessTokenMaxUses calls', async () => {
		emulator.config.accessTokenMaxUses = 2;
		const { access_token } = await login(emulator);
		expect((await call(emulator, 'GET', '/orders', { token: access_token })).status).toBe(200);
		expect((await call(emulator, 'GET', '/orders', { token: access_token })).status).toBe(200);
		expect((await call(emulator, 'GET', '/orders', { token: access_token })).status).toBe(401);

		emulator.config.accessTokenMaxUses = 0;
		const second = await login(emulator);
		expect((await call(emulator, 'GET', '/orders', { token: second.access_token })).status).toBe(200);
		emulator.config.accessTokenLifetimeSeconds = 0;
		expect((await call(emulator, 'GET', '/orders', { token: second.access_token })).status).toBe(401);
	});

	it('rejects plain HTTP when requireSsl is on', async () => {
		emulator.config.requireSsl = true;
		const answer = await tokenRequest(emulator, 'user', { username: 'api-script', password: 'papilio-demo-password' });
		expect(answer.status).toBe(403);
		expect(answer.body.error).toBe('forbidden');
	});
});

describe('control routes', () => {
	it('changes knobs, expires tokens and reports token requests over HTTP', async () => {
		const { access_token, refresh_token } = await login(emulator);
		const patched = await fetch(`${emulator.url}/__control/config`, {
			method: 'PATCH',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ accessTokenLifetimeSeconds: 60 }),
		});
		expect(((await patched.json()) as { accessTokenLifetimeSeconds: number }).accessTokenLifetimeSeconds).toBe(60);
		expect((await login(emulator)).expires_in).toBe(60);

		await fetch(`${emulator.url}/__control/expire-access-tokens`, { method: 'POST' });
		expect((await call(emulator, 'GET', '/orders', { token: access_token })).status).toBe(401);
		await fetch(`${emulator.url}/__control/expire-refresh-tokens`, { method: 'POST' });
		expect((await tokenRequest(emulator, 'refresh', { refresh_token })).body.error).toBe('invalid_grant');

		const counts = await (await fetch(`${emulator.url}/__control/token-requests`)).json();
		expect(counts).toEqual({ user: 2, access: 0, refresh: 1 });

		await fetch(`${emulator.url}/__control/reset`, { method: 'POST' });
		expect(emulator.tokenRequests).toEqual({ user: 0, access: 0, refresh: 0 });
		expect(emulator.config.accessTokenLifetimeSeconds).toBe(3600);
		expect((await call(emulator, 'GET', '/orders', { token: access_token })).status).toBe(401);
	});
});
