/** Order files streamed into n8n's filesystem binary store: bytes, names, sizes and failures. */
import { createHash } from 'node:crypto';

import { largeOrderBody, orderPdf, previewPdf } from '../../../tools/emulators/papilio';
import { orderById, useWorld } from './world';

const world = useWorld({ binaryMode: 'filesystem' });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const order = (id: number) => world.emulator.state.orders.find((candidate) => candidate.id === id)!;

test('download streams the print file into binary data, byte for byte', async () => {
	const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'pdf' });
	expect(result.error).toBeUndefined();
	const binary = result.items[0].binary!.pdf;
	expect(binary.id).toBeDefined(); // stored in the filesystem, not as base64 in the item
	const bytes = await world.harness.readBinary(binary);
	expect(sha256(bytes)).toBe(sha256(orderPdf(order(51038))));
	expect(binary).toMatchObject({ fileName: 'order_51038.pdf', mimeType: 'application/pdf' });
	expect(result.items[0].json).toEqual({ id: '51038', fileName: 'order_51038.pdf', mimeType: 'application/pdf', fileSize: bytes.length });
	const [call] = world.apiCalls('GET', '/api/v1/order/download/51038');
	expect(call).toMatchObject({ tokenIn: 'query', status: 200 });
	// Unencoded, so the Content-Length the download is checked against is the file's size.
	expect(call.headers['accept-encoding']).toBe('identity');
});

test('downloadPreview outputs the inline preview PDF', async () => {
	const result = await world.run({ resource: 'order', operation: 'downloadPreview', orderId: orderById(51038), binaryPropertyName: 'data' });
	expect(result.error).toBeUndefined();
	const bytes = await world.harness.readBinary(result.items[0].binary!.data);
	expect(sha256(bytes)).toBe(sha256(previewPdf(order(51038))));
	expect(result.items[0].binary!.data).toMatchObject({ fileName: 'order_51038_preview.pdf', mimeType: 'application/pdf' });
	expect(world.apiCalls('GET', '/api/v1/order/preview/51038')[0].tokenIn).toBe('query');
});

test('a large download arrives complete', async () => {
	const size = 24 * 1024 * 1024 + 17;
	order(51041).downloadSize = size;
	const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51041), binaryPropertyName: 'data' });
	expect(result.error).toBeUndefined();
	const expected = createHash('sha256');
	for await (const chunk of largeOrderBody(51041, size)) expected.update(chunk);
	const bytes = await world.harness.readBinary(result.items[0].binary!.data);
	expect(bytes.length).toBe(size);
	expect(sha256(bytes)).toBe(expected.digest('hex'));
	expect(result.items[0].json.fileSize).toBe(size);
});

test('a connection dropped mid-download is an error, never a truncated file', async () => {
	order(51041).downloadSize = 4 * 1024 * 1024;
	world.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path: '^/api/v1/order/download/' });
	const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51041), binaryPropertyName: 'data' });
	expect(result.error?.message).toMatch(/^The download was interrupted before all 4194304 bytes arrived$/);
	expect(result.items).toHaveLength(0);
});

test('an order that is not downloadable: papilio\'s forbidden with its description', async () => {
	const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51042), binaryPropertyName: 'data' });
	expect(result.error?.message).toMatch(/^The papilio user of this credential is not allowed to do this: Order 51042 isn't downloadable/);
	expect(result.error?.httpCode).toBe('403');
});

test('a preview that cannot be rendered: internal_server_error', async () => {
	order(51038).renderable = false;
	const result = await world.run({ resource: 'order', operation: 'downloadPreview', orderId: orderById(51038), binaryPropertyName: 'data' });
	expect(result.error?.message).toBe('papilio had an internal error (details are in the papilio server logs): Order 51038 could not be rendered');
	expect(result.error?.httpCode).toBe('500');
});

test('a download retried after invalid_token still delivers the right bytes', async () => {
	await world.run({ resource: 'order', operation: 'get', orderId: orderById(51038) });
	world.emulator.expireAccessTokens();
	const result = await world.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' });
	expect(result.error).toBeUndefined();
	expect(sha256(await world.harness.readBinary(result.items[0].binary!.data))).toBe(sha256(orderPdf(order(51038))));
	expect(world.apiCalls('GET', '/api/v1/order/download/51038').map((call) => call.status)).toEqual([401, 401, 200]);
});
