/** Tasks, messages and templates, plus papilio's error answers. */
import { orderById, useWorld } from './world';

const world = useWorld();

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => item.json.id);

describe('tasks', () => {
	test('printable orders carry recipient, address, delivery date and copies', async () => {
		const result = await world.run({ resource: 'task', operation: 'getPrintable', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/tasks/printable')[0].tokenIn).toBe('query');
		const muller = result.items.find((item) => item.json.id === '51040')!.json;
		expect(muller).toMatchObject({
			recipient: 'Hans Müller, Müller Treuhand AG',
			address: 'Freie Strasse 12\n4001 Basel\nSchweiz',
			delivery_date: '2024-05-20',
			copies: '250',
			status_flags: ['released', 'delivery_pending'],
		});
		expect(result.items.every((item) => (item.json.status_flags as string[]).includes('delivery_pending'))).toBe(true);
	});

	test('layoutable and translatable orders', async () => {
		const layout = await world.run({ resource: 'task', operation: 'getLayoutable', returnAll: true });
		expect(layout.items.length).toBeGreaterThan(0);
		expect(layout.items.every((item) => (item.json.status_flags as string[]).includes('layout'))).toBe(true);
		const translate = await world.run({ resource: 'task', operation: 'getTranslatable', returnAll: true });
		expect(translate.items.length).toBeGreaterThan(0);
		expect(translate.items.every((item) => item.json.translation_of !== undefined)).toBe(true);
		expect(world.apiCalls('GET', '/api/v1/tasks/layoutable')).toHaveLength(1);
		expect(world.apiCalls('GET', '/api/v1/tasks/translatable')).toHaveLength(1);
	});

	test('completed orders of the own user or of another user by ID, with Limit', async () => {
		const own = await world.run({ resource: 'task', operation: 'getCompleted', userId: '', returnAll: true });
		expect(own.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/tasks/completed')).toHaveLength(1);
		expect(ids(own.items)).toEqual(expect.arrayContaining(['51048', '51050']));
		const controller = await world.run({ resource: 'task', operation: 'getCompleted', userId: '8', returnAll: false, limit: 1 });
		expect(world.apiCalls('GET', '/api/v1/tasks/completed/8')).toHaveLength(1);
		expect(ids(controller.items)).toEqual(['51038']);
	});

	test('a missing permission is papilio\'s forbidden', async () => {
		world.emulator.state.users.find((user) => user.username === 'api-script')!.permissions = ['createOrders'];
		const result = await world.run({ resource: 'task', operation: 'getPrintable', returnAll: true });
		expect(result.error?.message).toBe('The papilio user of this credential is not allowed to do this: Listing print tasks requires the printOrders permission');
	});
});

describe('messages', () => {
	test('received and sent messages, one item each, with sender or recipient objects', async () => {
		const received = await world.run({ resource: 'message', operation: 'getReceived', returnAll: true });
		expect(received.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/messages/received')[0].tokenIn).toBe('query');
		expect(ids(received.items).sort()).toEqual(['2460', '2462']);
		expect(received.items[0].json.sender).toEqual(expect.objectContaining({ id: expect.any(String), first_name: expect.any(String) }));
		const sent = await world.run({ resource: 'message', operation: 'getSent', returnAll: true });
		expect(ids(sent.items)).toEqual(['2461']);
		expect(sent.items[0].json.recipient).toEqual(expect.objectContaining({ id: '12' }));
		const ofController = await world.run({ resource: 'message', operation: 'getReceived', userId: '8', returnAll: false, limit: 1 });
		expect(world.apiCalls('GET', '/api/v1/messages/received/8')).toHaveLength(1);
		expect(ofController.items).toHaveLength(1);
	});

	test('mark as read, and forbidden for a message of someone else', async () => {
		const result = await world.run({ resource: 'message', operation: 'markAsRead', messageId: '2460' });
		expect(result.items[0].json).toEqual({ id: '2460', read: true, success: true });
		expect(world.apiCalls('POST', '/api/v1/messages/read/2460')[0].tokenIn).toBe('query');
		expect(world.emulator.state.messages.find((message) => message.id === 2460)!.read).toBe(true);
		const foreign = await world.run({ resource: 'message', operation: 'markAsRead', messageId: '2463' });
		expect(foreign.error?.message).toBe('The papilio user of this credential is not allowed to do this: Message 2463 doesn\'t belong to you');
		expect(foreign.error?.description).toContain('only lets you mark your own messages as read');
	});

	test('a user ID that is not a number is refused before any request', async () => {
		const result = await world.run({ resource: 'message', operation: 'getSent', userId: 'joe', returnAll: true });
		expect(result.error?.message).toBe('User ID: must be a positive whole number, got "joe" (item 0)');
		expect(world.apiCalls()).toHaveLength(0);
	});
});

describe('templates', () => {
	test('get a template', async () => {
		const result = await world.run({ resource: 'template', operation: 'get', templateId: '34' });
		expect(result.items[0].json).toMatchObject({ id: '34', title: 'Inserat A4 hoch', parent: '16' });
		expect(world.apiCalls('GET', '/api/v1/template/34')[0].tokenIn).toBe('query');
	});

	test('children of the root and of a group, with breadcrumbs on each child', async () => {
		const root = await world.run({ resource: 'template', operation: 'getChildren', groupId: '', returnAll: true });
		expect(world.apiCalls('GET', '/api/v1/templates/children')).toHaveLength(1);
		expect(root.items.length).toBeGreaterThan(0);
		expect(root.items[0].json.parents).toEqual([]);
		const group = await world.run({ resource: 'template', operation: 'getChildren', groupId: '16', returnAll: true });
		expect(world.apiCalls('GET', '/api/v1/templates/children/16')).toHaveLength(1);
		expect(ids(group.items)).toEqual(['33', '34']);
		expect(group.items[1].json.parents).toEqual([
			{ id: '8', title: expect.any(String) },
			{ id: '16', title: expect.any(String) },
		]);
	});

	test('examples in the user\'s language or a chosen one', async () => {
		const own = await world.run({ resource: 'template', operation: 'getExamples', templateId: '40', lang: '', returnAll: true });
		expect(world.apiCalls('GET', '/api/v1/templates/examples/40')).toHaveLength(1);
		expect(ids(own.items).sort()).toEqual(['50101', '50103']);
		const french = await world.run({ resource: 'template', operation: 'getExamples', templateId: '40', lang: 'FR', returnAll: true });
		expect(world.apiCalls('GET', '/api/v1/templates/examples/40/fr')).toHaveLength(1);
		expect(ids(french.items)).toEqual(['50102']);
		expect(french.items[0].json.status_flags).toEqual(['released']);
	});

	test('search returns templates and example orders as typed items', async () => {
		const result = await world.run({ resource: 'template', operation: 'search', term: 'Visitenkarte', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/templates/search/Visitenkarte')).toHaveLength(1);
		const types = new Set(result.items.map((item) => item.json.result_type));
		expect(types).toEqual(new Set(['template', 'example']));
		expect(result.items.find((item) => item.json.result_type === 'example')!.json.title).toMatch(/Visitenkarte/);
	});

	test('a search term with spaces and umlauts is sent encoded', async () => {
		const result = await world.run({ resource: 'template', operation: 'search', term: 'Flyer A5', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('GET', /^\/api\/v1\/templates\/search\//)).toHaveLength(1);
		expect(result.items.map((item) => item.json.title)).toContain('Flyer A5');
	});

	test('the nested tree, flattened with paths or as papilio sends it', async () => {
		const flat = await world.run({ resource: 'template', operation: 'getNested', flatten: true, includeGroups: true });
		expect(flat.error).toBeUndefined();
		const a4 = flat.items.find((item) => item.json.id === '34')!.json;
		expect(a4).toMatchObject({ type: 'template', depth: 2, parent_id: '16' });
		expect(String(a4.path).split(' / ')).toHaveLength(3);
		const templatesOnly = await world.run({ resource: 'template', operation: 'getNested', flatten: true, includeGroups: false });
		expect(templatesOnly.items.every((item) => item.json.type === 'template')).toBe(true);
		expect(templatesOnly.items.length).toBeLessThan(flat.items.length);
		const raw = await world.run({ resource: 'template', operation: 'getNested', flatten: false });
		expect(raw.items).toHaveLength(1);
		expect(Array.isArray(raw.items[0].json.nested)).toBe(true);
	});

	test('the Template and Group dropdowns list the tree by path', async () => {
		const templates = await world.harness.loadOptions('papilio', 'getTemplates', { authentication: 'papilioApi' }, ['papilioApi']);
		expect(templates).toContainEqual({ name: expect.stringMatching(/ \/ Inserat A4 hoch$/), value: '34' });
		expect(templates.some((option) => option.value === '16')).toBe(false);
		const groups = await world.harness.loadOptions('papilio', 'getTemplateGroups', { authentication: 'papilioApi' }, ['papilioApi']);
		expect(groups.map((option) => option.value)).toEqual(expect.arrayContaining(['8', '16']));
		expect(groups.some((option) => option.value === '34')).toBe(false);
		expect(world.apiCalls('GET', '/api/v1/templates/nested').every((call) => call.tokenIn === 'query')).toBe(true);
	});

	test('an inactive or unknown template is not_found', async () => {
		const result = await world.run({ resource: 'template', operation: 'get', templateId: '42' });
		expect(result.error?.message).toBe('Not found in papilio: Template 42 does not exist or is not active');
		expect(result.error?.httpCode).toBe('404');
	});
});

describe('error answers', () => {
	test('a framework error that is not JSON is reported as it is', async () => {
		world.emulator.addFrameworkError({ status: 404, path: '^/api/v1/order/' });
		const result = await world.run({ resource: 'order', operation: 'get', orderId: orderById(51038) });
		expect(result.error?.message).toBe('Not found in papilio: httperror404 Not Found');
		expect(result.error?.httpCode).toBe('404');
	});

	test('a framework error on a download is read from the stream', async () => {
		world.emulator.addFrameworkError({ status: 500, path: '^/api/v1/order/download/' });
		const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' });
		expect(result.error?.message).toBe('papilio had an internal error: httperror500 Internal Server Error');
	});

	test('not_implemented for a method this server does not have', async () => {
		world.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/templates/nested', status: 501, body: { error: 'not_implemented', error_description: 'The method /templates/nested does not exist' } });
		const result = await world.run({ resource: 'template', operation: 'getNested', flatten: true });
		expect(result.error?.message).toBe('This papilio server does not offer this API method (it may run an older API version): The method /templates/nested does not exist');
		expect(result.error?.httpCode).toBe('501');
	});

	test('reads are retried on 503 with backoff; writes are not', async () => {
		world.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/order/51038$', status: 503, times: 1, headers: { 'Retry-After': '0' } });
		const read = await world.run({ resource: 'order', operation: 'get', orderId: orderById(51038) });
		expect(read.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/order/51038').map((call) => call.status)).toEqual([503, 200]);

		world.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v1/order/51042$', status: 503, times: 1, body: { error: 'service_unavailable' } });
		const write = await world.run({ resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'Neu' } });
		expect(write.error?.message).toBe('papilio is unavailable (service_unavailable)');
		expect(world.apiCalls('POST', '/api/v1/order/51042')).toHaveLength(1);
		expect(world.emulator.state.orders.find((order) => order.id === 51042)!.title).not.toBe('Neu');
	});

	test('no secret or token appears in an error', async () => {
		const result = await world.run({ resource: 'order', operation: 'get', orderId: orderById(99999) }, { continueOnFail: true });
		const token = world.harness.credentials.store.get('papilioApi')!.accessToken as string;
		const text = JSON.stringify(result.items) + JSON.stringify(result.error ?? {});
		for (const secret of [token, 'papilio-demo-secret', 'papilio-demo-password']) expect(text).not.toContain(secret);
	});
});
