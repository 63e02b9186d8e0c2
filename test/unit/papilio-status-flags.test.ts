import { decodeStatus, encodeStatus, STATUS_FLAGS, StatusFlagError } from '../../nodes/Papilio/helpers/statusFlags';

// The API document's table ("Status codes (bitmask)").
const DOCUMENT_TABLE: Array<[string, number]> = [
	['open', 1],
	['precontroll', 2],
	['layout', 4],
	['control', 8],
	['rejected', 16],
	['released', 32],
	['released_second', 64],
	['delivery_pending', 128],
	['delivered', 256],
	['charged', 512],
	['exported', 1024],
];

describe('papilio status bitmask codec', () => {
	test('every flag of the document has its bit, and the two "released" flags have distinct names', () => {
		expect(STATUS_FLAGS.map((flag) => [flag.name, flag.value])).toEqual(DOCUMENT_TABLE);
		for (const [name, value] of DOCUMENT_TABLE) {
			expect(decodeStatus(value)).toEqual([name]);
			expect(encodeStatus([name])).toBe(value);
		}
	});

	test("the document's examples: 288 = released + delivered, open + control = 9", () => {
		expect(decodeStatus('288')).toEqual(['released', 'delivered']);
		expect(encodeStatus(['released', 'delivered'])).toBe(288);
		expect(encodeStatus(['open', 'control'])).toBe(9);
		expect(decodeStatus(9)).toEqual(['open', 'control']);
	});

	test('the second controller is told apart from the first', () => {
		expect(decodeStatus(96)).toEqual(['released', 'released_second']);
		expect(encodeStatus(['released_second'])).toBe(64);
	});

	test('round trip of every combination of the documented flags', () => {
		for (let mask = 0; mask < 2048; mask++) {
			const names = decodeStatus(mask);
			expect(names.every((name) => !name.startsWith('bit_'))).toBe(true);
			expect(encodeStatus(names) ?? 0).toBe(mask);
		}
	});

	test('undocumented bits are kept as bit_<value> instead of being dropped', () => {
		expect(decodeStatus(2048 + 1)).toEqual(['open', 'bit_2048']);
	});

	test('a flag list may be a number, a numeric string or names separated by commas or +', () => {
		expect(encodeStatus(288)).toBe(288);
		expect(encodeStatus('288')).toBe(288);
		expect(encodeStatus('released, delivered')).toBe(288);
		expect(encodeStatus('released+delivered')).toBe(288);
		expect(encodeStatus(['32', 256])).toBe(288);
		expect(encodeStatus('Released (Second Controller)')).toBe(64);
		expect(encodeStatus('Delivery Pending')).toBe(128);
		expect(encodeStatus(0)).toBe(0);
	});

	test('nothing selected is undefined (the argument is left out)', () => {
		expect(encodeStatus([])).toBeUndefined();
		expect(encodeStatus('')).toBeUndefined();
		expect(encodeStatus(undefined)).toBeUndefined();
	});

	test('unknown names and invalid numbers are rejected with the valid names', () => {
		expect(() => encodeStatus(['released', 'shipped'])).toThrow(StatusFlagError);
		expect(() => encodeStatus(['shipped'])).toThrow(/"shipped" is not a papilio status flag \(use open, precontroll/);
		expect(() => encodeStatus(-1)).toThrow(/not a valid status bitmask/);
		expect(() => encodeStatus(1.5)).toThrow(StatusFlagError);
	});

	test('non-numeric status values decode to nothing', () => {
		expect(decodeStatus(['released'])).toEqual([]);
		expect(decodeStatus('abc')).toEqual([]);
		expect(decodeStatus(undefined)).toEqual([]);
		expect(decodeStatus(0)).toEqual([]);
	});
});
