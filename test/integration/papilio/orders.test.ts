import { orderById, useWorld } from './world';

const world = useWorld();

const order = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'order', operation, ...extra });

describe('order get', () => {
	test('sends the access token as a query parameter and decodes the status bitmask', async () => {
		const result = await world.run(order('get', { orderId: orderById(51038) }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const json = result.items[0].json;
		expect(json).toMatchObject({ id: '51038', title: 'Inserat Bebbi Jazz', status: '288', status_flags: ['released', 'delivered'] });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const [call] = world.apiCalls('GET', '/api/v1/order/51038');
		expect(call.tokenIn).toBe('query');
		expect(call.user).toBe('api-script');
		expect(call.query.access_token).toMatch(/^[0-9a-f]{40}$/);
		expect(call.headers.authorization).toBeUndefined();
		// The token came from the User Credentials grant, with Basic client auth.
		const [login] = world.emulator.server.requests('POST', '/oauth/token/user');
		expect(login.headers.authorization).toBe(`Basic ${Buffer.from('papilio-demo-client:papilio-demo-secret').toString('base64')}`);
		expect(login.body).toEqual({ username: 'api-script', password: 'papilio-demo-password' });
	});

	test('expand options become boolean arguments and expanded objects are output', async () => {
		const result = await world.run(
			order('get', { orderId: { __rl: true, mode: 'list', value: '51038' }, options: { expand: ['owner', 'template', 'released_by'] } }),
		);
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('GET', '/api/v1/order/51038');
		expect(call.query).toMatchObject({ owner: 'true', template: 'true', released_by: 'true' });
		expect(call.query.status).toBeUndefined();
		const json = result.items[0].json as any;
		expect(json.owner).toMatchObject({ id: '1' });
		expect(json.template).toMatchObject({ id: '33' });
		expect(json.released_by).toMatchObject({ id: '8' });
	});

	test('the status expand returns papilio\'s names (no decoded number then)', async () => {
		const result = await world.run(order('get', { orderId: orderById(51038), options: { expand: ['status'] } }));
		expect(result.items[0].json.status).toEqual(['released', 'delivered']);
		expect(result.items[0].json.status_flags).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/order/51038')[0].query.status).toBe('true');
	});

	test('a plain id from an expression works like the locator', async () => {
		const result = await world.run(order('get', { orderId: '={{ 51040 }}' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.title).toBe('Visitenkarte Müller');
	});

	test('an invalid order id fails before any request, naming the field and item', async () => {
		// The list mode has no format check in the editor, so a wrong value can reach the node.
		const result = await world.run(order('get', { orderId: { __rl: true, mode: 'list', value: '51x38' } }));
		expect(result.error?.message).toBe('Order: must be a positive whole number, got "51x38" (item 0)');
		expect(world.apiCalls()).toHaveLength(0);
	});

	test('not_found becomes a NodeApiError with papilio\'s description; continueOnFail keeps the other items', async () => {
		const input = [{ json: { id: 51038 } }, { json: { id: 99999 } }, { json: { id: 51041 } }];
		const result = await world.run(order('get', { orderId: '={{ $json.id }}' }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe('51038');
		expect(result.items[1].json).toMatchObject({ papilioError: 'not_found', httpCode: '404' });
		expect(String(result.items[1].json.error)).toMatch(/^Not found in papilio: /);
		expect(result.items[2].json.id).toBe('51041');
	});
});

describe('order update', () => {
	test('sends set_flag / unset_flag / title / delivery form-encoded and reports the decoded changes', async () => {
		const result = await world.run(
			order('update', {
				orderId: orderById(51045),
				updateFields: { title: 'Visitenkarte Keller (neu)', set_flag: ['released'], unset_flag: ['control'], delivery: 2 },
			}),
		);
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('POST', '/api/v1/order/51045');
		expect(call.contentType).toBe('application/x-www-form-urlencoded');
		expect(call.body).toEqual({ title: 'Visitenkarte Keller (neu)', set_flag: '32', unset_flag: '8', delivery: '2' });
		expect(call.tokenIn).toBe('query');
		expect(result.items[0].json).toEqual({
			id: '51045',
			success: true,
			changes: {
				title: 'Visitenkarte Keller (neu)',
				set_flag: 32,
				unset_flag: 8,
				delivery: 2,
				set_flag_flags: ['released'],
				unset_flag_flags: ['control'],
			},
		});
		const stored = world.emulator.state.orders.find((candidate) => candidate.id === 51045)!;
		expect(stored.status).toBe(1 + 32);
		expect(stored.title).toBe('Visitenkarte Keller (neu)');
	});

	test('a status given as a number by expression overwrites the bitmask', async () => {
		const result = await world.run(order('update', { orderId: orderById(51042), updateFields: { status: '={{ 1 + 8 }}' } }));
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('POST', '/api/v1/order/51042')[0].body).toEqual({ status: '9' });
		expect(world.emulator.state.orders.find((candidate) => candidate.id === 51042)!.status).toBe(9);
	});

	test.each([
		[{}, 'Update Fields: nothing to update (item 0)'],
		[{ set_flag: ['shipped'] }, 'Set Flags: "shipped" is not a papilio status flag'],
		[{ title: '   ' }, 'Title: is required (item 0)'],
		[{ delivery: 3 }, 'Delivery: must be 1 (download) or 2 (postage), got "3" (item 0)'],
	])('bad input %j is refused before any request', async (updateFields, message) => {
		const result = await world.run(order('update', { orderId: orderById(51045), updateFields }));
		expect(result.error?.message).toContain(message);
		expect(world.apiCalls()).toHaveLength(0);
	});
});

describe('order delete', () => {
	test('deletes an order that only has the open flag and outputs { deleted: true } with its ID', async () => {
		const result = await world.run(order('delete', { orderId: orderById(51042) }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: '51042' }]);
		expect(world.apiCalls('DELETE', '/api/v1/order/51042')[0].tokenIn).toBe('query');
		expect(world.emulator.state.orders.some((candidate) => candidate.id === 51042)).toBe(false);
	});

	test('a delivered order is marked deleted and then listed under deleted orders', async () => {
		const before = await world.run(order('getMany', { scope: 'deleted', returnAll: true }));
		expect(before.items.map((item) => item.json.id)).not.toContain('51050');
		const result = await world.run(order('delete', { orderId: orderById(51050) }));
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: '51050' }]);
		const deleted = await world.run(order('getMany', { scope: 'deleted', returnAll: true }));
		expect(deleted.items.map((item) => item.json.id)).toContain('51050');
		expect(world.emulator.state.orders.find((candidate) => candidate.id === 51050)?.deleted).toBe(true);
		expect(world.apiCalls('GET', '/api/v1/orders/deleted')).toHaveLength(2);
	});

	test('a forbidden delete explains the document\'s rule', async () => {
		const result = await world.run(order('delete', { orderId: orderById(51045) }));
		expect(result.error?.message).toMatch(/^The papilio user of this credential is not allowed to do this: /);
		expect(result.error?.description).toContain('only deletes an order that has the Delivered flag');
		expect(result.error?.httpCode).toBe('403');
		expect(world.emulator.state.orders.find((candidate) => candidate.id === 51045)?.deleted).toBe(false);
	});

	test('an answer without {"success": "true"} is an error, never { deleted: true }', async () => {
		world.emulator.server.addFault({ kind: 'status', method: 'DELETE', path: '^/api/v1/order/51042$', status: 200, body: { success: 'false' } });
		const result = await world.run(order('delete', { orderId: orderById(51042) }));
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('papilio did not confirm the deletion');
		expect(result.error?.description).toBe('DELETE /api/v1/order/51042 answered {"success":"false"} instead of {"success": "true"}');
		expect(world.apiCalls('DELETE', '/api/v1/order/51042')).toHaveLength(1);
	});
});

describe('order PINs', () => {
	test('createPin outputs the PIN and the combined link; downloadByPin accepts that link; deletePin removes it', async () => {
		const created = await world.run(order('createPin', { orderId: orderById(51041) }));
		expect(created.error).toBeUndefined();
		const { pin, path, link } = created.items[0].json as Record<string, string>;
		expect(pin).toMatch(/^[a-z0-9]{5}$/);
		expect(path).toBe(`${world.emulator.url}/pin/`);
		expect(link).toBe(`${world.emulator.url}/pin/${pin}`);
		expect(world.apiCalls('POST', '/api/v1/order/pin/51041')).toHaveLength(1);

		const downloaded = await world.run(order('downloadByPin', { pin: link, binaryPropertyName: 'file' }));
		expect(downloaded.error).toBeUndefined();
		expect(world.apiCalls('GET', `/api/v1/order/pin/${pin}`)[0].tokenIn).toBe('query');
		expect(downloaded.items[0].binary?.file).toBeDefined();

		const removed = await world.run(order('deletePin', { orderId: orderById(51041) }));
		expect(removed.items.map((item) => item.json)).toEqual([{ deleted: true, id: '51041' }]);
		expect(world.apiCalls('DELETE', '/api/v1/order/pin/51041')).toHaveLength(1);
		const again = await world.run(order('downloadByPin', { pin }));
		expect(again.error?.message).toMatch(/^Not found in papilio: /);
	});

	test('a PIN with other characters is refused before any request', async () => {
		const result = await world.run(order('downloadByPin', { pin: 'ab$12' }));
		expect(result.error?.message).toBe('PIN: "ab$12" is not a PIN (letters and digits, e.g. h58d2) (item 0)');
		expect(world.apiCalls()).toHaveLength(0);
	});

	test('papilio\'s bad_request for a malformed PIN is explained', async () => {
		const result = await world.run(order('downloadByPin', { pin: 'abcdefgh' }));
		expect(result.error?.message).toMatch(/^papilio rejected the request: a required parameter is missing or a value is invalid: /);
		expect(result.error?.httpCode).toBe('400');
	});
});

describe('order lists', () => {
	test('getMany mine lists completed orders of the user, with Limit', async () => {
		const all = await world.run(order('getMany', { scope: 'mine', returnAll: true }));
		expect(all.error).toBeUndefined();
		expect(all.items.length).toBeGreaterThan(2);
		for (const item of all.items) {
			expect(item.json.status_flags).not.toContain('open');
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		const limited = await world.run(order('getMany', { scope: 'mine', returnAll: false, limit: 2 }));
		expect(limited.items).toHaveLength(2);
		expect(world.apiCalls('GET', '/api/v1/orders')).toHaveLength(2);
	});

	test('getMany all uses the year (current year for 0) and expand arguments', async () => {
		await world.run(order('getMany', { scope: 'all', year: 2024, returnAll: true, options: { expand: ['owner'] } }));
		const [call2024] = world.apiCalls('GET', '/api/v1/orders/all/2024');
		expect(call2024.query.owner).toBe('true');
		const result = await world.run(order('getMany', { scope: 'all', year: 0, returnAll: true }));
		expect(world.apiCalls('GET', `/api/v1/orders/all/${new Date().getFullYear()}`)).toHaveLength(1);
		expect(result.items.length).toBeGreaterThan(0);
	});

	test('search sends mode, flag bitmasks and date ranges as papilio arguments', async () => {
		const result = await world.run(
			order('search', {
				mode: 'and',
				filters: {
					status: ['released', 'delivered'],
					status_not: ['charged'],
					created_after: '2013-01-01T00:00:00',
					created_before: '2030-12-31',
					title: 'Inserat',
				},
				returnAll: true,
			}),
		);
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('GET', '/api/v1/orders/search/and');
		expect(call.query).toMatchObject({
			status: '288',
			status_not: '512',
			created_after: '2013-01-01',
			created_before: '2030-12-31',
			title: 'Inserat',
		});
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) {
			expect(item.json.status_flags).toEqual(expect.arrayContaining(['released', 'delivered']));
			expect(item.json.status_flags).not.toContain('charged');
			expect(String(item.json.title)).toContain('Inserat');
		}
	});

	test('search in or mode with a language, a format and a template id', async () => {
		const result = await world.run(
			order('search', { mode: 'or', filters: { lang: 'fr', format: 'adsizer', template: '41' }, returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('GET', '/api/v1/orders/search/or');
		expect(call.query).toMatchObject({ lang: 'fr', format: 'adsizer', template: '41' });
		for (const item of result.items) {
			expect(item.json.lang === 'fr' || item.json.format === 'adsizer' || item.json.template === '41').toBe(true);
		}
	});

	test.each([
		[{ created_after: '12.03.2013' }, 'Created After: "12.03.2013" is not a date (yyyy-mm-dd) (item 0)'],
		[{ lang: 'deu' }, 'Language: "deu" is not a two-letter ISO 639-1 code'],
		[{ status: ['sent'] }, 'Status Has All Of: "sent" is not a papilio status flag'],
		[{ owner: 'me' }, 'Owner ID: must be a positive whole number'],
	])('search refuses %j before any request', async (filters, message) => {
		const result = await world.run(order('search', { mode: 'and', filters, returnAll: true }));
		expect(result.error?.message).toContain(message);
		expect(world.apiCalls()).toHaveLength(0);
	});
});

describe('order locator search', () => {
	test('searches titles and falls back to the user\'s own orders when the search is forbidden', async () => {
		const found = await world.harness.listSearch('papilio', 'searchOrders', { authentication: 'papilioApi' }, ['papilioApi'], 'Bebbi');
		expect(found.results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['51038']));
		expect(found.results[0].name).toMatch(/Bebbi Jazz \(#510\d\d\)/);
		expect(world.apiCalls('GET', '/api/v1/orders/search/and')[0].query.title).toBe('Bebbi');

		world.emulator.state.users.find((user) => user.username === 'api-script')!.permissions = ['createOrders'];
		world.emulator.server.clearLog();
		const fallback = await world.harness.listSearch('papilio', 'searchOrders', { authentication: 'papilioApi' }, ['papilioApi'], 'Bebbi');
		expect(world.apiCalls('GET', '/api/v1/orders')).toHaveLength(1);
		expect(fallback.results.map((entry) => entry.value)).toEqual(['51038']);
	});

	test('any other failure of the search is papilio\'s error as a NodeApiError, without the fallback', async () => {
		world.emulator.server.addFault({
			kind: 'status',
			method: 'GET',
			path: '^/api/v1/orders/search/and$',
			status: 500,
			body: { error: 'internal_server_error', error_description: 'search index unavailable' },
		});
		const search = world.harness.listSearch('papilio', 'searchOrders', { authentication: 'papilioApi' }, ['papilioApi'], 'Bebbi');
		await expect(search).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'papilio had an internal error (details are in the papilio server logs): search index unavailable',
			httpCode: '500',
		});
		expect(world.apiCalls('GET', '/api/v1/orders/search/and')).toHaveLength(1);
		expect(world.apiCalls('GET', '/api/v1/orders')).toHaveLength(0);
	});
});
