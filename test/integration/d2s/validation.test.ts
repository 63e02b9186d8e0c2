/**
 * Bad input is a NodeOperationError naming the field and the item, raised before anything is
 * sent (the emulator sees no request), and continueOnFail turns each failed order into one error
 * item while the others go through.
 */
import type { INodeParameters } from 'n8n-workflow';

import { MUG, startD2s, unitsParameter, type D2sTestbed } from './setup';

let bed: D2sTestbed;

beforeAll(async () => {
	bed = await startD2s();
});

afterAll(async () => {
	await bed.stop();
});

beforeEach(() => bed.d2s.reset());

function order(overrides: INodeParameters = {}): INodeParameters {
	return {
		orderReference: 'V-1',
		email: 'customer@example.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', bed.images.imageUrl('v.jpg')]] }]),
		...overrides,
	};
}

const validJsonUnits = () => [{ base: MUG.id, payload: [{ slot: 'Slot 1', image: bed.images.imageUrl('v.jpg') }] }];

describe('rejected before sending, naming field and item', () => {
	const cases: Array<[name: string, parameters: () => INodeParameters, message: string]> = [
		['an e-mail address without a domain', () => order({ email: 'customer@' }), 'Customer Email: "customer@" is not a valid e-mail address (item 0)'],
		['an empty e-mail address', () => order({ email: '  ' }), 'Customer Email: is required (item 0)'],
		// A literal empty required field is already refused by n8n; an expression can still resolve to nothing.
		['an order reference expression that resolves to nothing', () => order({ orderReference: '={{ $json.missing }}' }), 'Order Reference: is required (item 0)'],
		[
			'an image URL that is not http(s)',
			() => order({ units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', 'ftp://files.example.com/a.jpg']] }]) }),
			'Units › Unit 1 › Slot 1 › Image URL: must be an http(s) URL, got "ftp://files.example.com/a.jpg" (item 0)',
		],
		[
			'a relative image URL',
			() => order({ units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', '/images/a.jpg']] }]) }),
			'Units › Unit 1 › Slot 1 › Image URL: "/images/a.jpg" is not an absolute URL (item 0)',
		],
		['no units', () => order({ units: {} }), 'Units: add at least one unit (item 0)'],
		['a unit without slots', () => order({ units: unitsParameter([{ base: MUG.id, slots: [] }]) }), 'Units › Unit 1 › Slots: add at least one slot with an image (item 0)'],
		[
			'a unit without a base id',
			() => order({ units: unitsParameter([{ base: '', slots: [['Slot 1', 'https://example.com/a.jpg']] }]) }),
			'Units › Unit 1 › Base Unit ID: is required (item 0)',
		],
		[
			'a slot name used twice in one unit',
			() =>
				order({
					units: unitsParameter([
						{ base: MUG.id, slots: [['Slot 1', 'https://example.com/a.jpg'], ['Slot 2', 'https://example.com/b.jpg'], ['Slot 1', 'https://example.com/c.jpg']] },
					]),
				}),
			'Units › Unit 1 › Slot 3 › Slot Name: "Slot 1" is already filled by slot 1 of this unit (item 0)',
		],
		['unitsJson that is not JSON', () => order({ unitsInputMode: 'json', unitsJson: '[{"base": "x",' }), 'Units (JSON): is not valid JSON'],
		['unitsJson that is not an array', () => order({ unitsInputMode: 'json', unitsJson: '{"base": "x"}' }), 'Units (JSON): must be a JSON array (item 0)'],
		['an empty unitsJson array', () => order({ unitsInputMode: 'json', unitsJson: '[]' }), 'Units (JSON): add at least one unit (item 0)'],
		[
			'unitsJson with an empty payload',
			() => order({ unitsInputMode: 'json', unitsJson: JSON.stringify([{ base: MUG.id, payload: [] }]) }),
			'Units (JSON) [0].payload: add at least one slot with an image (item 0)',
		],
		[
			'unitsJson with a repeated slot',
			() =>
				order({
					unitsInputMode: 'json',
					unitsJson: JSON.stringify([
						{ base: MUG.id, payload: [{ slot: 'Slot 2', image: 'https://example.com/a.jpg' }, { slot: 'Slot 2', image: 'https://example.com/b.jpg' }] },
					]),
				}),
			'Units (JSON) [0].payload[1].slot: "Slot 2" is already filled by slot 1 of this unit (item 0)',
		],
		[
			'unitsJson with a key the API does not define',
			() => order({ unitsInputMode: 'json', unitsJson: JSON.stringify([{ ...validJsonUnits()[0], quantity: 2 }]) }),
			'Units (JSON) [0]: unknown key "quantity": a unit has only "base" and "payload" (item 0)',
		],
		[
			'unitsJson with a non-string image',
			() => order({ unitsInputMode: 'json', unitsJson: JSON.stringify([{ base: MUG.id, payload: [{ slot: 'Slot 1', image: 42 }] }]) }),
			'Units (JSON) [0].payload[0].image: must be a string (item 0)',
		],
		['a concurrency of 0', () => order({ options: { concurrency: 0 } }), 'Options › Concurrency: must be a whole number from 1 to 32, got 0 (item 0)'],
	];

	test.each(cases)('%s', async (_name, parameters, message) => {
		const result = await bed.put(parameters());
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(result.items).toEqual([]);
		expect(bed.d2s.putOrderRequests()).toHaveLength(0);
	});

	test('a bad later item stops the node before any item is sent', async () => {
		const input = [{ json: { email: 'one@example.com' } }, { json: { email: 'two@example.com' } }, { json: { email: 'three-at-example.com' } }];
		const result = await bed.put(order({ email: '={{ $json.email }}' }), { input });
		expect(result.error?.message).toBe('Customer Email: "three-at-example.com" is not a valid e-mail address (item 2)');
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(bed.d2s.putOrderRequests()).toHaveLength(0);
	});
});

describe('continueOnFail', () => {
	test('one error item per failed order, with its type and details; the others go through', async () => {
		const input = [
			{ json: { ref: 'C-0', base: MUG.id, email: 'a@example.com', image: bed.images.imageUrl('c0.jpg') } },
			{ json: { ref: 'C-1', base: 'unknown-base', email: 'b@example.com', image: bed.images.imageUrl('c1.jpg') } },
			{ json: { ref: 'C-2', base: MUG.id, email: 'not-an-email', image: bed.images.imageUrl('c2.jpg') } },
			{ json: { ref: 'C-3', base: MUG.id, email: 'd@example.com', image: bed.images.imageUrl('c3.jpg', { status: 500 }) } },
			{ json: { ref: 'C-4', base: MUG.id, email: 'e@example.com', image: bed.images.imageUrl('c4.png') } },
		];
		const result = await bed.put(
			{
				orderReference: '={{ $json.ref }}',
				email: '={{ $json.email }}',
				confirm: true,
				unitsInputMode: 'fields',
				units: unitsParameter([{ base: '={{ $json.base }}', slots: [['Slot 1', '={{ $json.image }}']] }]),
			},
			{ input, continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		const [ok0, wrongBase, badEmail, download, ok4] = result.items.map((item) => item.json);
		const numberOf = (reference: string) => bed.d2s.state.orders.find((known) => known.reference === reference)?.orderNum;
		expect(ok0).toEqual({ orderNum: numberOf('C-0'), message: expect.any(String), orderReference: 'C-0' });
		expect(ok4).toEqual({ orderNum: numberOf('C-4'), message: expect.any(String), orderReference: 'C-4' });
		expect(wrongBase).toMatchObject({
			error: 'wrong-base-id: the lab does not know the base unit ID "unknown-base"',
			type: 'wrong-base-id',
			id: 'unknown-base',
			orderReference: 'C-1',
			httpCode: '400',
		});
		expect(badEmail).toMatchObject({ error: 'Customer Email: "not-an-email" is not a valid e-mail address (item 2)' });
		expect(download).toMatchObject({ type: 'download-error', url: input[3].json.image, orderReference: 'C-3' });
		// The invalid item never reached the lab; the other four did.
		expect(bed.d2s.putOrderRequests().map((request) => request.body.order).sort()).toEqual(['C-0', 'C-1', 'C-3', 'C-4']);
		expect(bed.d2s.state.orders.map((known) => known.reference).sort()).toEqual(['C-0', 'C-4']);
	});
});
