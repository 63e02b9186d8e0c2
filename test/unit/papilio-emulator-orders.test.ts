import { createHash } from 'node:crypto';
import { createPapilioEmulator, largeOrderBody, orderPdf, STATUS, type PapilioLogEntry } from '../../tools/emulators/papilio';
import { call, download, login } from '../../tools/emulators/papilio/client';

const emulator = createPapilioEmulator();
let admin: string;
let designer: string;

beforeAll(async () => {
	await emulator.start();
});
afterAll(() => emulator.stop());
beforeEach(async () => {
	emulator.reset();
	admin = (await login(emulator)).access_token;
	designer = (await login(emulator, 'designer', 'papilio-designer-password')).access_token;
});

const ids = (body: { orders: Array<{ id: string }> }) => body.orders.map((order) => order.id);
const order = (id: number) => emulator.state.orders.find((candidate) => candidate.id === id);

describe('GET /order/{id}', () => {
	it('answers the order with string numbers, as in the spec', async () => {
		const answer = await call(emulator, 'GET', '/order/51038', { token: admin });
		expect(answer.status).toBe(200);
		expect(answer.body.order).toMatchObject({
			id: '51038',
			title: 'Inserat Bebbi Jazz',
			preview: `${emulator.url}/data/4/orders/51038/live.jpg`,
			status: '288',
			owner: '1',
			template: '33',
			lang: 'de',
			quality: '300',
			color_space: 'cmyk',
			format: 'adsizer',
			dimension: { unit: 'mm', width: '138', height: '210' },
			created: '2013-03-12 16:13',
			pages: '1',
			pin: '37g6m',
			remark: 'This is my demo order',
			released_by: 8,
		});
		expect(answer.body.order.filesize).toBe(String(orderPdf(order(51038)!).length));
		expect(answer.body.order).not.toHaveProperty('reject_reason');
	});

	it('expands status, owner, template and released_by on request', async () => {
		const answer = await call(emulator, 'GET', '/order/51038', {
			token: admin,
			query: { status: 'true', owner: '1', template: 'true', released_by: 'true' },
		});
		const expanded = answer.body.order;
		expect(expanded.status).toEqual(['released', 'delivered']);
		expect(expanded.owner).toMatchObject({ id: '1', username: 'api-script', first_name: 'API' });
		expect(expanded.template).toMatchObject({ id: '33', parent: '16', languages: ['de', 'fr', 'it'], delivery: 'download' });
		expect(expanded.released_by).toMatchObject({ id: '8', first_name: 'Claudia', last_name: 'Keller' });
		expect(JSON.stringify(expanded)).not.toContain('password');

		const plain = await call(emulator, 'GET', '/order/51038', { token: admin, query: { status: 'false', owner: '0' } });
		expect(plain.body.order.status).toBe('288');
		expect(plain.body.order.owner).toBe('1');
	});

	it('answers bad_request for a non-boolean expand value and a non-numeric id', async () => {
		expect((await call(emulator, 'GET', '/order/51038', { token: admin, query: { owner: 'yes' } })).body.error).toBe('bad_request');
		const answer = await call(emulator, 'GET', '/order/abc', { token: admin });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('bad_request');
	});

	it('answers not_found for an unknown order and forbidden for another user order without editUsers', async () => {
		const missing = await call(emulator, 'GET', '/order/99999', { token: admin });
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ error: 'not_found', error_description: expect.stringContaining('99999') });
		const foreign = await call(emulator, 'GET', '/order/51038', { token: designer });
		expect(foreign.status).toBe(403);
		expect(foreign.body.error).toBe('forbidden');
		expect((await call(emulator, 'GET', '/order/51042', { token: designer })).status).toBe(200);
	});

	it('answers XML with format=xml', async () => {
		const answer = await call(emulator, 'GET', '/order/51038', { token: admin, query: { format: 'xml' } });
		expect(answer.headers.get('content-type')).toContain('application/xml');
		expect(answer.text).toContain('<response><order><id>51038</id><title>Inserat Bebbi Jazz</title>');
	});
});

describe('POST /order/{id}', () => {
	it('sets the title, flags and delivery from a form body', async () => {
		const answer = await call(emulator, 'POST', '/order/51051', {
			token: admin,
			form: { title: 'Inserat Konzert (neu)', set_flag: String(STATUS.control), delivery: '2' },
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ success: 'true' });
		expect(order(51051)).toMatchObject({ title: 'Inserat Konzert (neu)', status: STATUS.open | STATUS.control, delivery: 2 });

		await call(emulator, 'POST', '/order/51051', { token: admin, json: { unset_flag: STATUS.open } });
		expect(order(51051)!.status).toBe(STATUS.control);
		await call(emulator, 'POST', '/order/51051', { token: admin, query: { status: '288' } });
		expect(order(51051)!.status).toBe(288);
		expect(order(51051)!.released).not.toBeNull();
		expect(order(51051)!.delivered).not.toBeNull();
	});

	it('validates every argument before changing anything', async () => {
		const before = { ...order(51051)! };
		const invalid: Array<Record<string, string>> = [{}, { title: ' ' }, { status: '4096' }, { set_flag: 'x' }, { delivery: '3' }, { title: 'ok', unset_flag: '-1' }];
		for (const form of invalid) {
			const answer = await call(emulator, 'POST', '/order/51051', { token: admin, form });
			expect(answer.status).toBe(400);
			expect(answer.body.error).toBe('bad_request');
		}
		expect(order(51051)).toEqual(before);
	});

	it('requires editUsers for status changes and editUserOrders for other users orders', async () => {
		const ownStatus = await call(emulator, 'POST', '/order/51042', { token: designer, form: { set_flag: '8' } });
		expect(ownStatus.status).toBe(403);
		expect(ownStatus.body.error_description).toContain('editUsers');
		expect((await call(emulator, 'POST', '/order/51042', { token: designer, form: { title: 'Neu' } })).status).toBe(200);
		expect((await call(emulator, 'POST', '/order/51051', { token: designer, form: { title: 'Fremd' } })).status).toBe(403);
		expect(order(51051)!.title).toBe('Inserat Konzert Stadtcasino');
	});
});

describe('DELETE /order/{id}', () => {
	it('really deletes an order that only has the open flag', async () => {
		const answer = await call(emulator, 'DELETE', '/order/51051', { token: admin });
		expect(answer.body).toEqual({ success: 'true' });
		expect(order(51051)).toBeUndefined();
		expect((await call(emulator, 'GET', '/order/51051', { token: admin })).status).toBe(404);
	});

	it('sets the deleted flag of a delivered order, which then shows in /orders/deleted only', async () => {
		expect((await call(emulator, 'DELETE', '/order/51038', { token: admin })).body).toEqual({ success: 'true' });
		expect(order(51038)!.deleted).toBe(true);
		expect((await call(emulator, 'GET', '/order/51038', { token: admin })).status).toBe(404);
		expect(ids((await call(emulator, 'GET', '/orders', { token: admin })).body)).not.toContain('51038');
		const deleted = await call(emulator, 'GET', '/orders/deleted', { token: admin, query: { status: 'true' } });
		expect(ids(deleted.body)).toEqual(['51038', '51049']);
		expect(deleted.body.orders[0].status).toEqual(['released', 'delivered', 'deleted']);
	});

	it.each([
		['open and rejected', 51046],
		['released and waiting for print', 51041],
		['open and in layout', 51043],
	])('forbids deleting an order that is %s', async (_case, id) => {
		const answer = await call(emulator, 'DELETE', `/order/${id}`, { token: admin });
		expect(answer.status).toBe(403);
		expect(answer.body.error).toBe('forbidden');
		expect(answer.body.error_description).toContain('delivered');
		expect(order(id)!.deleted).toBe(false);
	});

	it('forbids deleting other users orders without editUserOrders', async () => {
		expect((await call(emulator, 'DELETE', '/order/51051', { token: designer })).status).toBe(403);
		expect(order(51051)).toBeDefined();
	});
});

describe('order lists', () => {
	it('/orders lists the completed, not deleted orders of the current user', async () => {
		const mine = await call(emulator, 'GET', '/orders', { token: admin });
		expect(mine.body).toEqual({ count: 4, orders: expect.any(Array) });
		expect(ids(mine.body)).toEqual(['51038', '51041', '51047', '51048']);
		const theirs = await call(emulator, 'GET', '/orders', { token: designer, query: { owner: 'true' } });
		expect(ids(theirs.body)).toEqual(['51040', '51050']);
		expect(theirs.body.orders[0].owner.username).toBe('designer');
	});

	it('/orders/all/{year} lists completed orders of all users created that year (default: this year)', async () => {
		const year2024 = await call(emulator, 'GET', '/orders/all/2024', { token: admin });
		expect(ids(year2024.body)).toEqual(['51040']);
		const thisYear = await call(emulator, 'GET', '/orders/all', { token: admin });
		const expected = emulator.state.orders
			.filter((o) => o.created.startsWith(String(new Date().getUTCFullYear())) && !(o.status & STATUS.open) && !o.deleted && !o.example_of)
			.map((o) => String(o.id));
		expect(ids(thisYear.body)).toEqual(expected);
		expect(expected.length).toBeGreaterThan(0);
		expect((await call(emulator, 'GET', '/orders/all/20x4', { token: admin })).status).toBe(400);
		expect((await call(emulator, 'GET', '/orders/all/2024', { token: designer })).status).toBe(403);
	});

	it('/orders/deleted requires editClients', async () => {
		expect((await call(emulator, 'GET', '/orders/deleted', { token: designer })).body.error).toBe('forbidden');
	});
});

describe('GET /orders/search/{mode}', () => {
	const search = (query: Record<string, string>, mode = 'and') => call(emulator, 'GET', `/orders/search/${mode}`, { token: admin, query });

	it('matches orders having all bits of status and none of status_not', async () => {
		expect(ids((await search({ status: '288' })).body)).toEqual(['51038', '51047', '51048', '51050']);
		expect(ids((await search({ status: '288', status_not: '64' })).body)).toEqual(['51038', '51047', '51050']);
		expect(ids((await search({ status_not: String(STATUS.open | STATUS.released) })).body)).toEqual([]);
		expect(ids((await search({ status: String(STATUS.layout) })).body)).toEqual(['51043']);
	});

	it('matches a partial title case-insensitively and combines filters with and/or', async () => {
		expect(ids((await search({ title: 'bebbi' })).body)).toEqual(['51038', '51044']);
		expect(ids((await search({ title: 'bebbi', lang: 'fr' })).body)).toEqual(['51044']);
		expect(ids((await search({ title: 'bebbi', lang: 'it' }, 'or')).body)).toEqual(['51038', '51044', '51050']);
		expect(ids((await search({ owner: '12', format: 'manual' })).body)).toEqual(['51043']);
		expect(ids((await search({ template: '40', quality: '300', color_space: 'cmyk' })).body)).toEqual(['51040', '51045']);
	});

	it('compares dates on the date part, with exact, _before and _after', async () => {
		expect(ids((await search({ created: '2013-03-12' })).body)).toEqual(['51038']);
		expect(ids((await search({ created_before: '2023-03-01' })).body)).toEqual(['51038', '51048']);
		expect(ids((await search({ created_after: '2023-03-01', created_before: '2024-12-31' })).body)).toEqual(['51040']);
		expect(ids((await search({ delivered_after: '2022-12-01', delivered_before: '2023-12-31' })).body)).toEqual(['51047']);
		expect(ids((await search({ released: '2022-11-30' })).body)).toEqual(['51048']);
	});

	it('answers bad_request for a bad mode, date, number or enum', async () => {
		for (const [query, mode] of [
			[{ created: '12.03.2013' }, 'and'],
			[{ status: 'open' }, 'and'],
			[{ color_space: 'cmyk2' }, 'and'],
			[{ format: 'pdf' }, 'and'],
			[{ title: 'x' }, 'xor'],
		] as Array<[Record<string, string>, string]>) {
			const answer = await search(query, mode);
			expect(answer.status).toBe(400);
			expect(answer.body.error).toBe('bad_request');
		}
	});

	it('defaults to "and" and requires editUsers', async () => {
		const answer = await call(emulator, 'GET', '/orders/search', { token: admin, query: { title: 'bebbi', lang: 'fr' } });
		expect(ids(answer.body)).toEqual(['51044']);
		expect((await call(emulator, 'GET', '/orders/search/and', { token: designer })).status).toBe(403);
	});

	it('sees orders added through the control interface', async () => {
		const added = await fetch(`${emulator.url}/__control/orders`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ title: 'Flyer Weihnachtsmarkt', status: '160', owner: 'designer', template: '41' }),
		});
		const record = (await added.json()) as { id: number };
		expect(record.id).toBe(51052);
		expect(order(51052)).toMatchObject({ owner: 12, status: 160, template: 41 });
		expect(ids((await search({ title: 'weihnachtsmarkt' })).body)).toEqual(['51052']);
	});
});

describe('tasks', () => {
	it('lists layoutable, printable (with delivery fields) and translatable orders', async () => {
		expect(ids((await call(emulator, 'GET', '/tasks/layoutable', { token: admin })).body)).toEqual(['51043']);

		const printable = await call(emulator, 'GET', '/tasks/printable', { token: admin });
		expect(ids(printable.body)).toEqual(['51040', '51041']);
		expect(printable.body.orders[0]).toMatchObject({
			recipient: 'Hans Müller, Müller Treuhand AG',
			address: 'Freie Strasse 12\n4001 Basel\nSchweiz',
			delivery_date: '2024-05-20',
			copies: '250',
		});

		const translatable = await call(emulator, 'GET', '/tasks/translatable', { token: admin });
		expect(ids(translatable.body)).toEqual(['51044']);
		expect(translatable.body.orders[0]).toMatchObject({ owner: null, translation_of: '51038', lang: 'fr' });
	});

	it('lists completed orders of the current user or, with editUsers, another one', async () => {
		expect(ids((await call(emulator, 'GET', '/tasks/completed', { token: admin })).body)).toEqual(['51047', '51048', '51050']);
		expect(ids((await call(emulator, 'GET', '/tasks/completed/8', { token: admin })).body)).toEqual(['51038']);
		expect(ids((await call(emulator, 'GET', '/tasks/completed/controller', { token: admin })).body)).toEqual(['51038']);
		expect((await call(emulator, 'GET', '/tasks/completed/1', { token: designer })).status).toBe(403);
		expect((await call(emulator, 'GET', '/tasks/completed/nobody', { token: admin })).status).toBe(404);
	});

	it('requires the task permissions', async () => {
		for (const task of ['layoutable', 'printable', 'translatable']) {
			const answer = await call(emulator, 'GET', `/tasks/${task}`, { token: designer });
			expect(answer.status).toBe(403);
			expect(answer.body.error).toBe('forbidden');
		}
	});
});

describe('messages', () => {
	it('lists received messages with the sender and sent ones with the recipient', async () => {
		const received = await call(emulator, 'GET', '/messages/received/', { token: admin });
		expect(received.body.count).toBe(2);
		expect(received.body.messages.map((m: { id: string }) => m.id)).toEqual(['2460', '2462']);
		expect(received.body.messages[0]).toMatchObject({
			title: 'Auftrag 51045 wartet auf Freigabe',
			sent: true,
			read: false,
			sender: { id: '8', first_name: 'Claudia' },
		});
		expect(received.body.messages[0]).not.toHaveProperty('recipient');

		const sent = await call(emulator, 'GET', '/messages/sent', { token: admin });
		expect(sent.body.messages).toEqual([expect.objectContaining({ id: '2461', recipient: expect.objectContaining({ id: '12' }) })]);
		expect((await call(emulator, 'GET', '/messages/received/designer', { token: admin })).body.count).toBe(1);
		expect((await call(emulator, 'GET', '/messages/received/1', { token: designer })).status).toBe(403);
	});

	it('marks own messages read and forbids others', async () => {
		expect((await call(emulator, 'POST', '/messages/read/2460', { token: admin })).body).toEqual({ success: 'true' });
		expect(emulator.state.messages.find((m) => m.id === 2460)!.read).toBe(true);
		const foreign = await call(emulator, 'POST', '/messages/read/2463', { token: admin });
		expect(foreign.status).toBe(403);
		expect(foreign.body.error).toBe('forbidden');
		expect(emulator.state.messages.find((m) => m.id === 2463)!.read).toBe(false);
		expect((await call(emulator, 'POST', '/messages/read/1', { token: admin })).status).toBe(404);
	});

	it('shows messages added through the control interface', async () => {
		await fetch(`${emulator.url}/__control/messages`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ title: 'Neu', sender: 'designer', recipient: 'api-script' }),
		});
		const received = await call(emulator, 'GET', '/messages/received', { token: admin });
		expect(received.body.messages[0]).toMatchObject({ id: '2464', title: 'Neu', sender: { id: '12' } });
	});
});

describe('templates', () => {
	it('answers a template, not_found for inactive ones and forbidden for hidden ones', async () => {
		const answer = await call(emulator, 'GET', '/template/34', { token: admin });
		expect(answer.body).toEqual({
			template: {
				id: '34',
				title: 'Inserat A4 hoch',
				preview: `${emulator.url}/data/4/preview/t_34_preview.jpg`,
				dimension: { unit: 'mm', width: '210', height: '297' },
				parent: '16',
				order: '2',
				pages: '1',
				languages: ['de', 'fr', 'it'],
				quality: ['150', '300'],
				color_space: ['gray', 'cmyk'],
				delivery: 'download',
				price: '0',
			},
		});
		expect((await call(emulator, 'GET', '/template/42', { token: admin })).status).toBe(404);
		expect((await call(emulator, 'GET', '/template/8', { token: admin })).status).toBe(404);
		expect((await call(emulator, 'GET', '/template/36', { token: admin })).status).toBe(200);
		expect((await call(emulator, 'GET', '/template/36', { token: designer })).body.error).toBe('forbidden');
	});

	it('answers the nested tree in the spec format: groups as [group, [children]], templates as objects', async () => {
		const { nested } = (await call(emulator, 'GET', '/templates/nested', { token: admin })).body;
		const shape = (items: unknown[]): unknown[] =>
			items.map((item) => (Array.isArray(item) ? [`group ${item[0].id}`, shape(item[1])] : `template ${(item as { id: string }).id}`));
		expect(shape(nested)).toEqual([
			['group 8', [['group 16', ['template 33', 'template 34']], 'template 35']],
			['group 9', ['template 40', 'template 41']],
			'template 36',
		]);
		expect(nested[0][0]).toEqual({
			id: '8',
			title: 'Inserate',
			status: '2',
			order: '0',
			type: 'group',
			multiprev: '0',
			examples: '0',
			preview: '/data/4/preview/g_8',
		});
		const designerTree = (await call(emulator, 'GET', '/templates/nested', { token: designer })).body.nested;
		expect(JSON.stringify(designerTree)).not.toContain('"id":"36"');
	});

	it('lists children of the root or a group with breadcrumbs', async () => {
		const root = (await call(emulator, 'GET', '/templates/children', { token: admin })).body;
		expect(root.children.map((c: { id: string }) => c.id)).toEqual(['8', '9', '36']);
		expect(root.parents).toEqual([]);
		const sub = (await call(emulator, 'GET', '/templates/children/16', { token: admin })).body;
		expect(sub).toMatchObject({ count: 2, parents: [{ id: '8', title: 'Inserate' }, { id: '16', title: 'Zeitungsinserate' }] });
		expect(sub.children.map((c: { id: string; type: string }) => `${c.type} ${c.id}`)).toEqual(['template 33', 'template 34']);
		expect((await call(emulator, 'GET', '/templates/children/33', { token: admin })).status).toBe(404);
	});

	it('lists example publications in the requested or the user language', async () => {
		const german = (await call(emulator, 'GET', '/templates/examples/40', { token: admin })).body;
		expect(ids(german)).toEqual(['50101', '50103']);
		expect(ids((await call(emulator, 'GET', '/templates/examples/40/fr', { token: admin })).body)).toEqual(['50102']);
		expect((await call(emulator, 'GET', '/templates/children', { token: admin })).body.children[1].examples).toBe('0');
		expect((await call(emulator, 'GET', '/templates/children/9', { token: admin })).body.children[0].examples).toBe('1');
	});

	it('searches templates, the children of matching groups and examples', async () => {
		const byGroup = (await call(emulator, 'GET', '/templates/search/drucksachen', { token: admin })).body;
		expect(byGroup.templates.map((t: { id: string }) => t.id)).toEqual(['9', '40', '41']);
		const byExample = (await call(emulator, 'GET', `/templates/search/${encodeURIComponent('visitenkarte')}`, { token: admin })).body;
		expect(byExample.templates.map((t: { id: string }) => t.id)).toEqual(['40']);
		expect(ids({ orders: byExample.examples })).toEqual(['50101', '50103']);
		expect(byExample.count).toBe(3);
	});

	it('requires createOrders for the template lists', async () => {
		const noRights = emulator.state.users.find((user) => user.username === 'designer')!;
		noRights.permissions = [];
		for (const path of ['/templates/nested', '/templates/children', '/templates/examples/40']) {
			expect((await call(emulator, 'GET', path, { token: designer })).body.error).toBe('forbidden');
		}
	});
});

describe('PDFs and PINs', () => {
	it('serves a deterministic inline preview PDF', async () => {
		const first = await download(emulator, '/order/preview/51038', admin);
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('application/pdf');
		expect(first.headers.get('content-disposition')).toMatch(/^inline/);
		const bytes = Buffer.from(await first.arrayBuffer());
		expect(bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
		expect(bytes.toString('latin1')).toContain('72 dpi preview of order 51038');
		const second = Buffer.from(await (await download(emulator, '/order/preview/51038', admin)).arrayBuffer());
		expect(second.equals(bytes)).toBe(true);
	});

	it('renders PDFs whose xref table points at their objects', () => {
		for (const record of emulator.state.orders) {
			const pdf = orderPdf(record).toString('latin1');
			const startXref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
			expect(pdf.slice(startXref, startXref + 4)).toBe('xref');
			const offsets = [...pdf.slice(startXref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
			expect(offsets).toHaveLength(6);
			offsets.forEach((offset, index) => expect(pdf.slice(offset, offset + 7)).toBe(`${index + 1} 0 obj`));
			const length = Number(/\/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
			const streamStart = pdf.indexOf('stream\n') + 'stream\n'.length;
			expect(pdf.slice(streamStart + length, streamStart + length + 10)).toBe('\nendstream');
		}
	});

	it('answers internal_server_error for an order that cannot be rendered', async () => {
		order(51051)!.renderable = false;
		const answer = await call(emulator, 'GET', '/order/preview/51051', { token: admin });
		expect(answer.status).toBe(500);
		expect(answer.body.error).toBe('internal_server_error');
	});

	it('streams the order download as an attachment with the spec headers', async () => {
		const response = await download(emulator, '/order/download/51040', admin);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(response.headers.get('content-transfer-encoding')).toBe('binary');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="order_51040.pdf"');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
		expect(bytes.equals(orderPdf(order(51040)!))).toBe(true);
		expect(bytes.toString('latin1')).toContain('Visitenkarte M\xfcller');
		expect(bytes.toString('latin1')).toMatch(/%%EOF\n$/);
	});

	it('forbids downloading open orders and other users orders without editUsers', async () => {
		const open = await call(emulator, 'GET', '/order/download/51051', { token: admin });
		expect(open.status).toBe(403);
		expect(open.body.error).toBe('forbidden');
		expect((await call(emulator, 'GET', '/order/download/51038', { token: designer })).status).toBe(403);
		expect((await download(emulator, '/order/download/51040', designer)).status).toBe(200);
		expect((await download(emulator, '/order/download/51043', admin)).status).toBe(200);
	});

	it('streams a large deterministic body with its Content-Length', async () => {
		const size = 24 * 1024 * 1024 + 123;
		order(51038)!.downloadSize = size;
		const response = await download(emulator, '/order/download/51038', admin);
		expect(response.headers.get('content-length')).toBe(String(size));
		const received = createHash('sha256');
		let length = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			received.update(chunk);
			length += chunk.length;
		}
		const expected = createHash('sha256');
		for await (const chunk of largeOrderBody(51038, size)) expected.update(chunk);
		expect(length).toBe(size);
		expect(received.digest('hex')).toBe(expected.digest('hex'));
		const meta = await call(emulator, 'GET', '/order/51038', { token: admin });
		expect(meta.body.order.filesize).toBe(String(size));
	});

	it('applies downloadSizeBytes to every download', async () => {
		emulator.config.downloadSizeBytes = 1000;
		const response = await download(emulator, '/order/download/51040', admin);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBe(1000);
		expect(bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
	});

	it('creates, serves and deletes a PIN', async () => {
		const created = await call(emulator, 'POST', '/order/pin/51040', { token: admin });
		expect(created.body).toEqual({ pin: expect.stringMatching(/^[a-z0-9]{5}$/), path: `${emulator.url}/pin/` });
		expect((await call(emulator, 'POST', '/order/pin/51040', { token: admin })).body.pin).toBe(created.body.pin);

		const byPin = await download(emulator, `/order/pin/${created.body.pin}`, designer);
		expect(byPin.status).toBe(200);
		expect(byPin.headers.get('content-disposition')).toBe('attachment; filename="order_51040.pdf"');
		expect(Buffer.from(await byPin.arrayBuffer()).equals(orderPdf(order(51040)!))).toBe(true);

		expect((await call(emulator, 'DELETE', '/order/pin/51040', { token: admin })).body).toEqual({ success: 'true' });
		const gone = await call(emulator, 'GET', `/order/pin/${created.body.pin}`, { token: admin });
		expect(gone.status).toBe(404);
		expect(gone.body.error).toBe('not_found');
	});

	it('answers bad_request for a malformed PIN and needs an access token', async () => {
		const malformed = await call(emulator, 'GET', '/order/pin/ABC', { token: admin });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error).toBe('bad_request');
		expect((await call(emulator, 'GET', '/order/pin/37g6m')).status).toBe(401);
		expect((await download(emulator, '/order/pin/37g6m', admin)).status).toBe(200);
	});

	it('requires editUsers to set or delete PINs of other users orders', async () => {
		expect((await call(emulator, 'POST', '/order/pin/51038', { token: designer })).status).toBe(403);
		expect((await call(emulator, 'DELETE', '/order/pin/51038', { token: designer })).status).toBe(403);
		expect(order(51038)!.pin).toBe('37g6m');
	});
});

describe('errors and faults', () => {
	it('answers not_implemented for unknown methods and method_not_allowed for a wrong HTTP method', async () => {
		const unknown = await call(emulator, 'GET', '/orders/everything/at/once', { token: admin });
		expect(unknown.status).toBe(501);
		expect(unknown.body.error).toBe('not_implemented');
		const wrongMethod = await call(emulator, 'PUT', '/order/51038', { token: admin });
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.body).toEqual({ error: 'method_not_allowed', error_description: expect.stringContaining('GET') });
		expect((await call(emulator, 'GET', '/messages/read/2460', { token: admin })).status).toBe(405);
	});

	it('answers an injected framework error as a non-JSON httperror body', async () => {
		emulator.addFrameworkError({ status: 404, path: '^/api/v1/order/' });
		const answer = await call(emulator, 'GET', '/order/51038', { token: admin });
		expect(answer.status).toBe(404);
		expect(answer.headers.get('content-type')).toContain('text/html');
		expect(answer.text).toBe('httperror404 Not Found');
		expect((await call(emulator, 'GET', '/order/51038', { token: admin })).status).toBe(200);

		await fetch(`${emulator.url}/__control/framework-errors`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ status: 500, method: 'GET', times: 2 }),
		});
		expect((await call(emulator, 'GET', '/orders', { token: admin })).text).toBe('httperror500 Internal Server Error');
		expect((await call(emulator, 'GET', '/orders', { token: admin })).status).toBe(500);
		expect((await call(emulator, 'GET', '/orders', { token: admin })).status).toBe(200);
	});

	it('applies the common fault injection (status with Retry-After, dropped connection) to API routes', async () => {
		emulator.server.addFault({ kind: 'status', path: '^/api/v1/orders$', status: 503, headers: { 'Retry-After': '1' }, body: { error: 'internal_server_error', error_description: 'busy' } });
		const busy = await call(emulator, 'GET', '/orders', { token: admin });
		expect(busy.status).toBe(503);
		expect(busy.headers.get('retry-after')).toBe('1');
		expect(busy.body.error_description).toBe('busy');

		emulator.server.addFault({ kind: 'drop', method: 'POST', path: '/order/51051' });
		await expect(call(emulator, 'POST', '/order/51051', { token: admin, form: { title: 'lost' } })).rejects.toThrow();
		expect(order(51051)!.title).toBe('Inserat Konzert Stadtcasino');
		const entries = emulator.server.requests('POST', '/api/v1/order/51051') as PapilioLogEntry[];
		expect(entries.map((entry) => entry.fault)).toEqual(['drop']);
	});

	it('cuts a download in the middle with a dropMidResponse fault', async () => {
		emulator.server.addFault({ kind: 'dropMidResponse', path: '/order/download/' });
		const response = await download(emulator, '/order/download/51040', admin);
		expect(response.status).toBe(200);
		await expect(response.arrayBuffer()).rejects.toThrow();
	});
});
