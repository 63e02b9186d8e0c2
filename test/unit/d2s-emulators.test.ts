/**
 * The local image server (deterministic, valid images; failure knobs) and the D2S emulator's
 * rules where the document is explicit (status codes, error types, the order-num key).
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

import { createD2sEmulator, DEMO_BASES, type D2sEmulator } from '../../tools/emulators/d2s';
import { createImageServer, imageBytes, type ImageServer } from '../../tools/emulators/images';

function crc32(buffer: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of buffer) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunks(png: Buffer) {
	const chunks: Array<{ type: string; data: Buffer }> = [];
	for (let offset = 8; offset < png.length; ) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
		chunks.push({ type, data });
		offset += 12 + length;
	}
	return chunks;
}

function jpegMarkers(jpeg: Buffer): number[] {
	const markers: number[] = [];
	let offset = 2;
	while (offset < jpeg.length) {
		expect(jpeg[offset]).toBe(0xff);
		const marker = jpeg[offset + 1];
		markers.push(marker);
		if (marker === 0xda) break;
		offset += 2 + jpeg.readUInt16BE(offset + 2);
	}
	return markers;
}

describe('image bytes', () => {
	test('are the same for the same name and differ between names', () => {
		expect(imageBytes('a.jpg')!.equals(imageBytes('a.jpg')!)).toBe(true);
		expect(imageBytes('a.jpg')!.equals(imageBytes('b.jpg')!)).toBe(false);
		expect(imageBytes('a.png')!.equals(imageBytes('b.png')!)).toBe(false);
		expect(imageBytes('a.gif')).toBeUndefined();
	});

	test('a PNG has valid chunks and the pixel data its header announces', () => {
		const png = imageBytes('photo.png', { w: 30, h: 20 })!;
		expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		const chunks = pngChunks(png);
		expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
		expect([chunks[0].data.readUInt32BE(0), chunks[0].data.readUInt32BE(4)]).toEqual([30, 20]);
		expect(inflateSync(chunks[2].data).length).toBe(20 * (1 + 30 * 3));
	});

	test('a JPEG is a baseline greyscale frame of the asked size, ending with EOI', () => {
		const jpeg = imageBytes('photo.jpg', { w: 100, h: 75 })!;
		expect(jpegMarkers(jpeg)).toEqual([0xe0, 0xfe, 0xdb, 0xc0, 0xc4, 0xda]);
		const frame = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
		expect([jpeg.readUInt16BE(frame + 5), jpeg.readUInt16BE(frame + 7), jpeg[frame + 9]]).toEqual([75, 100, 1]);
		expect(jpeg.subarray(-2).toString('hex')).toBe('ffd9');
	});

	test('padding reaches about the asked size and keeps the file valid', () => {
		const jpeg = imageBytes('big.jpg', { bytes: 1_000_000 })!;
		const png = imageBytes('big.png', { bytes: 3_000_000 })!;
		expect(jpeg.length).toBeGreaterThan(999_990);
		expect(jpeg.length).toBeLessThanOrEqual(1_000_000);
		expect(png.length).toBeGreaterThan(2_999_980);
		expect(png.length).toBeLessThanOrEqual(3_000_000);
		expect(jpegMarkers(jpeg).slice(-1)).toEqual([0xda]);
		expect(pngChunks(png).map((chunk) => chunk.type).slice(-2)).toEqual(['IDAT', 'IEND']);
	});
});

describe('image server', () => {
	let images: ImageServer;
	beforeAll(async () => {
		images = createImageServer();
		await images.start();
	});
	afterAll(async () => await images.stop());

	test('serves the deterministic bytes with the right type, and logs the request', async () => {
		const response = await fetch(images.imageUrl('x.png', { w: 10, h: 10 }));
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.headers.get('content-type')).toBe('image/png');
		expect(body.equals(imageBytes('x.png', { w: 10, h: 10 })!)).toBe(true);
		expect(images.state.served.at(-1)).toMatchObject({ path: '/images/x.png', sha256: createHash('sha256').update(body).digest('hex') });
		expect(images.server.requests('GET', '/images/x.png')).toHaveLength(1);
	});

	test('answers a chosen status, waits a chosen delay, and takes injected faults', async () => {
		expect((await fetch(images.imageUrl('y.jpg', { status: 503 }))).status).toBe(503);
		const started = Date.now();
		await fetch(images.imageUrl('y.jpg', { delayMs: 150 }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		images.fail({ kind: 'status', status: 410, path: '^/images/gone' });
		expect((await fetch(images.imageUrl('gone.jpg'))).status).toBe(410);
		expect((await fetch(images.imageUrl('gone.jpg'))).status).toBe(200);
		expect((await fetch(images.imageUrl('readme.txt'))).status).toBe(404);
	});
});

describe('D2S emulator', () => {
	let lab: D2sEmulator;
	let images: ImageServer;
	beforeAll(async () => {
		images = createImageServer();
		await images.start();
		lab = createD2sEmulator();
		await lab.start();
	});
	afterAll(async () => {
		await lab.stop();
		await images.stop();
	});
	beforeEach(() => lab.reset());

	const post = async (body: unknown, options: { lab?: string; headers?: Record<string, string> } = {}) => {
		const response = await fetch(`${lab.baseUrl}/${options.lab ?? 'demo-lab'}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const validOrder = () => ({
		op: 'put-order',
		type: 'models-by-widget',
		secret: 'd2s-demo-secret',
		order: 'Order #1',
		user: { email: 'astoon.net@gmail.com' },
		'confirm?': true,
		units: [{ base: DEMO_BASES[0].id, payload: [{ slot: 'Slot 1', image: images.imageUrl('1.jpg') }, { slot: 'Slot 2', image: images.imageUrl('2.jpg') }] }],
	});

	test('the document\'s example order: 200 with "order-num", after downloading every image', async () => {
		const answer = await post(validOrder());
		expect(answer).toEqual({ status: 200, body: { message: expect.any(String), 'order-num': lab.state.orders[0].orderNum } });
		expect(images.server.requests('GET').map((request) => request.path).sort()).toEqual(['/images/1.jpg', '/images/2.jpg']);
		expect(lab.state.orders[0]).toMatchObject({ reference: 'Order #1', email: 'astoon.net@gmail.com', confirm: true });
	});

	test('wrong lab 404, wrong secret 401 with a message, unknown op 400 invalid-by-spec', async () => {
		expect((await post(validOrder(), { lab: 'other' })).status).toBe(404);
		expect(await post({ ...validOrder(), secret: 'nope' })).toEqual({ status: 401, body: { message: expect.any(String) } });
		expect(await post({ op: 'cancel-order', secret: 'd2s-demo-secret' })).toEqual({
			status: 400,
			body: { message: expect.any(String), type: 'invalid-by-spec', problems: { op: 'unknown operation "cancel-order"' } },
		});
	});

	test('invalid-by-spec lists every problem at its path', async () => {
		const answer = await post({
			...validOrder(),
			type: 'models',
			user: { email: 'nobody' },
			'confirm?': 'yes',
			units: [{ base: '', payload: [{ slot: 'A', image: 'ftp://x/y.jpg' }, { slot: 'A', image: 'https://x/z.jpg' }] }],
		});
		expect(answer.status).toBe(400);
		expect(answer.body.type).toBe('invalid-by-spec');
		expect(answer.body.problems).toEqual({
			type: 'should be "models-by-widget"',
			user: { email: 'should be an e-mail address' },
			'confirm?': 'should be a boolean',
			units: { 0: { base: 'should be a non-empty string', payload: { 0: { image: 'should be an absolute http(s) URL' }, 1: { slot: 'is repeated in this unit' } } } },
		});
		expect(lab.state.downloads).toHaveLength(0);
	});

	test('the JSON headers are required', async () => {
		const answer = await post(validOrder(), { headers: { Accept: 'text/html' } });
		expect(answer.body).toMatchObject({ type: 'invalid-by-spec', problems: { accept: 'should be application/json' } });
	});

	test('wrong-base-id with the id, slot-not-found, download-error with the URL', async () => {
		const order = validOrder();
		expect((await post({ ...order, units: [{ base: 'nope', payload: order.units[0].payload }] })).body).toMatchObject({ type: 'wrong-base-id', id: 'nope' });
		expect((await post({ ...order, units: [{ base: DEMO_BASES[1].id, payload: [{ slot: 'Back', image: images.imageUrl('b.jpg') }] }] })).body).toMatchObject({ type: 'slot-not-found' });
		const broken = images.imageUrl('b.jpg', { status: 404 });
		const failed = await post({ ...order, units: [{ base: DEMO_BASES[1].id, payload: [{ slot: 'Front', image: broken }] }] });
		expect(failed).toEqual({ status: 400, body: { message: expect.any(String), type: 'download-error', url: broken } });
		expect(lab.state.orders).toHaveLength(0);
	});

	test('a download slower than the lab\'s download timeout is a download-error', async () => {
		lab.settings.downloadTimeoutMs = 100;
		const slow = images.imageUrl('slow.jpg', { delayMs: 400 });
		const answer = await post({ ...validOrder(), units: [{ base: DEMO_BASES[1].id, payload: [{ slot: 'Front', image: slow }] }] });
		lab.settings.downloadTimeoutMs = 30000;
		expect(answer.body).toMatchObject({ type: 'download-error', url: slow });
	});

	test('repeated order references: accepted by default, rejected when the knob says so', async () => {
		const first = await post(validOrder());
		const second = await post(validOrder());
		expect(second.body['order-num']).toBe((first.body['order-num'] as number) + 1);
		lab.settings.duplicateOrderReferences = 'reject';
		const third = await post(validOrder());
		lab.settings.duplicateOrderReferences = 'accept';
		expect(third.body).toMatchObject({ type: 'invalid-by-spec', problems: { order: 'an order with this reference already exists' } });
		expect(lab.state.orders).toHaveLength(2);
	});
});
