/**
 * order/put against the D2S emulator: the exact request the document describes, the output item,
 * and each answer the document lists (200, 400 by type, 401, 500) plus a wrong lab (404).
 */
import { imageBytes, sha256 } from '../../../tools/emulators/images';
import { CANVAS, MUG, SECRET, startD2s, unitsParameter, type D2sTestbed } from './setup';

let bed: D2sTestbed;

beforeAll(async () => {
	bed = await startD2s();
});

afterAll(async () => {
	await bed.stop();
});

beforeEach(() => {
	bed.d2s.reset();
	bed.d2s.settings.duplicateOrderReferences = 'accept';
	bed.useCredentials();
});

function mugOrder(reference = 'Order #1') {
	return {
		orderReference: reference,
		email: 'astoon.net@gmail.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([
			{ base: MUG.id, slots: [['Slot 1', bed.images.imageUrl('image-1.jpg')], ['Slot 2', bed.images.imageUrl('image-2.png')]] },
		]),
	};
}

describe('success', () => {
	test('fields mode sends the documented body and outputs orderNum, message and orderReference', async () => {
		const result = await bed.put(mugOrder());

		expect(result.error).toBeUndefined();
		const [request] = bed.d2s.putOrderRequests();
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v1/demo-lab');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.accept).toMatch(/application\/json/);
		// The body of the document's example, key for key (JSON key order is not significant).
		expect(request.body).toEqual({
			op: 'put-order',
			type: 'models-by-widget',
			secret: SECRET,
			order: 'Order #1',
			user: { email: 'astoon.net@gmail.com' },
			'confirm?': true,
			units: [
				{
					base: MUG.id,
					payload: [
						{ slot: 'Slot 1', image: bed.images.imageUrl('image-1.jpg') },
						{ slot: 'Slot 2', image: bed.images.imageUrl('image-2.png') },
					],
				},
			],
		});
		// The secret travels only in the body, never in the URL or a header.
		expect(request.path + JSON.stringify(request.query) + JSON.stringify(request.headers)).not.toContain(SECRET);

		const [order] = bed.d2s.state.orders;
		expect(result.items).toEqual([
			{
				json: { orderNum: order.orderNum, message: 'Order accepted: 1 unit(s), 2 image(s) stored', orderReference: 'Order #1' },
				pairedItem: { item: 0 },
			},
		]);
		expect(order.orderNum).toEqual(expect.any(Number));
		// The lab really fetched both images before answering, byte for byte.
		expect(order.images.map((image) => image.sha256)).toEqual([
			sha256(imageBytes('image-1.jpg')!),
			sha256(imageBytes('image-2.png')!),
		]);
		expect(order.images.every((image) => image.finishedAt <= order.answeredAt)).toBe(true);
	});

	test('JSON mode sends the units array as given, and confirm false as "confirm?": false', async () => {
		const units = [
			{ base: MUG.id, payload: [{ slot: 'Slot 2', image: bed.images.imageUrl('m.jpg') }] },
			{ base: CANVAS.id, payload: [{ slot: 'Front', image: bed.images.imageUrl('c.png', { w: 300, h: 400 }) }] },
		];
		const result = await bed.put({
			orderReference: 'JSON-7',
			email: 'lab@example.org',
			confirm: false,
			unitsInputMode: 'json',
			unitsJson: JSON.stringify(units),
		});

		expect(result.error).toBeUndefined();
		const body = bed.d2s.putOrderRequests()[0].body;
		expect(body.units).toEqual(units);
		expect(body['confirm?']).toBe(false);
		expect(body.order).toBe('JSON-7');
		expect(result.items[0].json).toEqual({ orderNum: bed.d2s.state.orders[0].orderNum, message: expect.any(String), orderReference: 'JSON-7' });
		expect(bed.d2s.state.orders[0].images.map((image) => image.size)).toEqual([
			imageBytes('m.jpg')!.length,
			imageBytes('c.png', { w: 300, h: 400 })!.length,
		]);
	});

	test('one order per input item, with parameters from expressions', async () => {
		const input = ['A-1', 'A-2', 'A-3'].map((ref, index) => ({
			json: { ref, email: `customer${index}@example.com`, picture: bed.images.imageUrl(`p${index}.jpg`) },
		}));
		const result = await bed.put(
			{
				orderReference: '={{ $json.ref }}',
				email: '={{ $json.email }}',
				confirm: true,
				unitsInputMode: 'fields',
				units: unitsParameter([{ base: CANVAS.id, slots: [['Front', '={{ $json.picture }}']] }]),
			},
			{ input },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.orderReference, item.pairedItem])).toEqual([
			['A-1', { item: 0 }],
			['A-2', { item: 1 }],
			['A-3', { item: 2 }],
		]);
		const received = bed.d2s.putOrderRequests().map((request) => request.body);
		expect(received.map((body) => body.order).sort()).toEqual(['A-1', 'A-2', 'A-3']);
		const a2 = received.find((body) => body.order === 'A-2')!;
		expect(a2.user).toEqual({ email: 'customer1@example.com' });
		expect(a2.units).toEqual([{ base: CANVAS.id, payload: [{ slot: 'Front', image: bed.images.imageUrl('p1.jpg') }] }]);
		// Output order numbers match the lab's records for each reference.
		for (const item of result.items) {
			expect(bed.d2s.state.orders.find((order) => order.reference === item.json.orderReference)!.orderNum).toBe(item.json.orderNum);
		}
	});

	test('the same order reference twice: accepted by default as a new order number', async () => {
		const first = await bed.put(mugOrder('Twice'));
		const second = await bed.put(mugOrder('Twice'));
		expect(bed.d2s.state.orders.map((order) => order.reference)).toEqual(['Twice', 'Twice']);
		const [one, two] = bed.d2s.state.orders.map((order) => order.orderNum);
		expect(two).toBe(one + 1);
		expect([first.items[0].json.orderNum, second.items[0].json.orderNum]).toEqual([one, two]);
	});
});

describe('answers other than 200', () => {
	test('400 invalid-by-spec: the message leads with the type and renders the problems', async () => {
		bed.d2s.settings.duplicateOrderReferences = 'reject';
		await bed.put(mugOrder('Dup'));
		const result = await bed.put(mugOrder('Dup'));

		expect(result.error?.message).toBe('invalid-by-spec: the lab rejected the order data (order: an order with this reference already exists)');
		expect(result.error?.description).toContain('• order: an order with this reference already exists');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.context?.details).toMatchObject({
			type: 'invalid-by-spec',
			problems: { order: 'an order with this reference already exists' },
			orderReference: 'Dup',
		});
		expect(bed.d2s.state.orders).toHaveLength(1);
	});

	test('400 invalid-by-spec with nested problems is rendered one path per problem', async () => {
		bed.d2s.server.addFault({
			kind: 'status',
			status: 400,
			body: {
				message: 'Request data does not conform to the spec',
				type: 'invalid-by-spec',
				problems: { user: { email: 'unknown customer' }, units: { 0: { payload: { 1: { image: 'too large' } } } } },
			},
		});
		const result = await bed.put(mugOrder());
		expect(result.error?.message).toBe(
			'invalid-by-spec: the lab rejected the order data (user.email: unknown customer; units[0].payload[1].image: too large)',
		);
		expect(result.error?.description).toContain('• units[0].payload[1].image: too large');
	});

	test('400 download-error names the URL the lab could not fetch, and no order is created', async () => {
		const broken = bed.images.imageUrl('gone.jpg', { status: 404 });
		const result = await bed.put({
			...mugOrder(),
			units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', bed.images.imageUrl('ok.jpg')], ['Slot 2', broken]] }]),
		});

		expect(result.error?.message).toBe(`download-error: the lab could not download ${broken}`);
		expect(result.error?.context?.details).toMatchObject({ type: 'download-error', url: broken });
		expect(bed.d2s.state.downloads.find((download) => download.url === broken)?.status).toBe(404);
		expect(bed.d2s.state.orders).toHaveLength(0);
	});

	test('400 wrong-base-id names the id', async () => {
		const result = await bed.put({
			...mugOrder(),
			units: unitsParameter([{ base: 'no-such-base', slots: [['Slot 1', bed.images.imageUrl('x.jpg')]] }]),
		});
		expect(result.error?.message).toBe('wrong-base-id: the lab does not know the base unit ID "no-such-base"');
		expect(result.error?.description).toContain('data-unit');
		expect(result.error?.context?.details).toMatchObject({ type: 'wrong-base-id', id: 'no-such-base' });
	});

	test('400 slot-not-found leads with the type and shows the lab\'s message', async () => {
		const result = await bed.put({
			...mugOrder(),
			units: unitsParameter([{ base: MUG.id, slots: [['Slot 9', bed.images.imageUrl('x.jpg')]] }]),
		});
		expect(result.error?.message).toBe('slot-not-found: a slot name does not exist for its base unit (Slot "Slot 9" not found for base "Photo mug")');
		expect(result.error?.context?.details).toMatchObject({ type: 'slot-not-found' });
		// No images are fetched for an order the lab rejects up front.
		expect(bed.d2s.state.downloads).toHaveLength(0);
	});

	test('the type, not the human-readable message, decides the error', async () => {
		bed.d2s.server.addFault({
			kind: 'status',
			status: 400,
			body: { message: 'Incorrect base ID (this text is free-form)', type: 'download-error', url: 'http://img.example/x.jpg' },
		});
		const result = await bed.put(mugOrder());
		expect(result.error?.message).toBe('download-error: the lab could not download http://img.example/x.jpg');
	});

	test('401 is a credential error', async () => {
		bed.useCredentials({ secret: 'not-the-secret' });
		const result = await bed.put(mugOrder());
		expect(result.error?.message).toBe('D2S Workflow did not accept the secret (401 Unauthorized)');
		expect(result.error?.description).toContain('Check the Secret and the Lab ID in the D2S Workflow credential');
		expect(result.error?.httpCode).toBe('401');
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
		expect(serializeAll(result)).not.toContain('not-the-secret');
	});

	test('an unknown lab id answers 404 and says which lab', async () => {
		bed.useCredentials({ labId: 'other-lab' });
		const result = await bed.put(mugOrder());
		expect(result.error?.message).toBe('D2S Workflow does not know the lab "other-lab" (404 Not Found): Lab not found');
		expect(result.error?.description).toContain('Check the Lab ID and the Base URL');
		expect(bed.d2s.server.requests('POST', '/api/v1/other-lab')).toHaveLength(1);
	});

	test('500 is reported as a D2S server error with the body, and is not retried', async () => {
		bed.d2s.server.addFault({ kind: 'status', status: 500, body: { error: 'NullPointerException at order.clj:42' } });
		const result = await bed.put(mugOrder());

		expect(result.error?.message).toBe('D2S server error, please report it');
		expect(result.error?.description).toContain('NullPointerException at order.clj:42');
		expect(result.error?.context?.details).toMatchObject({ responseBody: { error: 'NullPointerException at order.clj:42' } });
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
		expect(bed.d2s.state.orders).toHaveLength(0);
	});
});

function serializeAll(result: { items: unknown; error?: unknown; run: unknown }) {
	return JSON.stringify(result.items) + JSON.stringify(result.run) + JSON.stringify(result.error, Object.getOwnPropertyNames(result.error ?? {}));
}
