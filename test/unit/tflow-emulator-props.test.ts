/**
 * The tFLOW emulator's dynamic property definitions (GET prop/{entityType}) and its check of order/job
 * props against them, with the knobs for what the tFLOW documents leave open.
 */
import { createTflowEmulator, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../tools/emulators/tflow';

const emulator = createTflowEmulator();
let token = '';

async function call(method: string, path: string, json?: unknown) {
	const response = await fetch(new URL(path, emulator.url), {
		method,
		headers: { Authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
	await emulator.start();
	const response = await fetch(new URL('/oauth/access_token', emulator.url), {
		method: 'POST',
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET }),
	});
	token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(() => emulator.stop());
beforeEach(async () => {
	await emulator.reset();
	emulator.configure({ propsCheck: 'strict', propSelectValue: 'name', unknownPropEntity: 'notFound' });
});

describe('GET prop/{entityType}', () => {
	test('answers the definitions in the gem fixture\'s shape for orders and jobs', async () => {
		const order = await call('GET', '/api/v2/prop/order');
		expect(order.status).toBe(200);
		expect(order.body.find((definition: { name: string }) => definition.name === 'delivery')).toEqual({
			id: 10,
			input_type: 'select',
			name: 'delivery',
			display_name: 'Delivery',
			display_order: 100,
			js_validation_rules_proc: null,
			default_value: 'Courier',
			list_values: [
				{ id: 11, name: 'Pickup' },
				{ id: 12, name: 'Courier' },
				{ id: 13, name: 'Post' },
			],
		});
		const job = await call('GET', '/api/v2/prop/job');
		expect(job.body.map((definition: { input_type: string }) => definition.input_type)).toEqual(
			expect.arrayContaining(['text', 'textarea', 'select', 'multiselect']),
		);
	});

	test('an unknown entity type answers 404, or an empty list when configured; a token is needed', async () => {
		expect(await call('GET', '/api/v2/prop/widget')).toEqual({ status: 404, body: { error: true, messages: { entityType: ['Unknown entity type "widget"'] } } });
		expect((await call('GET', '/api/v2/prop/constructor')).status).toBe(404);
		emulator.configure({ unknownPropEntity: 'empty' });
		expect(await call('GET', '/api/v2/prop/widget')).toEqual({ status: 200, body: [] });
		const saved = token;
		token = 'nope';
		expect((await call('GET', '/api/v2/prop/job')).status).toBe(401);
		token = saved;
	});
});

describe('props on order/job create and update', () => {
	test('strict: unknown names and values outside a definition answer 400 per property; nothing is created', async () => {
		const answer = await call('POST', '/api/v2/job/create', {
			order_id: 1,
			ship_date: '2026-05-01',
			props: { papr: 'x', paper: 'Glossy', finishings: ['lamination', 'foil'], print_width: { mm: 85 }, quantity: 500 },
		});
		expect(answer).toEqual({
			status: 400,
			body: {
				error: true,
				messages: {
					'props.papr': ['Unknown property'],
					'props.paper': ['Not an allowed value'],
					'props.finishings': ['Must be a list of allowed values'],
					'props.print_width': ['Must be a string'],
				},
			},
		});
		expect(emulator.state.jobs.size).toBe(4);
		const update = await call('POST', '/api/v2/order/1/update', { props: { delivery: 'Pickup', product_types: ['Flyers'], paper: 'Silk 350 g/m²' } });
		expect(update).toMatchObject({ status: 400, body: { messages: { 'props.paper': ['Unknown property'] } } });
		expect(emulator.state.orders.get(1)?.props).toEqual({});
	});

	test('select values by name by default, by id or either when configured; propsCheck off takes anything', async () => {
		const byName = await call('POST', '/api/v2/order/1/update', { props: { delivery: 'Pickup', product_types: ['Flyers', 'Posters'] } });
		expect(byName.body.props).toEqual({ delivery: 'Pickup', product_types: ['Flyers', 'Posters'] });
		expect((await call('POST', '/api/v2/order/1/update', { props: { delivery: 11 } })).status).toBe(400);

		emulator.configure({ propSelectValue: 'id' });
		expect((await call('POST', '/api/v2/order/1/update', { props: { delivery: 11 } })).status).toBe(200);
		expect((await call('POST', '/api/v2/order/1/update', { props: { delivery: 'Pickup' } })).status).toBe(400);
		emulator.configure({ propSelectValue: 'nameOrId' });
		expect((await call('POST', '/api/v2/order/1/update', { props: { delivery: 'Pickup', product_types: [14, 'Banners'] } })).status).toBe(200);

		emulator.configure({ propsCheck: 'off' });
		const unchecked = await call('POST', '/api/v2/order/1/update', { props: { anything: { goes: true } } });
		expect(unchecked.status).toBe(200);
		expect(unchecked.body.props).toEqual({ anything: { goes: true } });
	});
});
