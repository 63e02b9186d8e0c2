/**
 * tFLOW node, resources besides jobs and revisions: order, client, user, product, queue and
 * webhook, each operation asserting what tFLOW received and what the node output.
 */
import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

describe('order', () => {
	test('create sends the client, ship date, fields, props and assignments', async () => {
		const result = await tflow.run({
			resource: 'order',
			operation: 'create',
			clientId: 101,
			shipDate: '2016-01-01T00:00:00+0100',
			propsInputMode: 'keyValue',
			props: { property: [{ name: 'sales_rep', value: 'Paula' }] },
			assignmentsInputMode: 'json',
			assignmentsJson: '{"instance_user_ids": [2]}',
			additionalFields: {
				description: 'Autumn menu',
				externalId: 'SHOP-1042',
				plannedNumberOfJobs: 3,
				productId: 2,
				kfpx: 'CMYK',
				queues: ['808:1', '808:2'],
				workflowId: 2,
			},
		});
		expect(result.error).toBeUndefined();
		const [call] = tflow.apiCalls('POST', '/api/v2/order/create');
		expectBearer([call], tflow.token());
		expect(call.body).toEqual({
			client_id: 101,
			ship_date: '2016-01-01T00:00:00+0100',
			description: 'Autumn menu',
			external_id: 'SHOP-1042',
			planned_number_of_jobs: 3,
			product_id: 2,
			kfpx: 'CMYK',
			tflows: [{ id: '808:1' }, { id: '808:2' }],
			workflow_id: 2,
			props: { sales_rep: 'Paula' },
			assignments: { instance_user_ids: [2] },
		});
		expect(result.items[0].json).toMatchObject({
			id: 3,
			client_id: 101,
			name: 'TF000003',
			external_id: 'SHOP-1042',
			planned_number_of_jobs: 3,
			props: { sales_rep: 'Paula' },
		});
	});

	test('create without a ship date is refused by tFLOW with a readable message', async () => {
		tflow.emulator.server.addFault({
			kind: 'status',
			method: 'POST',
			path: '/order/create',
			status: 400,
			body: { error: true, messages: { ship_date: ['is required'], client_id: ['Client 7 not found'] } },
		});
		const result = await tflow.run({ resource: 'order', operation: 'create', clientId: 101, shipDate: '2026-01-01', additionalFields: {} });
		expect(result.error?.message).toBe('tFLOW rejected the request: ship_date: is required; client_id: Client 7 not found');
		expect(result.error?.httpCode).toBe('400');
	});

	test('get, getMany with filters, update', async () => {
		const get = await tflow.run({ resource: 'order', operation: 'get', orderId: byId(2) });
		expect(get.items[0].json).toMatchObject({ id: 2, name: 'TF000002', client_id: 102 });
		expectBearer(tflow.apiCalls('GET', '/api/v2/order/2'), tflow.token());

		const many = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: true, filters: { clientId: 101, name: 'TF0000' } });
		expect(tflow.apiCalls('GET', '/api/v2/order/list')[0].query).toEqual({ client_id: '101', name: 'TF0000' });
		expect(many.items.map((item) => item.json.name)).toEqual(['TF000001']);

		const limited = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: false, limit: 1, filters: {} });
		expect(limited.items).toHaveLength(1);

		const update = await tflow.run({
			resource: 'order',
			operation: 'update',
			orderId: { __rl: true, mode: 'list', value: '1' },
			updateFields: { description: 'Spring menu (v2)', plannedNumberOfJobs: 4 },
			propsInputMode: 'keyValue',
			assignmentsInputMode: 'keyValue',
		});
		expect(update.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/order/1/update')[0].body).toEqual({ description: 'Spring menu (v2)', planned_number_of_jobs: 4 });
		expect(update.items[0].json).toMatchObject({ id: 1, description: 'Spring menu (v2)', planned_number_of_jobs: 4 });
	});
});

describe('client', () => {
	test('create, get, getMany (exact name filter) and getQueues', async () => {
		const created = await tflow.run({
			resource: 'client',
			operation: 'create',
			name: 'Contoso Signs',
			additionalFields: { queues: ['808:2'] },
		});
		expect(tflow.apiCalls('POST', '/api/v2/client/create')[0].body).toEqual({ name: 'Contoso Signs', tflows: [{ id: '808:2' }] });
		expect(created.items[0].json).toEqual({ id: 103, name: 'Contoso Signs', tflows: [{ id: '808:2' }] });

		const get = await tflow.run({ resource: 'client', operation: 'get', clientId: 101 });
		expect(get.items[0].json).toMatchObject({ id: 101, name: 'Acme Bakery' });

		const many = await tflow.run({ resource: 'client', operation: 'getMany', returnAll: true, filters: { name: 'acme bakery' } });
		expect(tflow.apiCalls('GET', '/api/v2/client/list')[0].query).toEqual({ filter: { field: 'name', value: 'acme bakery' } });
		expect(many.items.map((item) => item.json.id)).toEqual([101]);

		const queues = await tflow.run({ resource: 'client', operation: 'getQueues', clientId: 103 });
		expect(queues.items.map((item) => item.json)).toEqual([{ id: '808:2', tflow_name: 'TURBINE_F_808', queue_name: 'Large Format' }]);
		expectBearer(tflow.apiCalls(), tflow.token());
	});
});

describe('user', () => {
	test('create never echoes the password; get, getMany by e-mail, update', async () => {
		const created = await tflow.run({
			resource: 'user',
			operation: 'create',
			email: 'quinn@acmebakery.example',
			additionalFields: {
				name: 'Quinn Baker',
				password: 'S3cret-pass!',
				clientId: 101,
				phoneNumber: '+1 555 0100',
				enabled: true,
				locale: 'en_US',
				alertTypes: ['job.create', 'job.approve'],
			},
		});
		expect(created.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/user/create')[0].body).toEqual({
			email: 'quinn@acmebakery.example',
			name: 'Quinn Baker',
			password: 'S3cret-pass!',
			client_id: 101,
			phonenumber: '+1 555 0100',
			enabled: true,
			locale: 'en_US',
			alertTypes: ['job.create', 'job.approve'],
		});
		expect(created.items[0].json).toMatchObject({ id: 6, email: 'quinn@acmebakery.example', client_id: 101 });
		expect(JSON.stringify(created.items)).not.toContain('S3cret-pass!');

		const get = await tflow.run({ resource: 'user', operation: 'get', userId: 6 });
		expect(get.items[0].json).toMatchObject({ id: 6, name: 'Quinn Baker' });

		const many = await tflow.run({ resource: 'user', operation: 'getMany', returnAll: true, filters: { email: 'API@printshop.example' } });
		expect(tflow.apiCalls('GET', '/api/v2/user/list')[0].query).toEqual({ filter: { field: 'email', value: 'API@printshop.example' } });
		expect(many.items.map((item) => item.json.email)).toEqual(['api@printshop.example']);

		const updated = await tflow.run({ resource: 'user', operation: 'update', userId: 6, updateFields: { locale: 'de_CH', enabled: false, password: '' } });
		expect(tflow.apiCalls('POST', '/api/v2/user/6')[0].body).toEqual({ locale: 'de_CH', enabled: false });
		expect(updated.items[0].json).toMatchObject({ id: 6, locale: 'de_CH', enabled: false });
		expectBearer(tflow.apiCalls(), tflow.token());
	});

	test('an e-mail tFLOW already knows gives its message', async () => {
		const result = await tflow.run({ resource: 'user', operation: 'create', email: 'api@printshop.example', additionalFields: {} });
		expect(result.error?.message).toBe('tFLOW rejected the request: email: A user with the e-mail api@printshop.example already exists');
	});
});

describe('product and queue', () => {
	test('product getMany lists products, filters by name and limits', async () => {
		const all = await tflow.run({ resource: 'product', operation: 'getMany', returnAll: true, filters: {} });
		expect(all.items.map((item) => item.json.name)).toEqual(['Passthrough', 'Business Cards 85x55', 'Large Format Banner']);
		const limited = await tflow.run({ resource: 'product', operation: 'getMany', returnAll: false, limit: 2, filters: {} });
		expect(limited.items).toHaveLength(2);
		const named = await tflow.run({ resource: 'product', operation: 'getMany', returnAll: true, filters: { name: 'Passthrough' } });
		expect(named.items.map((item) => item.json.id)).toEqual([1]);
		expect(tflow.apiCalls('GET', '/api/v2/product/list')[2].query).toEqual({ filter: { field: 'name', value: 'Passthrough' } });
		expectBearer(tflow.apiCalls(), tflow.token());
	});

	test('queue getMany with filters and get by ID', async () => {
		const many = await tflow.run({ resource: 'queue', operation: 'getMany', returnAll: true, filters: { tflowName: 'TURBINE_F_808', queueName: 'Large' } });
		expect(tflow.apiCalls('GET', '/api/v2/tflow/list')[0].query).toEqual({ tflow_name: 'TURBINE_F_808', queue_name: 'Large' });
		expect(many.items.map((item) => item.json.id)).toEqual(['808:2']);

		const one = await tflow.run({ resource: 'queue', operation: 'get', queueId: '808:1' });
		expect(tflow.apiCalls('GET', '/api/v2/tflow/808:1')).toHaveLength(1);
		expect(one.items[0].json).toEqual({ id: '808:1', tflow_id: 808, tflow_name: 'TURBINE_F_808', queue_id: 1, queue_name: 'Full Color' });
	});
});

describe('webhook', () => {
	test('create, get by ID and by event name, getMany and delete; the security key never appears in the output', async () => {
		const created = await tflow.run({
			resource: 'webhook',
			operation: 'create',
			event: 'job.approve',
			url: 'https://hooks.example.com/tflow?source=n8n',
			securityKey: 'very-secret-key-123',
		});
		expect(created.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/webhook/create')[0].body).toEqual({
			name: 'job.approve',
			url: 'https://hooks.example.com/tflow?source=n8n',
			security_key: 'very-secret-key-123',
		});
		expect(created.items[0].json).toEqual({
			id: 1,
			name: 'job.approve',
			url: 'https://hooks.example.com/tflow?source=n8n',
			security_key: '***',
			failed_attempts: 0,
		});

		const byKey = await tflow.run({ resource: 'webhook', operation: 'get', webhookId: '1' });
		const byEvent = await tflow.run({ resource: 'webhook', operation: 'get', webhookId: 'job.approve' });
		expect(tflow.apiCalls('GET', /^\/api\/v2\/webhook\//).map((call) => call.path)).toEqual([
			'/api/v2/webhook/1',
			'/api/v2/webhook/job.approve',
		]);
		expect(byKey.items[0].json).toEqual(byEvent.items[0].json);

		const many = await tflow.run({ resource: 'webhook', operation: 'getMany', returnAll: true });
		expect(many.items.map((item) => item.json.name)).toEqual(['job.approve']);

		for (const result of [created, byKey, byEvent, many]) expect(JSON.stringify(result.items)).not.toContain('very-secret-key-123');

		const deleted = await tflow.run({ resource: 'webhook', operation: 'delete', webhookId: '1' });
		expect(deleted.items.map((item) => item.json)).toEqual([{ deleted: true, id: 1 }]);
		expect(tflow.emulator.state.webhooks.size).toBe(0);
		const again = await tflow.run({ resource: 'webhook', operation: 'delete', webhookId: '1' });
		expect(again.error?.message).toBe('Not found in tFLOW: id: Webhook 1 not found');
		expectBearer(tflow.apiCalls(), tflow.token());
	});

	test('delete by event name outputs { deleted: true } with the event', async () => {
		await tflow.run({ resource: 'webhook', operation: 'create', event: 'job.approve', url: 'https://hooks.example.com/a', securityKey: 'key-1234' });
		expect(tflow.emulator.state.webhooks.size).toBe(1);
		const deleted = await tflow.run({ resource: 'webhook', operation: 'delete', webhookId: 'job.approve' });
		expect(deleted.items.map((item) => item.json)).toEqual([{ deleted: true, event: 'job.approve' }]);
		expect(tflow.apiCalls('DELETE', /^\/api\/v2\/webhook\//).map((call) => call.path)).toEqual(['/api/v2/webhook/job.approve']);
		expect(tflow.emulator.state.webhooks.size).toBe(0);
	});
});
