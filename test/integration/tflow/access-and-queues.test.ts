/**
 * tFLOW node, issue 15 §1 (second part): who sees a client (visibility fields on Client Create), a
 * user's role and visible clients, a role's workflow permissions, and the production queues of an
 * order, job or client. Each asserts what tFLOW received, what the node output, what the pickers
 * offer and that bad input is refused before anything is sent.
 */
import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

const loadOptions = async (method: string, parameters: Record<string, unknown> = {}) =>
	await tflow.harness.loadOptions('tflow', method, parameters as never, ['tflowApi']);

describe('client create: visibility', () => {
	test('sends the chosen users and queues; tFLOW stores them', async () => {
		const result = await tflow.run({
			resource: 'client',
			operation: 'create',
			name: 'Light Cola, Ltd.',
			additionalFields: { queues: ['808:2'], visibleToInstanceUserIds: [2, 3], visibleToNonInstanceUserIds: '4, 5' },
		});
		expect(result.error).toBeUndefined();
		const calls = tflow.apiCalls();
		expect(calls.map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([
			[
				'POST /api/v2/client/create',
				{ name: 'Light Cola, Ltd.', tflows: [{ id: '808:2' }], visible_to_instance_user_ids: [2, 3], visible_to_non_instance_user_ids: [4, 5] },
			],
		]);
		expectBearer(calls, tflow.token());
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: 103, name: 'Light Cola, Ltd.', tflows: [{ id: '808:2' }], visible_to_instance_user_ids: [2, 3], visible_to_non_instance_user_ids: [4, 5] },
		]);
		expect(tflow.emulator.state.clients.get(103)).toMatchObject({ visible_to_instance_user_ids: [2, 3], visible_to_non_instance_user_ids: [4, 5] });
	});

	test.each(['queues', 'visibleToInstanceUserIds', 'visibleToNonInstanceUserIds'])('%s added but resolved to nothing is refused, not sent as [] in place of tFLOW\'s defaults', async (option) => {
		const result = await tflow.run({ resource: 'client', operation: 'create', name: 'Light Cola, Ltd.', additionalFields: { [option]: '={{ $json.missing }}' } }, [{ json: {} }]);
		expect(result.error?.message).toBe(`${option}: is empty (got undefined), which would remove them all; nothing was sent (item 0)`);
		expect(result.error?.description).toContain('Leave the field out to use tFLOW\'s defaults');
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.clients.has(103)).toBe(false);
	});

	test('a bad user ID is refused before sending; a user of the wrong kind by tFLOW', async () => {
		const bad = await tflow.run({
			resource: 'client',
			operation: 'create',
			name: 'Bad Ids',
			additionalFields: { visibleToInstanceUserIds: '2, two' },
		});
		expect(bad.error?.message).toContain('visibleToInstanceUserIds: must be a positive whole number');
		expect(tflow.apiCalls()).toEqual([]);

		const wrongKind = await tflow.run({
			resource: 'client',
			operation: 'create',
			name: 'Wrong Kind',
			additionalFields: { visibleToInstanceUserIds: [4] },
		});
		expect(wrongKind.error?.message).toBe('tFLOW rejected the request: visible_to_instance_user_ids: User 4 is not an instance user');
		expect([...tflow.emulator.state.clients.values()].map((client) => client.name)).not.toContain('Wrong Kind');
	});

	test('the pickers offer the users and queues client/getInitialInfo allows', async () => {
		expect(await loadOptions('getClientInstanceUsers')).toEqual([
			{ name: 'API User (api@printshop.example)', value: 1, description: 'User ID 1 of Print Shop Inc.' },
			{ name: 'Paula Prepress (paula@printshop.example)', value: 2, description: 'User ID 2 of Print Shop Inc.' },
			{ name: 'tFLOW Support (support@tflow.example)', value: 3, description: 'User ID 3 of Print Shop Inc.' },
		]);
		expect(await loadOptions('getClientNonInstanceUsers')).toEqual([
			{ name: 'Ben Baker (ben@acmebakery.example)', value: 4, description: 'User ID 4 of Acme Bakery' },
			{ name: 'Nora Wind (nora@northwind.example)', value: 5, description: 'User ID 5 of Northwind Events' },
		]);
		expect(await loadOptions('getClientQueues')).toEqual([
			{ name: 'Full Color (TURBINE_F_808)', value: '808:1', description: 'Queue ID 808:1' },
			{ name: 'Large Format (TURBINE_F_808)', value: '808:2', description: 'Queue ID 808:2' },
		]);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(Array(3).fill('/api/v2/client/getInitialInfo'));
	});
});

describe('user: role and visible clients', () => {
	test('create sends role_id and visibleClientIds; the user joins the role', async () => {
		const result = await tflow.run({
			resource: 'user',
			operation: 'create',
			email: 'carla@acmebakery.example',
			additionalFields: { clientId: 101, roleId: 3, visibleClientIds: [102, '102'] },
		});
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('POST')[0].body).toEqual({ email: 'carla@acmebakery.example', client_id: 101, role_id: 3, visibleClientIds: [102] });
		expect(result.items[0].json).toMatchObject({ id: 6, client_id: 101, role_id: 3, visibleClientIds: [101, 102] });
		expect(tflow.emulator.state.roles.get(3)?.user_ids).toEqual([4, 6]);
	});

	test('update moves the user to another role of its company and changes what it sees', async () => {
		const result = await tflow.run({
			resource: 'user',
			operation: 'update',
			userId: 3,
			updateFields: { roleId: '2', visibleClientIds: '101' },
		});
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls().map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([['POST /api/v2/user/3', { role_id: 2, visibleClientIds: [101] }]]);
		expect(result.items[0].json).toMatchObject({ id: 3, role_id: 2, visibleClientIds: [1, 101] });
		expect(tflow.emulator.state.roles.get(1)?.user_ids).toEqual([1]);
		expect(tflow.emulator.state.roles.get(2)?.user_ids).toEqual([2, 3]);
	});

	test('visible clients that resolved to nothing are refused on create and update, not sent as [] nor dropped', async () => {
		const update = await tflow.run({ resource: 'user', operation: 'update', userId: 3, updateFields: { name: 'Paula', visibleClientIds: '={{ $json.clients }}' } }, [{ json: {} }]);
		expect(update.error?.message).toBe('visibleClientIds: is empty (got undefined), which would remove them all; nothing was sent (item 0)');
		expect(update.error?.description).toContain('give that company\'s client ID');
		const create = await tflow.run({ resource: 'user', operation: 'create', email: 'x@example.com', additionalFields: { visibleClientIds: '={{ $json.clients }}' } }, [{ json: { clients: '' } }]);
		expect(create.error?.message).toBe('visibleClientIds: is empty (got empty text), which would remove them all; nothing was sent (item 0)');
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.users.get(3)?.name).not.toBe('Paula');
	});

	test('bad IDs are refused before sending; a role of another company by tFLOW', async () => {
		const badRole = await tflow.run({ resource: 'user', operation: 'update', userId: 3, updateFields: { roleId: 'admin' } });
		expect(badRole.error?.message).toContain('roleId: must be a positive whole number');
		const badClients = await tflow.run({ resource: 'user', operation: 'create', email: 'x@example.com', additionalFields: { visibleClientIds: [101, -2] } });
		expect(badClients.error?.message).toContain('visibleClientIds: must be a positive whole number');
		expect(tflow.apiCalls()).toEqual([]);

		const foreign = await tflow.run({ resource: 'user', operation: 'update', userId: 3, updateFields: { roleId: 3 } });
		expect(foreign.error?.message).toBe('tFLOW rejected the request: role_id: Role 3 belongs to client 101, the user to client 1');
		expect(tflow.emulator.state.roles.get(1)?.user_ids).toEqual([1, 3]);
	});
});

describe('role: workflow permissions', () => {
	test('get, then set from transition names, as role_id + transitions', async () => {
		const before = await tflow.run({ resource: 'role', operation: 'getWorkflowPermissions', roleId: 3 });
		expect(before.items.map((item) => item.json)).toEqual([
			{ role_id: 3, transitions: ['upload_first_revision', 'upload_next_revision', 'approve', 'reject'] },
		]);
		const set = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: '3', transitions: ['approve', 'close_to_rejected', 'approve'] });
		expect(set.error).toBeUndefined();
		expect(set.items.map((item) => item.json)).toEqual([{ role_id: 3, transitions: ['approve', 'close_to_rejected'] }]);
		const calls = tflow.apiCalls();
		expect(calls.map((call) => [`${call.method} ${call.path}`, call.query, call.body])).toEqual([
			['GET /api/v2/role/getWorkflowPermissions', { role_id: '3' }, {}],
			['POST /api/v2/role/setWorkflowPermissions', {}, { role_id: 3, transitions: ['approve', 'close_to_rejected'] }],
		]);
		expectBearer(calls, tflow.token());
		expect(tflow.emulator.state.roles.get(3)?.transitions).toEqual(['approve', 'close_to_rejected']);
	});

	test('a value that resolved to nothing is refused before sending; Remove All Transitions sends []', async () => {
		const missing = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: 3, transitions: '={{ $json.transitions }}' }, [{ json: {} }]);
		expect(missing.error?.message).toBe('transitions: is empty (got undefined), which would remove them all; nothing was sent (item 0)');
		const blank = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: 3, transitions: '={{ $json.transitions }}' }, [{ json: { transitions: '' } }]);
		expect(blank.error?.message).toBe('transitions: is empty (got empty text), which would remove them all; nothing was sent (item 0)');
		expect(tflow.apiCalls()).toEqual([]);
		expect(tflow.emulator.state.roles.get(3)?.transitions).toHaveLength(4);

		const removed = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: 3, removeAll: true });
		expect(removed.error).toBeUndefined();
		expect(tflow.apiCalls('POST').map((call) => call.body)).toEqual([{ role_id: 3, transitions: [] }]);
		expect(tflow.emulator.state.roles.get(3)?.transitions).toEqual([]);
	});

	test('a malformed name is refused before sending, an unknown one by tFLOW', async () => {
		const bad = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: 3, transitions: 'approve, Send Again' });
		expect(bad.error?.message).toContain('transitions: "Send Again" is not a tFLOW transition name (e.g. approve)');
		expect(tflow.apiCalls()).toEqual([]);
		const unknown = await tflow.run({ resource: 'role', operation: 'setWorkflowPermissions', roleId: 3, transitions: ['fly_away'] });
		expect(unknown.error?.message).toBe('tFLOW rejected the request: transitions: Unknown transition "fly_away"');
		expect(tflow.emulator.state.roles.get(3)?.transitions).toHaveLength(4);
	});
});

describe('queues of an order, job or client', () => {
	test.each([
		['order', { orderId: byId(1) }, '/api/v2/tflow/order/1', () => tflow.emulator.state.orders.get(1)?.tflows],
		['job', { jobId: byId(2) }, '/api/v2/tflow/job/2', () => tflow.emulator.state.jobs.get(2)?.tflows],
		['client', { clientId: 101 }, '/api/v2/tflow/client/101', () => tflow.emulator.state.clients.get(101)?.tflows],
	])('%s: set sends tflowIds, get reads them back', async (entityType, idParameter, path, stored) => {
		const set = await tflow.run({ resource: 'queue', operation: 'setForEntity', entityType, ...idParameter, queueIds: ['808:2'] });
		expect(set.error).toBeUndefined();
		expect(set.items.map((item) => item.json)).toEqual([{ id: '808:2', tflow_name: 'TURBINE_F_808', queue_name: 'Large Format' }]);
		expect(stored()).toEqual([{ id: '808:2' }]);

		const got = await tflow.run({ resource: 'queue', operation: 'getForEntity', entityType, ...idParameter });
		expect(got.items.map((item) => item.json.id)).toEqual(['808:2']);
		const calls = tflow.apiCalls();
		expect(calls.map((call) => [`${call.method} ${call.path}`, call.body])).toEqual([
			[`POST ${path}`, { tflowIds: ['808:2'] }],
			[`GET ${path}`, {}],
		]);
		expectBearer(calls, tflow.token());
	});

	// Issue 22 §5: client 101 lost all its queues when `{{ $json.queues }}` was missing from the item.
	test.each([
		['a field missing from the item', '={{ $json.queues }}', {}, 'got undefined', 1],
		['null', '={{ $json.queues }}', { queues: null }, 'got null', 1],
		['empty text', '={{ $json.queues }}', { queues: '  ' }, 'got empty text', 1],
		['no choice made', [], {}, 'got an empty list', 0],
	])('%s is refused naming the item and the field; nothing is sent', async (_case, queueIds, json, got, item) => {
		const before = tflow.emulator.state.clients.get(101)?.tflows;
		expect(before?.length).toBeGreaterThan(0);
		const set = await tflow.run({ resource: 'queue', operation: 'setForEntity', entityType: 'client', clientId: 101, queueIds }, [{ json: { queues: ['808:2'] } }, { json }]);
		expect(set.error?.name).toBe('NodeOperationError');
		expect(set.error?.message).toBe(`queueIds: is empty (${got}), which would remove them all; nothing was sent (item ${item})`);
		expect(set.error?.description).toContain('turn on Remove All Queues');
		expect(tflow.emulator.server.requests('POST', '/api/v2/tflow/client/101')).toEqual([]);
		expect(tflow.emulator.server.requests()).toEqual([]);
		expect(tflow.emulator.state.clients.get(101)?.tflows).toEqual(before);
	});

	test('Remove All Queues removes every queue (no items out), whatever the hidden list holds', async () => {
		const set = await tflow.run({ resource: 'queue', operation: 'setForEntity', entityType: 'client', clientId: 101, removeAll: true, queueIds: ['808:2'] });
		expect(set.error).toBeUndefined();
		expect(set.items).toEqual([]);
		expect(tflow.apiCalls('POST').map((call) => [call.path, call.body])).toEqual([['/api/v2/tflow/client/101', { tflowIds: [] }]]);
		expect(tflow.emulator.state.clients.get(101)?.tflows).toEqual([]);
	});

	test('a malformed queue or entity ID is refused before sending, an unknown queue by tFLOW', async () => {
		const badQueue = await tflow.run({ resource: 'queue', operation: 'setForEntity', entityType: 'job', jobId: byId(2), queueIds: '808:1, 808' });
		expect(badQueue.error?.message).toContain('queueIds: "808" is not a tFLOW queue ID');
		const badJob = await tflow.run({ resource: 'queue', operation: 'getForEntity', entityType: 'job', jobId: byId('={{ "two" }}') });
		expect(badJob.error?.message).toContain('jobId: must be a positive whole number');
		const badType = await tflow.run({ resource: 'queue', operation: 'getForEntity', entityType: '={{ "revision" }}', orderId: byId(1), jobId: byId(2), clientId: 101 });
		expect(badType.error?.message).toContain('entityType: must be order, job or client');
		expect(tflow.apiCalls()).toEqual([]);

		const unknown = await tflow.run({ resource: 'queue', operation: 'setForEntity', entityType: 'order', orderId: byId(1), queueIds: ['909:1'] });
		expect(unknown.error?.message).toBe('tFLOW rejected the request: tflowIds: Queue 909:1 not found');
		expect(tflow.emulator.state.orders.get(1)?.tflows).toEqual([]);
	});
});
