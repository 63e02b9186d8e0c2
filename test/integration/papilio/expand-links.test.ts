/**
 * Issue 15 §2: papilio's expand arguments on every list that takes them (order lists, task lists,
 * template examples; search keeps status, owner and template as filters) and the editor links the
 * API document names (/edit/create, /edit/clone_from, /translation/edit) in the output of templates,
 * examples and orders (each order: a new order from its template; a translation: its editor).
 */
import { orderById, useWorld } from './world';

const world = useWorld();

const ALL = ['owner', 'released_by', 'status', 'template'];
const byId = (items: Array<{ json: Record<string, unknown> }>, id: string) => items.find((item) => item.json.id === id)!.json as any;
const page = async (url: string) => {
	const response = await fetch(url);
	return { status: response.status, body: await response.text() };
};

describe('expand on task lists and template examples', () => {
	test.each(['getLayoutable', 'getPrintable', 'getTranslatable'])('%s sends every expand argument and outputs the expanded objects', async (operation) => {
		const result = await world.run({ resource: 'task', operation, returnAll: true, options: { expand: ALL } });
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('GET', `/api/v1/tasks/${operation.slice(3).toLowerCase()}`);
		expect(call.query).toMatchObject({ owner: 'true', released_by: 'true', status: 'true', template: 'true' });
		expect(result.items.length).toBeGreaterThan(0);
		for (const { json } of result.items as any[]) {
			expect(Array.isArray(json.status)).toBe(true);
			expect(json.status_flags).toBeUndefined();
			expect(json.template).toMatchObject({ id: expect.any(String), title: expect.any(String) });
			if (json.owner !== null) expect(json.owner).toMatchObject({ id: expect.any(String) });
		}
	});

	test('completed orders expand released_by and the template; without expand papilio\'s ids stay', async () => {
		const expanded = await world.run({ resource: 'task', operation: 'getCompleted', userId: '8', returnAll: true, options: { expand: ['released_by', 'template'] } });
		expect(world.apiCalls('GET', '/api/v1/tasks/completed/8')[0].query).toMatchObject({ released_by: 'true', template: 'true' });
		const order = byId(expanded.items, '51038');
		expect(order.released_by).toMatchObject({ id: '8' });
		expect(order.template).toMatchObject({ id: '33', title: 'Inserat flexibel (Adsizer)' });
		expect(order.owner).toBe('1');

		const plain = await world.run({ resource: 'task', operation: 'getCompleted', userId: '8', returnAll: true });
		const [, call] = world.apiCalls('GET', '/api/v1/tasks/completed/8');
		expect(Object.keys(call.query).filter((key) => ALL.includes(key))).toEqual([]);
		expect(byId(plain.items, '51038')).toMatchObject({ released_by: 8, template: '33', status_flags: ['released', 'delivered'] });
	});

	test('template examples send the expand arguments and output the owner and template objects', async () => {
		const result = await world.run({ resource: 'template', operation: 'getExamples', templateId: '40', lang: 'fr', returnAll: true, options: { expand: ['owner', 'template', 'status'] } });
		expect(result.error).toBeUndefined();
		expect(world.apiCalls('GET', '/api/v1/templates/examples/40/fr')[0].query).toMatchObject({ owner: 'true', template: 'true', status: 'true' });
		expect(result.items[0].json).toMatchObject({ id: '50102', owner: { id: '8' }, template: { id: '40', title: 'Visitenkarte' }, status: ['released'] });
	});

	test('a server that ignores expand on these lists still gives papilio\'s ids (nothing made up)', async () => {
		world.emulator.config.expandOnTasksAndExamples = false;
		const result = await world.run({ resource: 'template', operation: 'getExamples', templateId: '40', lang: 'fr', returnAll: true, options: { expand: ['owner'] } });
		expect(world.apiCalls('GET', '/api/v1/templates/examples/40/fr')[0].query.owner).toBe('true');
		expect(result.items[0].json.owner).toBe('8');
	});

	test.each([
		['task', { operation: 'getPrintable' }],
		['template', { operation: 'getExamples', templateId: '40', lang: '' }],
	])('%s: an unknown expand name given by expression is refused before sending', async (resource, parameters) => {
		const result = await world.run({ resource, ...parameters, returnAll: true, options: { expand: '={{ ["owner", "colour"] }}' } });
		expect(result.error?.message).toBe('Expand: "colour" is not one of owner, released_by, status, template (item 0)');
		expect(world.apiCalls()).toHaveLength(0);
	});
});

describe('expand on order search does not clash with its filters', () => {
	test('status, owner and template go as filters; released_by is the only expand', async () => {
		const result = await world.run({
			resource: 'order',
			operation: 'search',
			mode: 'and',
			filters: { status: ['released', 'delivered'], owner: 1, template: 33 },
			returnAll: true,
			options: { expand: ['released_by'] },
		});
		expect(result.error).toBeUndefined();
		const [call] = world.apiCalls('GET', '/api/v1/orders/search/and');
		expect(call.query).toMatchObject({ status: '288', owner: '1', template: '33', released_by: 'true' });
		expect(byId(result.items, '51038')).toMatchObject({ owner: '1', template: '33', released_by: { id: '8' } });
	});

	test('expanding owner on search (by expression) is refused before sending', async () => {
		const result = await world.run({ resource: 'order', operation: 'search', mode: 'and', filters: {}, returnAll: true, options: { expand: '={{ ["owner"] }}' } });
		expect(result.error?.message).toBe('Expand: "owner" is not one of released_by (item 0)');
		expect(world.apiCalls()).toHaveLength(0);
	});
});

describe('expand with Simplify (on by default from node version 1.1)', () => {
	const runAt = async (parameters: Record<string, unknown>, typeVersion: number) =>
		await world.harness.runNode({ type: 'papilio', parameters: { authentication: 'papilioApi', ...parameters } as never, credentials: ['papilioApi'], typeVersion });

	test('an expanded controller survives Simplify; without the expand Simplify drops released_by as before', async () => {
		const expanded = await runAt({ resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: '51038' }, options: { expand: ['released_by', 'owner'] } }, 1.1);
		expect(expanded.error).toBeUndefined();
		expect(expanded.items[0].json).toMatchObject({ released_by: { id: '8' }, owner: { id: '1' } });
		expect(expanded.items[0].json.remark).toBeUndefined();
		const plain = await runAt({ resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: '51038' }, options: {} }, 1.1);
		expect(plain.items[0].json.released_by).toBeUndefined();
	});

	test('Get Many and Search keep the expanded objects in simplified items', async () => {
		const many = await runAt({ resource: 'order', operation: 'getMany', scope: 'all', year: 2013, returnAll: true, options: { expand: ['released_by', 'template'] } }, 1.2);
		expect(world.apiCalls('GET', '/api/v1/orders/all/2013')[0].query).toMatchObject({ released_by: 'true', template: 'true' });
		expect(byId(many.items, '51038')).toMatchObject({ released_by: { id: '8' }, template: { id: '33' } });
		const search = await runAt({ resource: 'order', operation: 'search', mode: 'and', filters: { title: 'Bebbi' }, returnAll: true, options: { expand: ['released_by'] } }, 1.1);
		expect(byId(search.items, '51038').released_by).toMatchObject({ id: '8' });
	});
});

describe('editor links', () => {
	test('translatable orders carry /translation/edit/{id} under the server URL (not /api/v1), and the page opens', async () => {
		world.resetCredentials({ serverUrl: `${world.emulator.url}/api/v1/` });
		const result = await world.run({ resource: 'task', operation: 'getTranslatable', returnAll: true });
		expect(result.error).toBeUndefined();
		const order = byId(result.items, '51044');
		expect(order.translation_url).toBe(`${world.emulator.url}/translation/edit/51044`);
		expect(await page(order.translation_url)).toEqual({ status: 200, body: expect.stringContaining('Translation 51044 of order 51038') });
		const printable = await world.run({ resource: 'task', operation: 'getPrintable', returnAll: true });
		expect(printable.items.length).toBeGreaterThan(0);
		for (const { json } of printable.items as any[]) {
			expect(json.translation_url).toBe(json.translation_of === undefined ? undefined : `${world.emulator.url}/translation/edit/${json.id}`);
		}
	});

	test('example publications carry /edit/clone_from/{example id}, in Get Examples and in template search', async () => {
		const examples = await world.run({ resource: 'template', operation: 'getExamples', templateId: '40', lang: '', returnAll: true });
		expect(byId(examples.items, '50101').clone_url).toBe(`${world.emulator.url}/edit/clone_from/50101`);
		expect(byId(examples.items, '50103').clone_url).toBe(`${world.emulator.url}/edit/clone_from/50103`);
		expect(await page(byId(examples.items, '50101').clone_url)).toEqual({ status: 200, body: expect.stringContaining('Beispiel Visitenkarte Rot') });

		const search = await world.run({ resource: 'template', operation: 'search', term: 'Visitenkarte', returnAll: true });
		const found = search.items.map((item) => item.json as any);
		for (const example of found.filter((item) => item.result_type === 'example')) {
			expect(example.clone_url).toBe(`${world.emulator.url}/edit/clone_from/${example.id}`);
		}
		// Template 40 has examples: the document says to send users to an example instead of /edit/create.
		expect(found.find((item) => item.id === '40' && item.result_type === 'template').create_url).toBeUndefined();
	});

	test('templates carry /edit/create/{template id}; groups and templates with examples do not', async () => {
		const template = await world.run({ resource: 'template', operation: 'get', templateId: '34' });
		expect(template.items[0].json.create_url).toBe(`${world.emulator.url}/edit/create/34`);
		expect(await page(template.items[0].json.create_url as string)).toEqual({ status: 200, body: expect.stringContaining('Inserat A4 hoch') });

		const children = await world.run({ resource: 'template', operation: 'getChildren', groupId: '16', returnAll: true });
		expect(children.items.map((item) => item.json.create_url)).toEqual([`${world.emulator.url}/edit/create/33`, `${world.emulator.url}/edit/create/34`]);

		const tree = await world.run({ resource: 'template', operation: 'getNested', flatten: true, includeGroups: true });
		const entries = tree.items.map((item) => item.json as any);
		expect(entries.filter((entry) => entry.type === 'group').every((entry) => entry.create_url === undefined)).toBe(true);
		expect(entries.find((entry) => entry.id === '40').create_url).toBeUndefined();
		expect(entries.find((entry) => entry.id === '35').create_url).toBe(`${world.emulator.url}/edit/create/35`);
	});

	test('the emulator\'s editor pages refuse ids that name nothing they could open', async () => {
		expect((await page(`${world.emulator.url}/edit/create/16`)).status).toBe(404);
		expect((await page(`${world.emulator.url}/edit/clone_from/51038`)).status).toBe(404);
		expect((await page(`${world.emulator.url}/translation/edit/51038`)).status).toBe(404);
	});

	describe('orders carry the links that apply to them', () => {
		const runAt = async (parameters: Record<string, unknown>, typeVersion: number) =>
			await world.harness.runNode({ type: 'papilio', parameters: { authentication: 'papilioApi', ...parameters } as never, credentials: ['papilioApi'], typeVersion });
		const templateOf = (id: number) => world.emulator.state.orders.find((order) => order.id === id)!.template;

		test.each([
			['full output (version 1)', 1],
			['Simplify on (version 1.1)', 1.1],
		])('Get, %s: create_url opens a new order from the order\'s template; a translation\'s translation_url opens its editor', async (_name, typeVersion) => {
			const original = await runAt({ resource: 'order', operation: 'get', orderId: orderById(51038) }, typeVersion);
			expect(original.error).toBeUndefined();
			const json = original.items[0].json as any;
			expect(json.remark === undefined).toBe(typeVersion > 1);
			expect(json.create_url).toBe(`${world.emulator.url}/edit/create/${templateOf(51038)}`);
			expect(await page(json.create_url)).toEqual({ status: 200, body: expect.stringContaining(`New order from template ${templateOf(51038)}: Inserat flexibel (Adsizer)`) });
			expect(json.translation_url).toBeUndefined();
			expect(json.clone_url).toBeUndefined();

			const translation = (await runAt({ resource: 'order', operation: 'get', orderId: orderById(51044) }, typeVersion)).items[0].json as any;
			// Simplify drops translation_of, not the link read from it.
			expect(translation.translation_of === undefined).toBe(typeVersion > 1);
			expect(translation.translation_url).toBe(`${world.emulator.url}/translation/edit/51044`);
			expect(await page(translation.translation_url)).toEqual({ status: 200, body: expect.stringContaining('Translation 51044 of order 51038') });
		});

		test('Get with the template expanded links to the template\'s id', async () => {
			const result = await world.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: { expand: ['template'] } });
			expect(result.items[0].json).toMatchObject({ template: { id: '33' }, create_url: `${world.emulator.url}/edit/create/33` });
		});

		test('Get Many and Search, with Simplify on and off: every order links to its template\'s create page', async () => {
			for (const typeVersion of [1, 1.1]) {
				const many = await runAt({ resource: 'order', operation: 'getMany', scope: 'all', year: 2013, returnAll: true }, typeVersion);
				const search = await runAt({ resource: 'order', operation: 'search', mode: 'or', filters: { title: 'Bebbi' }, returnAll: true }, typeVersion);
				for (const result of [many, search]) {
					expect(result.error).toBeUndefined();
					expect(result.items.length).toBeGreaterThan(0);
					for (const { json } of result.items as any[]) expect(json.create_url).toBe(`${world.emulator.url}/edit/create/${templateOf(Number(json.id))}`);
				}
			}
			const first = (await world.run({ resource: 'order', operation: 'getMany', scope: 'all', year: 2013, returnAll: true })).items[0].json as any;
			expect((await page(first.create_url)).status).toBe(200);
		});

		test('task lists: every order links to its template\'s create page', async () => {
			const layoutable = await world.run({ resource: 'task', operation: 'getLayoutable', returnAll: true });
			expect(layoutable.items.length).toBeGreaterThan(0);
			for (const { json } of layoutable.items as any[]) expect(json.create_url).toBe(`${world.emulator.url}/edit/create/${templateOf(Number(json.id))}`);
		});

		test('deleted orders keep their template link but get no translation link (papilio no longer opens them)', async () => {
			const deleted = world.emulator.addOrder({ title: 'Gelöschte Übersetzung', template: 33, translation_of: 51038, lang: 'fr' });
			deleted.deleted = true;
			const result = await world.run({ resource: 'order', operation: 'getMany', scope: 'deleted', returnAll: true });
			const json = byId(result.items, String(deleted.id));
			expect(json.translation_of).toBe('51038');
			expect(json.translation_url).toBeUndefined();
			expect(json.create_url).toBe(`${world.emulator.url}/edit/create/33`);
			expect((await page(`${world.emulator.url}/translation/edit/${deleted.id}`)).status).toBe(404);
		});
	});
});
