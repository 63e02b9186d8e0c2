/**
 * Orders are sent a few at a time (Options › Concurrency, default 4): the lab sees them overlap in
 * time, yet the output keeps the input order and each item's pairedItem, even when later orders
 * finish first.
 */
import type { INodeParameters } from 'n8n-workflow';

import { CANVAS, startD2s, unitsParameter, type D2sTestbed } from './setup';

let bed: D2sTestbed;

beforeAll(async () => {
	bed = await startD2s();
});

afterAll(async () => {
	await bed.stop();
});

beforeEach(() => bed.d2s.reset());

/** Eight orders whose images are slower the earlier the item, so later orders finish first. */
function slowFirstInput(count = 8) {
	return Array.from({ length: count }, (_, index) => ({
		json: { ref: `K-${index}`, image: bed.images.imageUrl(`k${index}.jpg`, { delayMs: 100 + (count - index) * 50 }) },
	}));
}

function parameters(options: INodeParameters = {}): INodeParameters {
	return {
		orderReference: '={{ $json.ref }}',
		email: 'batch@example.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([{ base: CANVAS.id, slots: [['Front', '={{ $json.image }}']] }]),
		options,
	};
}

function callsByAnswer() {
	const calls = [...bed.d2s.state.calls].sort((a, b) => a.answeredAt - b.answeredAt);
	return calls.map((call) => bed.d2s.state.orders.find((order) => order.orderNum === call.orderNum)!.reference);
}

test('the default concurrency of 4: orders overlap, output order and pairing follow the input', async () => {
	const input = slowFirstInput();
	const started = Date.now();
	const result = await bed.put(parameters(), { input });
	const elapsed = Date.now() - started;

	expect(result.error).toBeUndefined();
	// The lab had exactly four put-order calls in progress at the peak.
	expect(bed.d2s.state.maxInFlight).toBe(4);
	const calls = bed.d2s.state.calls;
	const overlapping = calls.filter((a) => calls.some((b) => a !== b && a.receivedAt < b.answeredAt && b.receivedAt < a.answeredAt));
	expect(overlapping.length).toBe(calls.length);
	// The lab finished them in another order than the input…
	const references = input.map((item) => item.json.ref);
	expect(callsByAnswer()).not.toEqual(references);
	// …yet the output is in input order, each item paired with its input and carrying its own order number.
	expect(result.items.map((item) => item.json.orderReference)).toEqual(references);
	expect(result.items.map((item) => item.pairedItem)).toEqual(references.map((_, item) => ({ item })));
	result.items.forEach((item, index) => {
		const order = bed.d2s.state.orders.find((known) => known.reference === item.json.orderReference)!;
		expect(item.json.orderNum).toBe(order.orderNum);
		expect(order.images[0].url).toBe(input[index].json.image);
	});
	// Sent one after another, the image delays alone would add up to 2.6 s.
	const sequentialImageTime = input.reduce((sum, _, index) => sum + 100 + (input.length - index) * 50, 0);
	expect(elapsed).toBeLessThan(sequentialImageTime);
});

test('concurrency 1 sends one order at a time', async () => {
	const input = slowFirstInput(4);
	const result = await bed.put(parameters({ concurrency: 1 }), { input });

	expect(result.error).toBeUndefined();
	expect(bed.d2s.state.maxInFlight).toBe(1);
	const calls = bed.d2s.state.calls;
	for (let index = 1; index < calls.length; index++) expect(calls[index].receivedAt).toBeGreaterThanOrEqual(calls[index - 1].answeredAt);
	expect(callsByAnswer()).toEqual(['K-0', 'K-1', 'K-2', 'K-3']);
	expect(result.items.map((item) => item.json.orderReference)).toEqual(['K-0', 'K-1', 'K-2', 'K-3']);
});

test('concurrency 8 sends all eight at once', async () => {
	const input = slowFirstInput(8);
	const result = await bed.put(parameters({ concurrency: 8 }), { input });

	expect(result.error).toBeUndefined();
	expect(bed.d2s.state.maxInFlight).toBe(8);
	expect(result.items.map((item) => item.json.orderReference)).toEqual(input.map((item) => item.json.ref));
});
