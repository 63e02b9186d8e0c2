/**
 * Downloads checked against what n8n stored (nodes/shared/binary.ts): n8n's binary helpers are
 * stubbed here to store fewer bytes than announced, to fail, or to report the size in each of the
 * ways n8n versions do (the `bytes` field of n8n 2.x, the store's metadata, in-memory base64 data).
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { binaryFromDownload, multipartForm, type StreamedResponse } from '../../nodes/shared/binary';

const node = { id: 'n1', name: 'Download', type: 'n8n-nodes-print-workflow.tflow', typeVersion: 1, position: [0, 0], parameters: {} };

function contextStoring(store: (body: unknown, fileName?: string, mimeType?: string) => Promise<IBinaryData>, metadataSize?: number) {
	const prepareBinaryData = jest.fn(store);
	const getBinaryMetadata = jest.fn(async () => ({ fileName: undefined, mimeType: undefined, fileSize: metadataSize ?? -1 }));
	const context = { getNode: () => node, helpers: { prepareBinaryData, getBinaryMetadata } } as unknown as IExecuteFunctions;
	return { context, prepareBinaryData, getBinaryMetadata };
}

const body = { stream: 'the response body' };
const response = (headers: StreamedResponse['headers']): StreamedResponse => ({ body, headers, statusCode: 200 });
const base64Of = (length: number) => Buffer.alloc(length, 7).toString('base64');

test('a complete download: the body goes to n8n as it is, with the name and type the answer gave', async () => {
	const { context, prepareBinaryData } = contextStoring(async (_body, fileName, mimeType) => ({ data: 'filesystem-v2', id: 'filesystem-v2:1', fileName, mimeType: mimeType!, bytes: 20 }));

	const result = await binaryFromDownload(
		context,
		response({ 'content-length': '20', 'content-type': 'application/pdf; charset=binary', 'content-disposition': 'attachment; filename="proof.pdf"' }),
		{ fileName: 'fallback.pdf', itemIndex: 0 },
	);

	expect(prepareBinaryData).toHaveBeenCalledWith(body, 'proof.pdf', 'application/pdf');
	expect(result.bytes).toBe(20);
	expect(result.binary).toMatchObject({ fileName: 'proof.pdf', mimeType: 'application/pdf' });
});

test('n8n stored fewer bytes than the Content-Length: an error naming both, and no binary', async () => {
	const { context } = contextStoring(async () => ({ data: base64Of(12), mimeType: 'application/pdf' }));

	const failure = await binaryFromDownload(context, response({ 'content-length': '20' }), { fileName: 'f.pdf', itemIndex: 3 }).catch((error) => error);

	expect(failure).toBeInstanceOf(NodeApiError);
	expect(failure.message).toBe('The download was interrupted after 12 of 20 bytes');
	expect(failure.description).toContain('no binary data was output');
	expect(failure.context.itemIndex).toBe(3);
});

test('n8n could not store the body (the connection broke): an error naming the size announced', async () => {
	const { context } = contextStoring(async () => {
		throw new Error('aborted');
	});

	const announced = await binaryFromDownload(context, response({ 'content-length': '4096' }), { fileName: 'f.pdf', itemIndex: 0 }).catch((error) => error);
	const unannounced = await binaryFromDownload(context, response({}), { fileName: 'f.pdf', itemIndex: 0 }).catch((error) => error);

	expect(announced.message).toBe('The download was interrupted before all 4096 bytes arrived');
	expect(unannounced.message).toBe('The download was interrupted before the whole file arrived');
	expect(announced).toBeInstanceOf(NodeApiError);
});

test('the stored size is read where each n8n version keeps it', async () => {
	// n8n 1.x in filesystem mode: no `bytes` field, the size is in the store's metadata.
	const stored = contextStoring(async () => ({ data: 'filesystem', id: 'filesystem:9', mimeType: 'image/png' }), 20);
	const fromMetadata = await binaryFromDownload(stored.context, response({ 'content-length': '20' }), { fileName: 'p.png', itemIndex: 0 });
	expect(fromMetadata.bytes).toBe(20);
	expect(stored.getBinaryMetadata).toHaveBeenCalledWith('filesystem:9');

	const short = contextStoring(async () => ({ data: 'filesystem', id: 'filesystem:9', mimeType: 'image/png' }), 19);
	await expect(binaryFromDownload(short.context, response({ 'content-length': '20' }), { fileName: 'p.png', itemIndex: 0 })).rejects.toThrow(
		'The download was interrupted after 19 of 20 bytes',
	);

	// No Content-Length: nothing to compare with, the stored size is the size.
	const inMemory = contextStoring(async () => ({ data: base64Of(5), mimeType: 'text/plain' }));
	expect((await binaryFromDownload(inMemory.context, response({}), { fileName: 'a.txt', itemIndex: 0 })).bytes).toBe(5);
});

describe('multipartForm', () => {
	const source = (chunks: string[]) => {
		let opened = 0;
		return {
			opened: () => opened,
			source: {
				fileName: 'art "v2".pdf',
				mimeType: 'application/pdf',
				size: chunks.join('').length,
				open: async () => {
					opened++;
					return (async function* () {
						for (const chunk of chunks) yield Buffer.from(chunk);
					})();
				},
			},
		};
	};

	test('has the shape axios streams as a FormData: the text fields, then the file as a Blob-like part', async () => {
		const file = source(['%PDF-', 'rest']);
		const form = multipartForm([['_json', '{"transition_name":"upload_first_revision"}']], { field: 'artwork', source: file.source });

		expect(Object.prototype.toString.call(form)).toBe('[object FormData]');
		expect(typeof form.append).toBe('function');
		expect(Object.getPrototypeOf(form)).not.toBe(Object.prototype);
		const entries = [...form.entries()];
		expect(entries.map(([name]) => name)).toEqual(['_json', 'artwork']);
		expect(entries[0][1]).toBe('{"transition_name":"upload_first_revision"}');
		expect(entries[1][1]).toMatchObject({ name: 'art "v2".pdf', type: 'application/pdf', size: 9 });
		expect([...form]).toEqual(entries);
		expect(file.opened()).toBe(0);
	});

	test('the file is read when the body is sent, afresh each time (a resend after a 401 sends it whole again)', async () => {
		const file = source(['%PDF-', 'rest']);
		const form = multipartForm([], { field: 'artwork', source: file.source });
		const part = form.entries().next().value![1] as { stream(): AsyncIterable<Uint8Array> };
		const read = async () => {
			const chunks: Uint8Array[] = [];
			for await (const chunk of part.stream()) chunks.push(chunk);
			return Buffer.concat(chunks).toString();
		};

		expect(await read()).toBe('%PDF-rest');
		expect(await read()).toBe('%PDF-rest');
		expect(file.opened()).toBe(2);
	});
});
