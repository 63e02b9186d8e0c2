/**
 * Interrupted downloads (n8n's default, in-memory binary mode; the tFLOW and papilio integration
 * tests cover the filesystem mode): a connection dropped halfway through the body is a clear error
 * and never a truncated binary passed on as if it were complete, whatever the file, and the other
 * items of the run keep their complete files.
 */
import { randomBytes } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';

import { TRANSFER_LIMITS } from '../../../nodes/shared/transfer';
import { orderById } from '../papilio/world';
import { sha256, startPapilioBed, startTflowBed } from './setup';

type Bed = Awaited<ReturnType<typeof startTflowBed>>;
let tflow: Bed;
let papilio: Awaited<ReturnType<typeof startPapilioBed>>;
const GENERATED_BYTES = 1024 * 1024;

beforeAll(async () => {
	tflow = await startTflowBed('default');
	papilio = await startPapilioBed('default');
});
afterAll(async () => {
	await tflow.stop();
	await papilio.stop();
});
beforeEach(async () => {
	await tflow.reset();
	papilio.reset();
	tflow.emulator.configure({ generatedFileBytes: GENERATED_BYTES });
	papilio.emulator.config.downloadSizeBytes = GENERATED_BYTES;
});
afterEach(() => tflow.emulator.configure({ generatedFileBytes: 0 }));

const FILES = [
	{ file: 'original', path: '/originalFile$' },
	{ file: 'lowRes', path: '/lowresFile$' },
	{ file: 'preflightedPdf', path: '/preflightedPdf$' },
	{ file: 'proof', path: '/proof$' },
	{ file: 'preview', path: '/preview/1$' },
];

const download = (file: string, revisionId: string | number = 1) => ({
	resource: 'revision',
	operation: 'download',
	revisionId: String(revisionId),
	file,
	pageNumber: 1,
	binaryPropertyName: 'data',
});

describe.each(FILES)('tFLOW $file', ({ file, path }) => {
	test('cut off halfway: a clear error naming the size announced, no binary output', async () => {
		const complete = await tflow.run(download(file));
		expect(complete.error).toBeUndefined();
		const size = Number(complete.items[0].json.file_size);
		expect((await tflow.harness.readBinary(complete.items[0].binary!.data)).length).toBe(size);
		tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path });

		const result = await tflow.run(download(file));

		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(`The download was interrupted before all ${size} bytes arrived`);
		expect(result.error?.description).toContain('no binary data was output');
		// A body that started is not requested again: the node cannot know the file did not change.
		expect(tflow.apiCalls('GET', new RegExp(path))).toHaveLength(2);
	});
});

test('with continueOnFail the interrupted item is an error item without binary; the others are complete', async () => {
	const bytes = randomBytes(3 * 1024 * 1024 + 11);
	const uploaded = await tflow.run(
		{ resource: 'job', operation: 'uploadArtwork', jobId: { __rl: true, mode: 'id', value: '1' }, binaryPropertyName: 'data' },
		[await tflow.harness.binaryItem(bytes, 'large.pdf', 'application/pdf')],
	);
	expect(uploaded.error).toBeUndefined();
	const revisionId = tflow.emulator.state.revisionsOfJob(1)[0].id;
	// The second of three downloads of the same file is cut.
	tflow.emulator.server.addFault({ kind: 'delay', method: 'GET', path: '/originalFile$', delayMs: 0, times: 1 });
	tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path: '/originalFile$', times: 1 });

	const result = await tflow.harness.runNode({
		type: 'tflow',
		parameters: download('original', revisionId),
		credentials: ['tflowApi'],
		input: [{ json: {} }, { json: {} }, { json: {} }],
		continueOnFail: true,
	});

	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.items[1].binary).toBeUndefined();
	expect(result.items[1].json.error).toBe(`The download was interrupted before all ${bytes.length} bytes arrived`);
	for (const index of [0, 2]) {
		const binary = result.items[index].binary!.data;
		const received = await tflow.harness.readBinary(binary);
		expect(received.length).toBe(bytes.length);
		expect(sha256(received)).toBe(sha256(bytes));
		expect(result.items[index].json).toMatchObject({ file_name: 'large.pdf', file_size: bytes.length });
	}
});

test('a connection dropped before the answer started is retried (a read), and the file arrives complete', async () => {
	tflow.emulator.server.addFault({ kind: 'drop', method: 'GET', path: '/proof$' });

	const result = await tflow.run(download('proof'));

	expect(result.error).toBeUndefined();
	const received = await tflow.harness.readBinary(result.items[0].binary!.data);
	expect(received.length).toBe(GENERATED_BYTES);
	expect(received.subarray(0, 5).toString()).toBe('%PDF-');
	expect(tflow.apiCalls('GET', /\/proof$/)).toHaveLength(2);
});

const PAPILIO_DOWNLOADS: Array<{ name: string; path: string; parameters: INodeParameters }> = [
	{ name: 'download', path: '^/api/v1/order/download/', parameters: { operation: 'download', orderId: orderById(51038) } },
	{ name: 'downloadPreview', path: '^/api/v1/order/preview/', parameters: { operation: 'downloadPreview', orderId: orderById(51038) } },
	{ name: 'downloadByPin', path: '^/api/v1/order/pin/', parameters: { operation: 'downloadByPin', pin: '37g6m' } },
];

describe.each(PAPILIO_DOWNLOADS)('papilio $name', ({ path, parameters }) => {
	const run = async () => await papilio.run({ resource: 'order', binaryPropertyName: 'data', ...parameters });

	test('cut off halfway: a clear error naming the size announced, no binary output', async () => {
		const complete = await run();
		expect(complete.error).toBeUndefined();
		const size = (await papilio.harness.readBinary(complete.items[0].binary!.data)).length;
		papilio.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path });

		const result = await run();

		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(`The download was interrupted before all ${size} bytes arrived`);
		expect(papilio.emulator.server.requests('GET', new RegExp(path))).toHaveLength(2);
	});
});

describe('a download stopped by the node itself names why, not "interrupted"', () => {
	const defaultLimits = { ...TRANSFER_LIMITS };
	afterEach(() => Object.assign(TRANSFER_LIMITS, defaultLimits));
	const papilioDownload = async () =>
		await papilio.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' });

	test('larger than the announced size limit: the error names the limit', async () => {
		TRANSFER_LIMITS.downloadMaxBytes = 100 * 1024;

		const result = await papilioDownload();

		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('The file is larger than the download limit of 0.1 MB');
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/interrupted|Run the node again/);
	});

	test('tFLOW: larger than the size limit: the error names the limit', async () => {
		TRANSFER_LIMITS.downloadMaxBytes = 100 * 1024;

		const result = await tflow.run(download('proof'));

		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('The file is larger than the download limit of 0.1 MB');
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/interrupted|Run the node again/);
	});

	test('past its deadline while the body arrives: the error names the deadline', async () => {
		TRANSFER_LIMITS.downloadDeadlineMs = 800;
		papilio.emulator.server.addFault({ kind: 'trickle', method: 'GET', path: '^/api/v1/order/download/51038$', delayMs: 50 });
		const started = Date.now();

		const result = await papilioDownload();

		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe('The download did not finish within 800 ms');
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/interrupted|Run the node again/);
	});
});
