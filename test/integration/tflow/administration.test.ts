/**
 * tFLOW node, issue 15 §1 administration operations: Webhook Update, Client Get Initial Info,
 * Role, Permission and the API version, each asserting what tFLOW received, what the node output
 * and that bad input is refused before anything is sent.
 */
import { expectBearer, useTflow } from './setup';

const tflow = useTflow();

describe('webhook update', () => {
	async function subscribe() {
		const created = await tflow.run({
			resource: 'webhook',
			operation: 'create',
			event: 'job.approve',
			url: 'https://hooks.example.com/old',
			securityKey: 'old-secret-key',
		});
		expect(created.error).toBeUndefined();
		tflow.emulator.server.clearLog();
	}

	test('sends only the fields added, to webhook/{id}; the subscription changes and the key is masked', async () => {
		await subscribe();
		const result = await tflow.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: '1',
			updateFields: {
				url: 'https://hooks.example.com/new?source=n8n',
				securityKey: 'new-secret-key',
			},
		});
		expect(result.error).toBeUndefined();
		const calls = tflow.apiCalls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/v2/webhook/1']);
		expectBearer(calls, tflow.token());
		expect(calls[0].body).toEqual({
			url: 'https://hooks.example.com/new?source=n8n',
			security_key: 'new-secret-key',
		});
		expect(tflow.emulator.state.webhooks.get(1)).toMatchObject({
			name: 'job.approve',
			url: 'https://hooks.example.com/new?source=n8n',
			security_key: 'new-secret-key',
		});
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: 1,
				name: 'job.approve',
				url: 'https://hooks.example.com/new?source=n8n',
				security_key: '***',
				failed_attempts: 0,
			},
		]);
		expect(JSON.stringify(result.items)).not.toContain('new-secret-key');
	});

	test('changes the event of a subscription addressed by its event name', async () => {
		await subscribe();
		const result = await tflow.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: 'job.approve',
			updateFields: { event: 'job.reject' },
		});
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls().map((call) => [call.path, call.body])).toEqual([['/api/v2/webhook/job.approve', { name: 'job.reject' }]]);
		expect(tflow.emulator.state.webhooks.get(1)?.name).toBe('job.reject');
		expect(result.items[0].json).toMatchObject({
			id: 1,
			name: 'job.reject',
			url: 'https://hooks.example.com/old',
		});
	});

	test.each([
		[{}, 'updateFields: nothing to update'],
		[{ url: 'ftp://hooks.example.com/x' }, 'url'],
		[{ event: 'not an event' }, 'event: "not an event" is not a tFLOW event name'],
	])('refuses %j before sending anything', async (updateFields, message) => {
		await subscribe();
		const result = await tflow.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: '1',
			updateFields,
		});
		expect(result.error?.message).toContain(message);
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.webhooks.get(1)?.url).toBe('https://hooks.example.com/old');
	});

	test('refuses a key that is neither an ID nor an event name before sending', async () => {
		const result = await tflow.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: '../job/1',
			updateFields: { url: 'https://hooks.example.com/x' },
		});
		expect(result.error?.message).toContain('is neither a webhook ID nor an event name');
		expect(tflow.apiCalls()).toEqual([]);
	});
});

describe('client get initial info', () => {
	test('outputs one item with the queues and users a new client may get, and the defaults', async () => {
		const result = await tflow.run({
			resource: 'client',
			operation: 'getInitialInfo',
		});
		expect(result.error).toBeUndefined();
		const calls = tflow.apiCalls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/client/getInitialInfo']);
		expectBearer(calls, tflow.token());
		expect(result.items).toHaveLength(1);
		const info = result.items[0].json as Record<string, Array<Record<string, unknown>> & Record<string, unknown>>;
		expect(info.allowedTflows.map((queue) => queue.id)).toEqual(['808:1', '808:2']);
		expect(info.allowedVisibleToInstanceUsers.map((user) => user.user_id)).toEqual([1, 2, 3]);
		expect(info.allowedVisibleToNonInstanceUsers).toEqual([
			{
				user_id: 4,
				user_name: 'Ben Baker',
				user_email: 'ben@acmebakery.example',
				client_id: 101,
				client_name: 'Acme Bakery',
			},
			{
				user_id: 5,
				user_name: 'Nora Wind',
				user_email: 'nora@northwind.example',
				client_id: 102,
				client_name: 'Northwind Events',
			},
		]);
		expect(info.defaults).toEqual({
			tflows: [{ id: '808:1' }, { id: '808:2' }],
			visible_to_instance_user_ids: [1],
			visible_to_non_instance_user_ids: [],
		});
	});

	test('follows the instance: a queue the emulator no longer has is not offered', async () => {
		tflow.emulator.state.queues.delete('808:2');
		const result = await tflow.run({
			resource: 'client',
			operation: 'getInitialInfo',
		});
		expect((result.items[0].json.allowedTflows as Array<{ id: string }>).map((queue) => queue.id)).toEqual(['808:1']);
	});
});

describe('role', () => {
	test('create sends name, owning client and description; the role exists afterwards', async () => {
		const result = await tflow.run({
			resource: 'role',
			operation: 'create',
			name: 'Night Shift',
			owningClientId: 1,
			additionalFields: { description: 'Prepress after 22:00' },
		});
		expect(result.error).toBeUndefined();
		const calls = tflow.apiCalls();
		expect(calls.map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([
			[
				'POST /api/v2/role/create',
				{
					name: 'Night Shift',
					owning_client_id: 1,
					description: 'Prepress after 22:00',
				},
			],
		]);
		expectBearer(calls, tflow.token());
		expect(result.items.map((item) => item.json)).toEqual([
			{
				id: 4,
				name: 'Night Shift',
				description: 'Prepress after 22:00',
				owning_client_id: 1,
			},
		]);
		expect(tflow.emulator.state.roles.get(4)).toMatchObject({
			name: 'Night Shift',
			owning_client_id: 1,
			permissions: [],
			user_ids: [],
		});
	});

	test.each([
		[{ name: '   ', owningClientId: 1 }, 'name: is required'],
		[{ name: 'X', owningClientId: 'abc' }, 'owningClientId: must be a positive whole number'],
	])('create refuses %j before sending', async (parameters, message) => {
		const result = await tflow.run({
			resource: 'role',
			operation: 'create',
			additionalFields: {},
			...parameters,
		});
		expect(result.error?.message).toContain(message);
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.roles.size).toBe(3);
	});

	test('get, getMany with a limit, update', async () => {
		const get = await tflow.run({
			resource: 'role',
			operation: 'get',
			roleId: 3,
		});
		expect(get.items.map((item) => item.json)).toEqual([
			{
				id: 3,
				name: 'Customer',
				description: 'Uploads artwork and approves proofs',
				owning_client_id: 101,
			},
		]);
		const many = await tflow.run({
			resource: 'role',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(many.items.map((item) => item.json.name)).toEqual(['Administrator', 'Prepress Operator']);
		const updated = await tflow.run({
			resource: 'role',
			operation: 'update',
			roleId: 2,
			updateFields: { name: 'Prepress Lead' },
		});
		expect(updated.items[0].json).toMatchObject({
			id: 2,
			name: 'Prepress Lead',
			description: 'Runs jobs through preflight and approval',
		});
		expect(tflow.apiCalls().map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([
			['GET /api/v2/role/3', {}],
			['GET /api/v2/role/list', {}],
			['POST /api/v2/role/2', { name: 'Prepress Lead' }],
		]);
		expect(tflow.emulator.state.roles.get(2)?.name).toBe('Prepress Lead');
	});

	test('update with nothing to change is refused before sending', async () => {
		const result = await tflow.run({
			resource: 'role',
			operation: 'update',
			roleId: 2,
			updateFields: {},
		});
		expect(result.error?.message).toContain('updateFields: nothing to update');
		expect(tflow.apiCalls()).toEqual([]);
	});

	test('set users moves them from their previous role; get users lists the members', async () => {
		const set = await tflow.run({
			resource: 'role',
			operation: 'setUsers',
			roleId: 2,
			userIds: [2, 3],
		});
		expect(set.error).toBeUndefined();
		expect(tflow.apiCalls('POST')[0]).toMatchObject({
			path: '/api/v2/role/2/setUsers',
			body: { user_ids: [2, 3] },
		});
		expect(set.items.map((item) => item.json.email)).toEqual(['paula@printshop.example', 'support@tflow.example']);
		expect(tflow.emulator.state.roles.get(1)?.user_ids).toEqual([1]);
		const members = await tflow.run({
			resource: 'role',
			operation: 'getUsers',
			roleId: 1,
		});
		expect(members.items.map((item) => item.json.email)).toEqual(['api@printshop.example']);
		expect(tflow.apiCalls('GET').map((call) => call.path)).toEqual(['/api/v2/role/1/getUsers']);
	});

	test('set users: a bad ID is refused before sending, a user of another company by tFLOW', async () => {
		const bad = await tflow.run({
			resource: 'role',
			operation: 'setUsers',
			roleId: 2,
			userIds: '2, x',
		});
		expect(bad.error?.message).toContain('userIds: must be a positive whole number');
		expect(tflow.apiCalls()).toEqual([]);
		const foreign = await tflow.run({
			resource: 'role',
			operation: 'setUsers',
			roleId: 2,
			userIds: [4],
		});
		expect(foreign.error?.message).toBe('tFLOW rejected the request: user_ids: User 4 belongs to client 101, the role to client 1');
		expect(tflow.emulator.state.roles.get(2)?.user_ids).toEqual([2]);
	});

	// Issue 22 §5: an empty list replaces every member, so a value that resolved to nothing must not reach tFLOW.
	test.each([
		['a field missing from the item', '={{ $json.users }}', {}, 'got undefined'],
		['null', '={{ $json.users }}', { users: null }, 'got null'],
		['empty text', '={{ $json.users }}', { users: '' }, 'got empty text'],
		['an empty list from the item', '={{ $json.users }}', { users: [] }, 'got an empty list'],
	])('set users: %s in the second item is refused naming the item and the field; nothing is sent', async (_case, userIds, json, got) => {
		const before = tflow.emulator.state.roles.get(1)?.user_ids;
		expect(before?.length).toBeGreaterThan(0);
		const result = await tflow.run({ resource: 'role', operation: 'setUsers', roleId: 1, userIds }, [{ json: { users: [2] } }, { json }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`userIds: is empty (${got}), which would remove them all; nothing was sent (item 1)`);
		expect(result.error?.description).toContain('turn on Remove All Users');
		expect(tflow.emulator.server.requests('POST', '/api/v2/role/1/setUsers')).toEqual([]);
		expect(tflow.emulator.server.requests()).toEqual([]);
		expect(tflow.emulator.state.roles.get(1)?.user_ids).toEqual(before);
	});

	test('set users: no choice made is refused too; Remove All Users empties the role, sending user_ids []', async () => {
		const none = await tflow.run({ resource: 'role', operation: 'setUsers', roleId: 1, userIds: [] });
		expect(none.error?.message).toBe('userIds: is empty (got an empty list), which would remove them all; nothing was sent (item 0)');
		const unset = await tflow.run({ resource: 'role', operation: 'setUsers', roleId: 1 });
		expect(unset.error?.message).toContain('userIds: is empty');
		expect(tflow.apiCalls()).toEqual([]);

		const removed = await tflow.run({ resource: 'role', operation: 'setUsers', roleId: 1, removeAll: true, userIds: '={{ $json.users }}' });
		expect(removed.error).toBeUndefined();
		expect(removed.items).toEqual([]);
		expect(tflow.apiCalls().map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([['POST /api/v2/role/1/setUsers', { user_ids: [] }]]);
		expect(tflow.emulator.state.roles.get(1)?.user_ids).toEqual([]);
	});

	test('set users: Remove All Users from an expression must be true or false', async () => {
		const result = await tflow.run({ resource: 'role', operation: 'setUsers', roleId: 1, removeAll: '={{ $json.all }}', userIds: [2] }, [{ json: { all: 'yes' } }]);
		expect(result.error?.message).toBe('removeAll: must be true or false, got "yes" (item 0)');
		expect(tflow.apiCalls()).toEqual([]);
	});

	test.each([
		['a field missing from the item', {}, 'got undefined'],
		['empty text', { permissions: '' }, 'got empty text'],
		['only commas', { permissions: ' , ' }, 'got empty text'],
	])('set permissions: %s is refused like Set Users; Remove All Permissions sends []', async (_case, json, got) => {
		const result = await tflow.run({ resource: 'role', operation: 'setPermissions', roleId: 3, permissions: '={{ $json.permissions }}' }, [{ json }]);
		expect(result.error?.message).toBe(`permissions: is empty (${got}), which would remove them all; nothing was sent (item 0)`);
		expect(result.error?.description).toContain('turn on Remove All Permissions');
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.roles.get(3)?.permissions).toEqual(['manage_jobs_basic', 'read_comments', 'view_proof']);

		const removed = await tflow.run({ resource: 'role', operation: 'setPermissions', roleId: 3, removeAll: true });
		expect(removed.error).toBeUndefined();
		expect(tflow.apiCalls('POST').map((call) => call.body)).toEqual([{ role_id: 3, permissions: [] }]);
		expect(tflow.emulator.state.roles.get(3)?.permissions).toEqual([]);
	});

	test('get and set permissions, chosen from permission names', async () => {
		const before = await tflow.run({
			resource: 'role',
			operation: 'getPermissions',
			roleId: 3,
		});
		expect(before.items.map((item) => item.json)).toEqual([
			{
				role_id: 3,
				permissions: ['manage_jobs_basic', 'read_comments', 'view_proof'],
			},
		]);
		const set = await tflow.run({
			resource: 'role',
			operation: 'setPermissions',
			roleId: 3,
			permissions: ['view_proof', 'download_pdf_lowres'],
		});
		expect(set.items.map((item) => item.json)).toEqual([{ role_id: 3, permissions: ['view_proof', 'download_pdf_lowres'] }]);
		expect(tflow.apiCalls().map((call) => [`${call.method} ${call.path}`, call.query, call.body])).toEqual([
			['GET /api/v2/role/getPermissions', { role_id: '3' }, {}],
			['POST /api/v2/role/setPermissions', {}, { role_id: 3, permissions: ['view_proof', 'download_pdf_lowres'] }],
		]);
		expect(tflow.emulator.state.roles.get(3)?.permissions).toEqual(['view_proof', 'download_pdf_lowres']);
	});

	test('set permissions refuses a malformed name before sending, an unknown one by tFLOW', async () => {
		const bad = await tflow.run({
			resource: 'role',
			operation: 'setPermissions',
			roleId: 3,
			permissions: ['View Proof'],
		});
		expect(bad.error?.message).toContain('permissions: "View Proof" is not a tFLOW permission name');
		expect(tflow.apiCalls()).toEqual([]);
		const unknown = await tflow.run({
			resource: 'role',
			operation: 'setPermissions',
			roleId: 3,
			permissions: ['fly_planes'],
		});
		expect(unknown.error?.message).toBe('tFLOW rejected the request: permissions: Unknown permission "fly_planes"');
		expect(tflow.emulator.state.roles.get(3)?.permissions).toEqual(['manage_jobs_basic', 'read_comments', 'view_proof']);
	});
});

describe('permission', () => {
	test('get many outputs one item {name} per permission tFLOW lists', async () => {
		const result = await tflow.run({
			resource: 'permission',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
		});
		expect(result.items.map((item) => item.json)).toEqual([{ name: 'manage_orders' }, { name: 'manage_orders_basic' }, { name: 'admin_orders' }]);
		const calls = tflow.apiCalls();
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/permission/list']);
		expectBearer(calls, tflow.token());
	});
});

describe('api version', () => {
	afterEach(() => tflow.emulator.configure({ apiVersion: '0.2.6280', apiBranch: 'trunk' }));

	test('reads GET /api/version (outside /api/v2) and outputs the answer', async () => {
		tflow.emulator.configure({ apiVersion: '3.1.4', apiBranch: 'release' });
		const result = await tflow.run({
			resource: 'api',
			operation: 'getVersion',
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ version: '3.1.4', branch: 'release' }]);
		expect(tflow.emulator.server.requests('GET', '/api/version')).toHaveLength(1);
		expect(tflow.apiCalls()).toEqual([]);
	});
});

describe('pickers', () => {
	const loadOptions = async (method: string) =>
		await tflow.harness.loadOptions('tflow', method, { resource: 'role', operation: 'setPermissions' } as never, ['tflowApi']);

	test('roles by name with their descriptions, permissions by name', async () => {
		expect(await loadOptions('getRoles')).toEqual([
			{
				name: 'Administrator',
				value: 1,
				description: 'Everything, including users and preferences',
			},
			{
				name: 'Customer',
				value: 3,
				description: 'Uploads artwork and approves proofs',
			},
			{
				name: 'Prepress Operator',
				value: 2,
				description: 'Runs jobs through preflight and approval',
			},
		]);
		const permissions = await loadOptions('getPermissions');
		expect(permissions).toHaveLength(22);
		expect(permissions[0]).toEqual({
			name: 'admin_clients',
			value: 'admin_clients',
		});
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/role/list', '/api/v2/permission/list']);
	});
});
