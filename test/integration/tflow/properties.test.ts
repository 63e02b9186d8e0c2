/**
 * tFLOW dynamic properties (props) on order/job create and update: the property names come from the
 * instance's definitions (GET prop/{entityType}), values are checked against the definition's type
 * before anything is sent, the definitions are read once per execution, and workflows saved with
 * free-text names keep running.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

const SHIP_DATE = '2026-05-01T12:00:00+02:00';

const loadOptions = async (method: string, parameters: Record<string, unknown>) =>
	await tflow.harness.loadOptions('tflow', method, parameters as never, ['tflowApi']);

function jobCreate(props: INodeParameters, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'job',
		operation: 'create',
		orderId: byId(1),
		shipDate: SHIP_DATE,
		propsInputMode: 'keyValue',
		props: { property: Object.entries(props).map(([name, value]) => ({ name, value })) },
		assignmentsInputMode: 'keyValue',
		additionalFields: {},
		...extra,
	};
}

describe('the property dropdown', () => {
	test('offers the instance\'s order definitions for orders and its job definitions for jobs, with display name and type', async () => {
		const orderOptions = await loadOptions('getPropertyDefinitions', { resource: 'order', operation: 'create' });
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/prop/order']);
		expectBearer(tflow.apiCalls(), tflow.token());
		expect(orderOptions.map((option) => option.value)).toEqual([
			'sales_rep',
			'rep_name',
			'pm_name',
			'mis_job_number',
			'mis_contact',
			'quantity',
			'shipping_address',
			'phone_contact',
			'email_contact',
			'delivery',
			'product_types',
		]);
		expect(orderOptions.find((option) => option.value === 'delivery')).toEqual({
			name: 'Delivery',
			value: 'delivery',
			description: 'Delivery (delivery) · select: Pickup, Courier, Post',
		});
		expect(orderOptions.find((option) => option.value === 'shipping_address')?.description).toBe('Shipping Address (shipping_address) · textarea');

		tflow.emulator.server.clearLog();
		const jobOptions = await loadOptions('getPropertyDefinitions', { resource: 'job', operation: 'update' });
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/prop/job']);
		expect(jobOptions.map((option) => option.value)).toContain('print_width');
		expect(jobOptions.map((option) => option.value)).not.toContain('delivery');
		expect(jobOptions.find((option) => option.value === 'finishings')).toEqual({
			name: 'Finishings',
			value: 'finishings',
			description: 'Finishings (finishings) · multiselect: lamination, die_cut, rounded_corners, eyelets, Fold, then cut',
		});
	});

	test('follows the instance: a definition added there is offered, in display order', async () => {
		const definitions = tflow.emulator.state.propDefinitions.get('job')!;
		tflow.emulator.state.propDefinitions.set('job', [
			{ ...definitions[0], id: 999, name: 'coating', display_name: 'Coating', display_order: 1, input_type: 'select', list_values: [{ id: 1, name: 'UV' }] },
			...definitions,
		]);
		const options = await loadOptions('getPropertyDefinitions', { resource: 'job', operation: 'create' });
		expect(options[0]).toEqual({ name: 'Coating', value: 'coating', description: 'Coating (coating) · select: UV' });
	});
});

describe('values checked against their definition', () => {
	test('job create: text, textarea, select by name or ID and multiselect (list, IDs, JSON array) arrive as tFLOW stores them', async () => {
		const result = await tflow.run(
			jobCreate({
				print_width: '={{ $json.width }}',
				shipping_address: 'Acme Bakery\nMain Street 1',
				paper: 'Gloss 170 g/m²',
				finishings: 'lamination, 1017',
			}),
			[{ json: { width: 85 } }],
		);
		expect(result.error).toBeUndefined();
		const [call] = tflow.apiCalls('POST', '/api/v2/job/create');
		expectBearer([call], tflow.token());
		expect(call.body.props).toEqual({
			print_width: '85',
			shipping_address: 'Acme Bakery\nMain Street 1',
			paper: 'Gloss 170 g/m²',
			finishings: ['lamination', 'eyelets'],
		});
		expect(result.items[0].json.props).toEqual(call.body.props);

		const byIds = await tflow.run(jobCreate({ paper: '1013', finishings: '["die_cut", 1016]' }));
		expect(byIds.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/create')[1].body.props).toEqual({
			paper: 'Uncoated 120 g/m²',
			finishings: ['die_cut', 'rounded_corners'],
		});
	});

	test('a multiselect value whose name holds a comma, given by name, is sent whole (issue 22 §5)', async () => {
		const result = await tflow.run(jobCreate({ finishings: '={{ $json.finishings }}' }), [{ json: { finishings: 'Fold, then cut' } }, { json: { finishings: 'lamination, Fold, then cut' } }]);
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/create').map((call) => call.body.props)).toEqual([
			{ finishings: ['Fold, then cut'] },
			{ finishings: ['lamination', 'Fold, then cut'] },
		]);
		expect(tflow.emulator.state.jobs.get(5)?.props).toEqual({ finishings: ['Fold, then cut'] });
	});

	test('order update in JSON mode: a real list from an expression for a multiselect, a select ID, text as text', async () => {
		const result = await tflow.run({
			resource: 'order',
			operation: 'update',
			orderId: byId(1),
			updateFields: {},
			propsInputMode: 'json',
			propsJson: '={{ { product_types: ["Flyers", "Posters"], delivery: 13, quantity: 250 } }}',
			assignmentsInputMode: 'keyValue',
		});
		expect(result.error).toBeUndefined();
		const [call] = tflow.apiCalls('POST', '/api/v2/order/1/update');
		expect(call.body).toEqual({ props: { product_types: ['Flyers', 'Posters'], delivery: 'Post', quantity: '250' } });
		expect(tflow.emulator.state.orders.get(1)?.props).toEqual({ product_types: ['Flyers', 'Posters'], delivery: 'Post', quantity: '250' });
		expect(tflow.apiCalls('GET', '/api/v2/prop/order')).toHaveLength(1);
		expect(tflow.apiCalls('GET', '/api/v2/prop/job')).toHaveLength(0);
	});

	test.each([
		['text given an object', { propsInputMode: 'json', propsJson: '{"print_width": {"mm": 85}}' }, 'propsJson.print_width: must be text (text), got {"mm":85} (item 0)'],
		['textarea given a list', { propsInputMode: 'json', propsJson: '{"shipping_address": ["Main Street 1"]}' }, 'propsJson.shipping_address: must be text (textarea), got ["Main Street 1"] (item 0)'],
		['select given a value it does not offer', jobCreate({ paper: 'Glossy' }), 'props.paper: "Glossy" is not one of its values (select) (item 0)'],
		['multiselect with one value it does not offer', jobCreate({ finishings: 'lamination, foil' }), 'props.finishings: "foil" is not one of its values (multiselect) (item 0)'],
		['a property name from an expression the instance does not define', jobCreate({ '={{ "papr" }}': 'Silk 350 g/m²' }), 'props: "papr" is not a property of tFLOW jobs (item 0)'],
		['an order property on a job', jobCreate({ delivery: 'Pickup' }), 'props: "delivery" is not a property of tFLOW jobs (item 0)'],
	])('%s is refused before anything is sent', async (_case, parameters, message) => {
		const result = await tflow.run({ ...jobCreate({}), ...parameters });
		expect(result.error?.message).toBe(message);
		expect(result.error?.name).toBe('NodeOperationError');
		// Only the definitions were read: nothing was created or changed.
		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/prop/job']);
		expect(tflow.emulator.state.jobs.size).toBe(4);
	});

	test('the hint lists the properties the instance defines', async () => {
		const result = await tflow.run(jobCreate({ papr: 'x' }));
		expect(result.error?.description).toContain('This tFLOW instance defines these job properties: print_width, print_height,');
		const select = await tflow.run(jobCreate({ paper: 'x' }));
		expect(select.error?.description).toBe('Use one of: Silk 350 g/m², Gloss 170 g/m², Uncoated 120 g/m² (their names or IDs).');
	});

	test('input that is wrong without asking tFLOW is refused with nothing sent, not even a token request', async () => {
		const result = await tflow.run(jobCreate({ paper: 'Glossy' }, { shipDate: 'next week' }));
		expect(result.error?.message).toBe('shipDate: "next week" is not an ISO 8601 date (item 0)');
		expect(tflow.emulator.server.requests()).toHaveLength(0);
		const json = await tflow.run(jobCreate({}, { propsInputMode: 'json', propsJson: '{"paper": "Glossy"', assignmentsInputMode: 'json', assignmentsJson: '{}' }));
		expect(json.error?.message).toMatch(/^propsJson: is not valid JSON/);
		expect(tflow.emulator.server.requests()).toHaveLength(0);
	});

	test('a bad value in the third item stops the node before the first item creates anything', async () => {
		const result = await tflow.run(jobCreate({ paper: '={{ $json.paper }}' }), [
			{ json: { paper: 'Silk 350 g/m²' } },
			{ json: { paper: '1012' } },
			{ json: { paper: 'Matt' } },
		]);
		expect(result.error?.message).toBe('props.paper: "Matt" is not one of its values (select) (item 2)');
		expect(tflow.apiCalls('POST')).toHaveLength(0);
	});

	test('the emulator refuses what the node would not send (strict by default), and can be told not to check', async () => {
		tflow.emulator.configure({ propsCheck: 'strict' });
		const refused = await tflow.run({ ...jobCreate({}), propsInputMode: 'json', propsJson: '{"paper": "Glossy"}' });
		expect(refused.error?.message).toBe('propsJson.paper: "Glossy" is not one of its values (select) (item 0)');
		// The node's check runs first; the emulator's own check is exercised in test/unit/tflow-emulator-props.test.ts.
		expect(tflow.apiCalls('POST')).toHaveLength(0);
	});
});

describe('no property name is dropped (issue 22 §5)', () => {
	// Computed keys below: `{ __proto__: 'x' }` in a literal sets no property at all.
	const OBJECT_NAMES = ['__proto__', 'constructor', 'toString'];

	test('__proto__, constructor and toString defined by the instance are sent in key/value and JSON mode', async () => {
		const definitions = tflow.emulator.state.propDefinitions.get('job')!;
		tflow.emulator.state.propDefinitions.set('job', [
			...definitions,
			...OBJECT_NAMES.map((name, index) => ({ ...definitions[0], id: 900 + index, name, display_name: name })),
		]);
		const keyValue = await tflow.run(jobCreate({ ['__proto__']: 'a', constructor: 'b', toString: '={{ $json.c }}' }), [{ json: { c: 'c' } }]);
		expect(keyValue.error).toBeUndefined();
		const json = await tflow.run({ ...jobCreate({}), propsInputMode: 'json', propsJson: '{"__proto__": "a", "constructor": "b", "toString": "c"}' });
		expect(json.error).toBeUndefined();
		for (const call of tflow.apiCalls('POST', '/api/v2/job/create')) {
			expect(call.rawText).toContain('"props":{"__proto__":"a","constructor":"b","toString":"c"}');
			expect(Object.keys(call.body.props as object)).toEqual(OBJECT_NAMES);
		}
		expect(Object.keys(tflow.emulator.state.jobs.get(5)?.props ?? {})).toEqual(OBJECT_NAMES);
		expect(Object.keys(keyValue.items[0].json.props as object)).toEqual(OBJECT_NAMES);
	});

	test('__proto__ the instance does not define is refused naming it and the item, not dropped', async () => {
		const result = await tflow.run(jobCreate({ quantity: '5', ['__proto__']: 'x' }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('props: "__proto__" is not a property of tFLOW jobs (item 0)');
		expect(tflow.apiCalls('POST')).toEqual([]);
		expect(tflow.emulator.state.jobs.size).toBe(4);
	});

	test('an assignment type named __proto__ is sent too, in key/value and JSON mode', async () => {
		const keyValue = await tflow.run(jobCreate({}, { assignments: { assignment: [{ type: '__proto__', userIds: '2' }, { type: 'instance_user_ids', userIds: '3' }] } }));
		expect(keyValue.error).toBeUndefined();
		const json = await tflow.run(jobCreate({}, { assignmentsInputMode: 'json', assignmentsJson: '{"__proto__": [2], "instance_user_ids": [3]}' }));
		expect(json.error).toBeUndefined();
		for (const call of tflow.apiCalls('POST', '/api/v2/job/create')) {
			expect(call.rawText).toContain('"assignments":{"__proto__":[2],"instance_user_ids":[3]}');
		}
	});

	test('an instance without definitions gets __proto__ as written', async () => {
		tflow.emulator.configure({ propsCheck: 'off' });
		tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '/prop/job', status: 404, body: { error: true, messages: { entityType: ['Unknown entity type "job"'] } }, times: 1 });
		const result = await tflow.run(jobCreate({ ['__proto__']: 'x' }));
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/create')[0].rawText).toContain('"props":{"__proto__":"x"}');
	});
});

describe('definitions are read once per execution', () => {
	test('many items, one read of the definitions; the next execution reads them again', async () => {
		const items = Array.from({ length: 6 }, (_, index) => ({ json: { quantity: String(100 * (index + 1)) } }));
		const result = await tflow.run(jobCreate({ quantity: '={{ $json.quantity }}', paper: 'Silk 350 g/m²' }), items);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(6);
		expect(tflow.apiCalls('GET', '/api/v2/prop/job')).toHaveLength(1);
		expect(tflow.apiCalls('POST', '/api/v2/job/create').map((call) => call.body.props)).toEqual(
			items.map((item) => ({ quantity: item.json.quantity, paper: 'Silk 350 g/m²' })),
		);

		// A definition changed on the instance between two runs is seen by the next one.
		tflow.emulator.state.propDefinitions.set(
			'job',
			tflow.emulator.state.propDefinitions.get('job')!.filter((definition) => definition.name !== 'paper'),
		);
		const next = await tflow.run(jobCreate({ paper: 'Silk 350 g/m²' }));
		expect(next.error?.message).toBe('props: "paper" is not a property of tFLOW jobs (item 0)');
		expect(tflow.apiCalls('GET', '/api/v2/prop/job')).toHaveLength(2);
	});

	test('items without properties read no definitions', async () => {
		const result = await tflow.run(jobCreate({}), [{ json: {} }, { json: {} }]);
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', /\/prop\//)).toHaveLength(0);
		// Job Create sends an empty props object when none are given (the API lists props as required).
		expect(tflow.apiCalls('POST', '/api/v2/job/create').map((call) => call.body.props)).toEqual([{}, {}]);
	});

	test('a failed read of the definitions is the item\'s error, and the next item asks again', async () => {
		tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '/prop/job', status: 500, body: { error: true, messages: { server: ['Database is restarting'] } }, times: 1 });
		const result = await tflow.run(jobCreate({ quantity: '={{ $json.quantity }}' }), [{ json: { quantity: '1' } }, { json: { quantity: '2' } }], { continueOnFail: true });
		expect(result.items[0].json.error).toContain('Database is restarting');
		expect(result.items[1].json).toMatchObject({ props: { quantity: '2' } });
		expect(tflow.apiCalls('GET', '/api/v2/prop/job')).toHaveLength(2);
		expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(1);
	});
});

describe('an instance without definitions for the entity type (prop/job answers 404)', () => {
	test('the properties are sent as written, unchecked, and the definitions are asked for once', async () => {
		tflow.emulator.configure({ propsCheck: 'off' });
		tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '/prop/job', status: 404, body: { error: true, messages: { entityType: ['Unknown entity type "job"'] } }, times: 1 });
		const result = await tflow.run(jobCreate({ not_defined_here: '={{ $json.value }}' }), [{ json: { value: 'a' } }, { json: { value: 'b' } }]);
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', '/api/v2/prop/job')).toHaveLength(1);
		expect(tflow.apiCalls('POST', '/api/v2/job/create').map((call) => call.body.props)).toEqual([{ not_defined_here: 'a' }, { not_defined_here: 'b' }]);
	});
});

describe('workflows saved before the dropdown', () => {
	test('free-text names and values stored as strings (and as expressions) still run, in key/value and JSON mode', async () => {
		// The parameters exactly as a workflow saved with the free-text Name field stores them.
		const saved = await tflow.run({
			resource: 'order',
			operation: 'create',
			clientId: 101,
			shipDate: SHIP_DATE,
			propsInputMode: 'keyValue',
			props: {
				property: [
					{ name: 'quantity', value: '={{ String($json.copies ?? 1) }}' },
					{ name: '={{ "shipping_address" }}', value: '={{ $json.address }}' },
				],
			},
			assignmentsInputMode: 'keyValue',
			assignments: {},
			additionalFields: {},
		}, [{ json: { copies: 3, address: 'Main Street 1' } }]);
		expect(saved.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/order/create')[0].body.props).toEqual({ quantity: '3', shipping_address: 'Main Street 1' });

		const json = await tflow.run({ ...jobCreate({}), propsInputMode: 'json', propsJson: '{"quantity": "250", "finishings": ["lamination"]}' });
		expect(json.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/create')[0].body.props).toEqual({ quantity: '250', finishings: ['lamination'] });
	});
});
