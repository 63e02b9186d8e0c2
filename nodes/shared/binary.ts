import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, Transform, pipeline } from 'node:stream';

/** Chunk size for reading binaries from n8n's filesystem store. */
const STREAM_CHUNK_SIZE = 256 * 1024;

/** A file from an input item, readable as a stream as many times as needed (for a retry). */
export interface UploadSource {
	fileName: string;
	mimeType: string;
	/** Size in bytes, when n8n knows it. */
	size?: number;
	open(): Promise<Readable>;
}

/**
 * The input item's binary property as a stream source. In n8n's filesystem (or S3) mode the file
 * is read from the store in chunks and never held whole in memory; in the default mode n8n already
 * keeps it in memory as base64, so that is decoded once.
 */
export async function getUploadSource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<UploadSource> {
	if (!propertyName || typeof propertyName !== 'string') {
		throw new NodeOperationError(context.getNode(), `binaryPropertyName: is required (item ${itemIndex})`, { itemIndex });
	}
	const item = context.getInputData()[itemIndex];
	const binary = item?.binary?.[propertyName];
	if (!binary) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			context.getNode(),
			`binaryPropertyName: the input item has no binary field "${propertyName}" (item ${itemIndex})`,
			{
				itemIndex,
				description: available.length
					? `Binary fields on this item: ${available.join(', ')}`
					: 'This item has no binary data. Connect a node that outputs a file, such as Read/Write Files from Disk or HTTP Request.',
			},
		);
	}
	const fileName = binary.fileName ?? `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (binary.id) {
		const binaryId = binary.id;
		const metadata = await context.helpers.getBinaryMetadata(binaryId);
		return {
			fileName: metadata.fileName ?? fileName,
			mimeType,
			size: metadata.fileSize,
			open: async () => await context.helpers.getBinaryStream(binaryId, STREAM_CHUNK_SIZE),
		};
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return { fileName, mimeType, size: buffer.length, open: async () => Readable.from([buffer]) };
}

export interface MultipartBody {
	contentType: string;
	contentLength?: number;
	/** A fresh stream of the whole body; each call re-opens the file. */
	open(): Promise<Readable>;
}

function quote(value: string) {
	return value.replace(/["\r\n]/g, (c) => (c === '"' ? '%22' : ' '));
}

/**
 * A multipart/form-data body built as a stream: text fields first, then the file. Its length is
 * known up front when the file size is, so no chunked encoding is needed.
 */
export function multipartBody(
	fields: Array<[name: string, value: string]>,
	file: { field: string; source: UploadSource },
): MultipartBody {
	const boundary = `----n8nPrintWorkflow${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		fields
			.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
			.join('') +
			`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.source.fileName)}"\r\n` +
			`Content-Type: ${file.source.mimeType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentLength: file.source.size === undefined ? undefined : head.length + file.source.size + tail.length,
		open: async () => {
			const fileStream = await file.source.open();
			const body = new PassThrough();
			body.write(head);
			fileStream.on('error', (error) => body.destroy(error));
			fileStream.on('end', () => body.end(tail));
			fileStream.pipe(body, { end: false });
			return body;
		},
	};
}

export interface StreamedResponse {
	body: Readable;
	headers: Record<string, string | string[] | undefined>;
	statusCode?: number;
}

/** The file name a Content-Disposition header carries, if any. */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
	return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}

/**
 * Streams a download into n8n's binary data. A body that ends before its Content-Length (a dropped
 * connection) is an error, never a truncated file passed on as complete.
 */
export async function binaryFromDownload(
	context: IExecuteFunctions,
	response: StreamedResponse,
	options: { fileName: string; mimeType?: string; itemIndex: number },
): Promise<IBinaryData> {
	const header = (name: string) => {
		const value = response.headers[name] ?? response.headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	const expected = Number(header('content-length'));
	const fileName = fileNameFromDisposition(header('content-disposition')) ?? options.fileName;
	const headerType = header('content-type')?.split(';')[0].trim();
	const mimeType =
		options.mimeType ?? (headerType && headerType !== 'application/octet-stream' ? headerType : undefined);
	let received = 0;
	let streamError: Error | undefined;
	// Counts in the pipe itself: a 'data' listener would start the flow before n8n reads the stream.
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			callback(null, chunk);
		},
	});
	pipeline(response.body, counter, (error) => {
		if (error) streamError = error;
	});
	response.body.on('aborted', () => (streamError ??= new Error('connection closed by the server')));
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(counter, fileName, mimeType);
	} catch (error) {
		throw interruptedDownload(context, options.itemIndex, received, expected, streamError ?? error);
	}
	if (streamError || (Number.isFinite(expected) && expected > 0 && received !== expected)) {
		throw interruptedDownload(context, options.itemIndex, received, expected, streamError);
	}
	binary.fileSize ??= String(received);
	return binary;
}

function interruptedDownload(
	context: IExecuteFunctions,
	itemIndex: number,
	received: number,
	expected: number,
	cause?: Error,
) {
	const of = Number.isFinite(expected) && expected > 0 ? ` of ${expected}` : '';
	return new NodeApiError(
		context.getNode(),
		{ message: cause?.message ?? 'incomplete body' },
		{
			itemIndex,
			message: `The download was interrupted after ${received}${of} bytes`,
			description: 'The connection closed before the whole file arrived, so no binary data was output. Run the node again.',
		},
	);
}
