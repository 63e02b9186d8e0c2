import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PapilioTrigger } from '../../../nodes/Papilio/PapilioTrigger.node';
import { useWorld } from './world';

const world = useWorld({ nodes: { papilioTrigger: PapilioTrigger as never } });

const POSTAGE = 2;
const READY_TO_PRINT = 1 + 32 + 128;

async function poll(parameters: INodeParameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	const result = await world.harness.poll('papilioTrigger', {
		parameters: { authentication: 'papilioApi', ...parameters },
		credentials: ['papilioApi'],
		staticData,
		mode,
	});
	return (result?.[0] ?? []).map((item) => item.json);
}

/** n8n stores static data as JSON in its database: a restart gives back a copy, not the same object. */
const restart = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData));

describe('papilio trigger', () => {
	test('new printable orders: the first poll does not flood, each new order is emitted once, across restarts', async () => {
		let staticData: IDataObject = {};
		expect(await poll({ event: 'newPrintableOrder' }, staticData)).toEqual([]);
		expect(world.apiCalls('GET', '/api/v1/tasks/printable')[0]).toMatchObject({ status: 200, tokenIn: 'query' });
		expect(await poll({ event: 'newPrintableOrder' }, staticData)).toEqual([]);

		const added = world.emulator.addOrder({ title: 'Flyer Weihnachtsmarkt', status: READY_TO_PRINT, delivery: POSTAGE, recipient: 'Zunft zum Schlüssel', address: 'Freie Strasse 25\n4001 Basel', copies: 500, delivery_date: '2026-12-01' });
		staticData = restart(staticData);
		const emitted = await poll({ event: 'newPrintableOrder' }, staticData);
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({
			id: String(added.id),
			title: 'Flyer Weihnachtsmarkt',
			recipient: 'Zunft zum Schlüssel',
			address: 'Freie Strasse 25\n4001 Basel',
			copies: '500',
			delivery_date: '2026-12-01',
			status_flags: ['open', 'released', 'delivery_pending'],
		});

		staticData = restart(staticData);
		expect(await poll({ event: 'newPrintableOrder' }, staticData)).toEqual([]);
		const second = world.emulator.addOrder({ title: 'Plakat Fasnacht', status: READY_TO_PRINT, delivery: POSTAGE });
		const third = world.emulator.addOrder({ title: 'Flyer Fasnacht', status: READY_TO_PRINT, delivery: POSTAGE });
		world.emulator.addOrder({ title: 'Not printable (download)', status: READY_TO_PRINT, delivery: 1 });
		const both = await poll({ event: 'newPrintableOrder' }, restart(staticData));
		expect(both.map((order) => order.id)).toEqual([String(second.id), String(third.id)]);
	});

	test('Include Existing emits what is there on the first poll, once', async () => {
		const staticData: IDataObject = {};
		const first = await poll({ event: 'newPrintableOrder', options: { includeExisting: true } }, staticData);
		const printable = world.emulator.state.orders.filter((order) => order.status & 128 && order.delivery === 2 && !order.deleted);
		expect(first.map((order) => order.id).sort()).toEqual(printable.map((order) => String(order.id)).sort());
		expect(first.length).toBeGreaterThan(0);
		expect(await poll({ event: 'newPrintableOrder', options: { includeExisting: true } }, staticData)).toEqual([]);
	});

	test('manual mode ("Fetch Test Event") returns the newest item and does not change what was seen', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'newLayoutableOrder' }, staticData);
		const remembered = restart(staticData);
		const added = world.emulator.addOrder({ title: 'Inserat Layout neu', status: 1 + 4 });
		const manual = await poll({ event: 'newLayoutableOrder' }, staticData, 'manual');
		expect(manual.map((order) => order.id)).toEqual([String(added.id)]);
		expect(staticData).toEqual(remembered);
		// The active trigger still emits it.
		expect((await poll({ event: 'newLayoutableOrder' }, staticData)).map((order) => order.id)).toEqual([String(added.id)]);
	});

	test('order reached status: searches with the bitmask and emits an order when it gets the flags', async () => {
		const staticData: IDataObject = {};
		const parameters = { event: 'orderReachedStatus', statusFlags: ['released', 'delivered'] };
		expect(await poll(parameters, staticData)).toEqual([]);
		expect(world.apiCalls('GET', '/api/v1/orders/search/and')[0].query).toMatchObject({ status: '288' });

		const order = world.emulator.state.orders.find((candidate) => candidate.id === 51041)!;
		order.status |= 256;
		const afterRestart = restart(staticData);
		const emitted = await poll(parameters, afterRestart);
		expect(emitted.map((entry) => entry.id)).toEqual(['51041']);
		expect(emitted[0].status_flags).toEqual(expect.arrayContaining(['released', 'delivered']));
		expect(await poll(parameters, afterRestart)).toEqual([]);
	});

	test('new messages received', async () => {
		const staticData: IDataObject = {};
		expect(await poll({ event: 'newMessage' }, staticData)).toEqual([]);
		const message = world.emulator.addMessage({ title: 'Druckfreigabe erteilt', body: 'Bitte drucken', sender: 8 });
		world.emulator.addMessage({ title: 'Not for me', sender: 1, recipient: 12 });
		const emitted = await poll({ event: 'newMessage' }, restart(staticData));
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({ id: String(message.id), title: 'Druckfreigabe erteilt', sender: expect.objectContaining({ id: '8' }) });
		expect(world.apiCalls('GET', /^\/api\/v1\/messages\/received/).every((call) => call.tokenIn === 'query')).toBe(true);
	});

	test('changing the event starts afresh without flooding', async () => {
		const staticData: IDataObject = {};
		await poll({ event: 'newPrintableOrder' }, staticData);
		expect(await poll({ event: 'newTranslatableOrder' }, staticData)).toEqual([]);
		// n8n keeps a node's static data under node:<name>.
		expect(((staticData['node:Node'] as IDataObject).seen as IDataObject).key).toMatch(/^newTranslatableOrder/);
	});

	test('translatable orders carry the translation editor link, as in the node', async () => {
		const [newest] = await poll({ event: 'newTranslatableOrder' }, {}, 'manual');
		expect(newest.translation_url).toBe(`${world.emulator.url}/translation/edit/${newest.id}`);
		const [printable] = await poll({ event: 'newPrintableOrder' }, {}, 'manual');
		expect(printable.translation_url).toBeUndefined();
		// Every order links to a new order from its template, as in the node.
		const template = world.emulator.state.orders.find((order) => String(order.id) === printable.id)!.template;
		expect(printable.create_url).toBe(`${world.emulator.url}/edit/create/${template}`);
	});

	test('a missing permission is reported as papilio\'s forbidden error', async () => {
		world.emulator.state.users.find((user) => user.username === 'api-script')!.permissions = ['createOrders'];
		await expect(poll({ event: 'newPrintableOrder' }, {})).rejects.toThrow(/^The papilio user of this credential is not allowed to do this: /);
	});
});
