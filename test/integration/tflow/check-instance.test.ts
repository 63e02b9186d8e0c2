/**
 * API → Check Instance against both emulator profiles: the rows say what each instance does (kind:
 * webhooks with ids, list filters honoured; documented: webhooks without ids, list filters ignored),
 * the same rows where the profiles agree, and the emulator received reads only (GETs and the token
 * request). Injected answers cover the shapes neither profile plays.
 */
import type { IDataObject } from 'n8n-workflow';

import type { LogEntry } from '../../../tools/emulators/common/server';
import type { TflowSetup } from './setup';
import { useTflow } from './setup';

const kind = useTflow();
const documented = useTflow({ emulator: { profile: 'documented' } });

const CHECK = { resource: 'api', operation: 'checkInstance' };
const CHECKS = [
	'API version',
	'token',
	'permission list',
	'webhook list',
	'property definitions: order',
	'property definitions: job',
	'property definitions: client',
	'property definitions: user',
	'allowed transitions',
	'order list filter',
];

type Row = { check: string; ok: boolean | null; seen: string; expected: string; hint: string };

async function check(tflow: TflowSetup): Promise<Record<string, Row>> {
	const result = await tflow.run(CHECK);
	expect(result.error).toBeUndefined();
	const rows = result.items.map((item) => item.json as unknown as Row);
	expect(rows.map((row) => row.check)).toEqual(CHECKS);
	for (const row of rows) {
		expect(Object.keys(row).sort()).toEqual(['check', 'expected', 'hint', 'ok', 'seen']);
		expect(row.expected).not.toBe('');
		expect(row.hint).not.toBe('');
	}
	expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	return Object.fromEntries(rows.map((row) => [row.check, row]));
}

/** Every request the check sent was a read: a GET, or the credential's token request. */
function expectOnlyReads(log: LogEntry[], atLeast = 10) {
	expect(log.length).toBeGreaterThanOrEqual(atLeast);
	for (const entry of log) {
		const read = entry.method === 'GET' || (entry.method === 'POST' && entry.path === '/oauth/access_token');
		expect(`${entry.method} ${entry.path} ${read ? 'read' : 'WRITE'}`).toBe(`${entry.method} ${entry.path} read`);
	}
}

/** A webhook subscription, made before the check (the check itself creates none). */
async function subscribe(tflow: TflowSetup) {
	const created = await tflow.run({ resource: 'webhook', operation: 'create', event: 'job.approve', url: 'https://hooks.example.com/n8n?secret=abc', securityKey: 'webhook-security-key-1' });
	expect(created.error).toBeUndefined();
	tflow.emulator.server.clearLog();
}

describe.each([
	['kind', () => kind],
	['documented', () => documented],
])('profile %s', (profile, current) => {
	test('the rows every instance shares: version, token, permission list, property definitions, allowed transitions; only reads sent', async () => {
		const tflow = current();
		expect(tflow.emulator.profile).toBe(profile);
		await subscribe(tflow);
		const webhooksBefore = JSON.stringify([...tflow.emulator.state.webhooks.values()]);
		const ordersBefore = JSON.stringify([...tflow.emulator.state.orders.values()]);
		const rows = await check(tflow);

		expect(rows['API version']).toMatchObject({ ok: true, seen: '0.2.6280 (trunk)' });
		expect(rows.token).toMatchObject({ ok: true, seen: 'the stored token and tFLOW accepted it' });
		expect(rows['permission list']).toMatchObject({ ok: true, seen: '22 permissions: manage_orders, manage_orders_basic, admin_orders, manage_jobs, manage_jobs_basic, …' });
		expect(rows['property definitions: order']).toMatchObject({ ok: true });
		expect(rows['property definitions: order'].seen).toMatch(/^11 definitions \(sales_rep, /);
		expect(rows['property definitions: job'].seen).toMatch(/^11 definitions \(print_width, /);
		expect(rows['property definitions: client']).toMatchObject({ ok: true, seen: '404: no definitions for this entity type' });
		expect(rows['property definitions: user']).toMatchObject({ ok: true, seen: '404: no definitions for this entity type' });
		expect(rows['allowed transitions']).toMatchObject({
			ok: true,
			seen: 'job 1 in state to_upload_first: a list of names [upload_first_revision, reject_from_upload_first]',
		});

		expectOnlyReads(tflow.emulator.server.requests());
		expect(tflow.emulator.server.requests('GET', '/api/v2/order/list').map((entry) => entry.query)).toEqual([{}, { name: 'TF000001' }]);
		expect(JSON.stringify([...tflow.emulator.state.webhooks.values()])).toBe(webhooksBefore);
		expect(JSON.stringify([...tflow.emulator.state.orders.values()])).toBe(ordersBefore);
		// The webhook's URL and security key never reach the output.
		expect(JSON.stringify(rows)).not.toMatch(/webhook-security-key-1|hooks\.example\.com|secret=abc/);
	});

	test('an instance without webhooks: the shape cannot be told (ok null)', async () => {
		const rows = await check(current());
		expect(rows['webhook list']).toMatchObject({ ok: null, seen: 'an empty list: no subscription to read the shape from' });
	});
});

test('kind: webhooks carry ids and the name filter of order/list is honoured', async () => {
	await subscribe(kind);
	const rows = await check(kind);
	expect(rows['webhook list']).toMatchObject({ ok: true, seen: '1 subscription with ids; entries carry failed_attempts, id, name, security_key, url' });
	expect(rows['webhook list'].hint).toMatch(/deletes them by id/);
	expect(rows['order list filter']).toMatchObject({ ok: true, seen: 'name=TF000001: 1 of 2 orders, all matching (filter honoured)' });
});

test('documented: webhooks without ids, and order/list ignores the name filter', async () => {
	await subscribe(documented);
	const rows = await check(documented);
	expect(rows['webhook list']).toMatchObject({ ok: true, seen: '1 subscription without ids; entries carry failed_attempts, name, security_key, url' });
	expect(rows['webhook list'].hint).toMatch(/deletes one by event name only when it is the only webhook under that name/);
	expect(rows['order list filter'].ok).toBe(false);
	expect(rows['order list filter'].seen).toBe('name=TF000001: 2 orders, 1 not matching, e.g. TF000002 (filter ignored)');
});

describe('answers neither profile gives, injected', () => {
	test('webhooks without ids, transitions as objects, no order definitions, a filter that is ignored', async () => {
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/webhook/list$', status: 200, body: [{ name: 'job.approve', url: 'https://hooks.example.com/x', security_key: 'k', failed_attempts: 0 }] });
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/job/1/allowedTransitions$', status: 200, body: [{ id: 1, name: 'approve' }] });
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/prop/order$', status: 404, body: { error: true, messages: { entityType: ['Unknown entity type "order"'] } } });
		const orders = [{ id: 1, name: 'TF000001' }, { id: 2, name: 'TF000002' }];
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/order/list$', status: 200, body: orders, times: 2 });
		const rows = await check(kind);

		expect(rows['webhook list']).toMatchObject({ ok: true, seen: '1 subscription without ids; entries carry failed_attempts, name, security_key, url' });
		expect(rows['allowed transitions'].ok).toBe(false);
		expect(rows['allowed transitions'].seen).toBe('job 1 in state to_upload_first: a list of 1 entries that are not all names, e.g. object with id, name');
		expect(rows['property definitions: order']).toMatchObject({ ok: true, seen: '404: no definitions for this entity type' });
		expect(rows['property definitions: order'].hint).toMatch(/sent as written, unchecked/);
		expect(rows['order list filter']).toMatchObject({ ok: false, seen: 'name=TF000001: 2 orders, 1 not matching, e.g. TF000002 (filter ignored)' });
	});

	test('a failing read is a row with ok false and tFLOW\'s message; the other checks go on', async () => {
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/webhook/list$', status: 403, body: { error: true, messages: { permission: ['You may not manage webhooks'] } } });
		kind.emulator.server.addFault({ kind: 'status', path: '^/api/v2/job/list$', status: 200, body: [] });
		const rows = await check(kind);
		expect(rows['webhook list'].ok).toBe(false);
		expect(rows['webhook list'].seen).toMatch(/You may not manage webhooks/);
		expect(rows['webhook list'].hint).toMatch(/Register Webhooks Automatically/);
		expect(rows['allowed transitions']).toMatchObject({ ok: null, seen: 'no job to ask (job/list is empty)' });
		expect(rows['order list filter'].ok).toBe(true);
	});

	test('a wrong secret: the token row fails with tFLOW\'s answer, the reads that need a token are not checked, the secret is nowhere', async () => {
		await kind.reset({ clientSecret: 'wrong-secret-value-123' });
		const rows = await check(kind);
		expect(rows.token.ok).toBe(false);
		expect(rows.token.seen).toMatch(/Client authentication failed/);
		expect(rows.token.seen).toMatch(/tFLOW 0\.2\.6280 \(trunk\) answers GET \/api\/version/);
		for (const name of CHECKS.filter((entry) => entry !== 'token')) {
			expect(rows[name]).toMatchObject({ ok: null, seen: 'not checked: no access token (see the token row)' });
		}
		expect(JSON.stringify(rows)).not.toContain('wrong-secret-value-123');
		// One token request per item at most: the check does not hammer a refusing token endpoint.
		expect(kind.tokenCalls().length).toBeLessThanOrEqual(2);
		expectOnlyReads(kind.emulator.server.requests(), 2);
	});
});

test('a missing credential stops the node with an error', async () => {
	kind.harness.credentials.store.delete('tflowApi');
	const result = await kind.run(CHECK);
	expect(result.error).toBeDefined();
	expect(kind.emulator.server.requests()).toEqual([]);
	expect((result.items as unknown as IDataObject[]).length).toBe(0);
});
