import { Readable } from 'node:stream';

import { ListPrefixScanner, readListPrefix, type ListPrefix } from '../../nodes/shared/listPrefix';

/** Feeds `text` in chunks of `size` bytes; returns the result and how many bytes were offered. */
function scan(text: string, prefix: ListPrefix, size = 7) {
	const scanner = new ListPrefixScanner(prefix);
	const bytes = Buffer.from(text);
	let offered = 0;
	for (let at = 0; at < bytes.length && !scanner.done; at += size) {
		const chunk = bytes.subarray(at, at + size);
		offered += chunk.length;
		scanner.push(chunk);
	}
	return { result: scanner.result(), offered, total: bytes.length };
}

const records = Array.from({ length: 500 }, (_, index) => ({
	id: index + 1,
	name: `job "${index}" [a, b] {c}, \\ é ✓ 🖨`,
	tags: [{ x: [1, 2, { y: ',]}' }] }, null, true, -1.5e3],
}));

describe('ListPrefixScanner', () => {
	it.each([1, 3, 7, 4096])('keeps the first elements of a top-level array and stops reading there (chunks of %i bytes)', (size) => {
		const text = JSON.stringify(records, null, size === 7 ? 2 : undefined);
		const { result, offered, total } = scan(text, { limit: 5 }, size);
		expect(result).toEqual(records.slice(0, 5));
		expect(offered).toBeLessThan(total / 5);
	});

	it('finds the list under its key in an object and keeps the fields before it', () => {
		const text = JSON.stringify({ count: 500, note: { orders: [9, 9] }, 'ord\\u0065rs': 'x', orders: records, after: 1 });
		const { result, offered, total } = scan(text, { limit: 2, key: 'orders' });
		expect(result).toEqual({ count: 500, note: { orders: [9, 9] }, 'ord\\u0065rs': 'x', orders: records.slice(0, 2) });
		expect(offered).toBeLessThan(total / 5);
	});

	it('reads a list shorter than the limit, and what follows it, whole', () => {
		const document = { orders: records.slice(0, 3), count: 3 };
		expect(scan(JSON.stringify(document), { limit: 5, key: 'orders' }).result).toEqual(document);
		expect(scan(JSON.stringify(records.slice(0, 5)), { limit: 5 }).result).toEqual(records.slice(0, 5));
		expect(scan('[]', { limit: 5 }).result).toEqual([]);
		expect(scan(' [ 1 , 2 ] ', { limit: 2 }).result).toEqual([1, 2]);
	});

	it('keeps an empty list for limit 0', () => {
		expect(scan(JSON.stringify(records), { limit: 0 }).result).toEqual([]);
		expect(scan(JSON.stringify({ count: 1, orders: records }), { limit: 0, key: 'orders' }).result).toEqual({ count: 1, orders: [] });
	});

	it('parses an answer without the list whole: an object for a top-level list, a list under another key, text', () => {
		expect(scan(JSON.stringify({ id: 1, items: [1, 2, 3] }), { limit: 1 }).result).toEqual({ id: 1, items: [1, 2, 3] });
		expect(scan(JSON.stringify({ messages: [1, 2, 3] }), { limit: 1, key: 'orders' }).result).toEqual({ messages: [1, 2, 3] });
		expect(scan('not json', { limit: 1 }).result).toBe('not json');
	});
});

describe('readListPrefix', () => {
	it('destroys the stream once the limit is reached, without reading the rest', async () => {
		let produced = 0;
		const chunk = Buffer.from(JSON.stringify(records[0]));
		const stream = new Readable({
			highWaterMark: 1024,
			read() {
				// An endless list: only stopping early lets this test finish.
				this.push(produced++ === 0 ? Buffer.concat([Buffer.from('['), chunk]) : Buffer.concat([Buffer.from(','), chunk]));
			},
		});
		const result = await readListPrefix(stream, { limit: 5 });
		expect(result).toEqual(Array.from({ length: 5 }, () => records[0]));
		expect(stream.destroyed).toBe(true);
		expect(produced).toBeLessThan(100);
	});

	it('parses a body that is not a stream as it is', async () => {
		expect(await readListPrefix(JSON.stringify(records), { limit: 5 })).toEqual(records);
		expect(await readListPrefix(records, { limit: 5 })).toEqual(records);
	});
});
