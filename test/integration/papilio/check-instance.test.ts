/**
 * Instance → Check Instance against both emulator profiles (kind: the task lists honour expand;
 * documented: they ignore it), with both credentials: the rows, what the emulator received (GETs and
 * token requests only) and that no token or secret reaches the output.
 */
import type { LogEntry } from '../../../tools/emulators/common/server';
import type { PapilioWorld } from './world';
import { CLIENT_SECRET, PASSWORD, connectOAuth2, useWorld } from './world';

const kind = useWorld();
const documented = useWorld({ emulator: { profile: 'documented' } });

const CHECKS = ['login', 'token refresh', 'token accepted', 'order search', 'expand on task lists'];

type Row = { check: string; ok: boolean | null; seen: string; expected: string; hint: string };

async function check(world: PapilioWorld, authentication = 'papilioApi'): Promise<Record<string, Row>> {
	const result = await world.run({ authentication, resource: 'instance', operation: 'checkInstance' });
	expect(result.error).toBeUndefined();
	const rows = result.items.map((item) => item.json as unknown as Row);
	expect(rows.map((row) => row.check)).toEqual(CHECKS);
	for (const row of rows) expect(Object.keys(row).sort()).toEqual(['check', 'expected', 'hint', 'ok', 'seen']);
	return Object.fromEntries(rows.map((row) => [row.check, row]));
}

/** Token requests and GETs only: nothing that changes papilio. */
function expectOnlyReads(log: LogEntry[]) {
	expect(log.length).toBeGreaterThanOrEqual(3);
	for (const entry of log) {
		const read = entry.method === 'GET' || (entry.method === 'POST' && entry.path.startsWith('/oauth/token/'));
		expect(`${entry.method} ${entry.path} ${read ? 'read' : 'WRITE'}`).toBe(`${entry.method} ${entry.path} read`);
	}
}

/** No token, refresh token, password or client secret anywhere in the rows. */
function expectNoSecrets(world: PapilioWorld, rows: Record<string, Row>) {
	const text = JSON.stringify(rows);
	for (const token of [...world.emulator.tokens.accessTokens.keys(), ...world.emulator.tokens.refreshTokens.keys()]) expect(text).not.toContain(token);
	expect(text).not.toContain(PASSWORD);
	expect(text).not.toContain(CLIENT_SECRET);
}

describe.each([
	['kind', () => kind, true],
	['documented', () => documented, false],
])('profile %s', (profile, current, expandHonoured) => {
	test('papilioApi: login, refresh, token, search, and expand on task lists as the profile does; only reads', async () => {
		const world = current();
		expect(world.emulator.profile).toBe(profile);
		const ordersBefore = JSON.stringify(world.emulator.state.orders);
		const rows = await check(world);

		expect(rows.login).toMatchObject({ ok: true, seen: 'an access token (expires_in 3600) and a refresh token' });
		expect(rows['token refresh']).toMatchObject({ ok: true, seen: 'a new access token (expires_in 3600); no new refresh token, the old one stays valid (as documented)' });
		expect(rows['token accepted'].ok).toBe(true);
		expect(rows['token accepted'].seen).toMatch(/^GET \/api\/v1\/messages\/received answered \{count: \d+, messages: \[…\]\}$/);
		expect(rows['order search']).toMatchObject({ ok: true });
		expect(rows['order search'].seen).toMatch(/^status=32: \d+ orders, all with the released bit \(filter honoured\)$/);
		if (expandHonoured) {
			expect(rows['expand on task lists']).toMatchObject({ ok: true, seen: 'GET /tasks/printable?status=true: order 51040 has status ["released","delivery_pending"] (expanded)' });
		} else {
			expect(rows['expand on task lists']).toMatchObject({ ok: false, seen: 'GET /tasks/printable?status=true: order 51040 has status "160" (not expanded)' });
			expect(rows['expand on task lists'].hint).toMatch(/ignores the expand arguments on task lists/);
		}

		expect(world.emulator.tokenRequests).toEqual({ user: 2, access: 0, refresh: 1 });
		expectOnlyReads(world.emulator.server.requests());
		expect(world.apiCalls().map((call) => `${call.path} ${JSON.stringify({ ...call.query, access_token: undefined })}`)).toEqual([
			'/api/v1/messages/received {}',
			'/api/v1/orders/search/and {"status":"32"}',
			'/api/v1/tasks/printable {"status":"true"}',
		]);
		expect(world.apiCalls().every((call) => call.tokenIn === 'query')).toBe(true);
		expect(JSON.stringify(world.emulator.state.orders)).toBe(ordersBefore);
		expectNoSecrets(world, rows);
	});
});

test('papilioOAuth2Api: the stored token and its refresh token are checked, no login is attempted', async () => {
	await connectOAuth2(kind);
	const rows = await check(kind, 'papilioOAuth2Api');
	expect(rows.login).toMatchObject({ ok: true, seen: 'the credential holds an access token and a refresh token from "Connect my account"' });
	expect(rows['token refresh'].ok).toBe(true);
	expect(rows['expand on task lists'].ok).toBe(true);
	expect(kind.emulator.tokenRequests).toEqual({ user: 0, access: 1, refresh: 1 });
	expectOnlyReads(kind.emulator.server.requests());
	expectNoSecrets(kind, rows);
});

test('a wrong password: the login row has papilio\'s answer; one login only (papilio locks accounts after failed logins), the rest not checked', async () => {
	kind.resetCredentials({ password: 'wrong-password-123' });
	const rows = await check(kind);
	expect(rows.login.ok).toBe(false);
	expect(rows.login.seen).toMatch(/invalid_user/);
	for (const name of CHECKS.slice(1)) expect(rows[name]).toMatchObject({ ok: null, seen: 'not checked: no access token (see the login row)' });
	expect(kind.emulator.tokenRequests).toEqual({ user: 1, access: 0, refresh: 0 });
	expect(kind.apiCalls()).toEqual([]);
	expect(JSON.stringify(rows)).not.toContain('wrong-password-123');
});

test('a user without editUsers or printOrders: search fails with the permission named, expand is not checked', async () => {
	kind.resetCredentials({ username: 'designer', password: 'papilio-designer-password' });
	const rows = await check(kind);
	expect(rows.login.ok).toBe(true);
	expect(rows['order search'].ok).toBe(false);
	expect(rows['order search'].seen).toMatch(/not allowed/);
	expect(rows['order search'].hint).toMatch(/editUsers/);
	expect(rows['expand on task lists'].ok).toBeNull();
	expect(rows['expand on task lists'].hint).toMatch(/printOrders/);
});

test('a search that ignores the status filter, injected: ok false, with the order that does not match', async () => {
	kind.emulator.server.addFault({ kind: 'status', path: '^/api/v1/orders/search/and$', status: 200, body: { count: 2, orders: [{ id: '51038', status: '288' }, { id: '51042', status: '1' }] } });
	const rows = await check(kind);
	expect(rows['order search']).toMatchObject({ ok: false, seen: 'status=32: 2 orders, 1 without the released bit, e.g. order 51042 with status 1 (filter ignored)' });
});
