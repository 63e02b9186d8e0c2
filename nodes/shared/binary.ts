import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError } from './http';
import { runsAsTool } from './tool';
import { TransferLimitError } from './transfer';
import { hasOwn } from './validation';

/** Chunk size for reading binaries from n8n's filesystem store. */
const STREAM_CHUNK_SIZE = 256 * 1024;

/** Bytes in chunks: what n8n's binary store streams and what an upload body reads. */
export type ByteChunks = AsyncIterable<Uint8Array>;

/** A file from an input item, readable as many times as needed (for a resend after a 401). */
export interface UploadSource {
	fileName: string;
	mimeType: string;
	/** Size in bytes, when n8n knows it. */
	size?: number;
	/** A fresh read of the whole file. */
	open(): Promise<ByteChunks>;
	/**
	 * Set when a read of the file did not have `size` bytes (n8n's store and its metadata disagree):
	 * the read stopped there, and this is the error to report instead of the broken request's.
	 */
	sizeMismatch?: NodeOperationError;
}

async function* oneChunk(bytes: Uint8Array): ByteChunks {
	yield bytes;
}

/**
 * The chunks of a stored file, held to the size announced for it: the multipart body's
 * Content-Length is computed from that size, so a shorter file would leave the server waiting for
 * bytes that never come, and a longer one would overrun the body. Either way the read fails at once,
 * which stops the request before it is complete.
 */
async function* exactly(chunks: ByteChunks, size: number, mismatch: (actual: string) => Error): ByteChunks {
	let read = 0;
	for await (const chunk of chunks) {
		read += chunk.length;
		if (read > size) throw mismatch(`more than ${size}`);
		yield chunk;
	}
	if (read < size) throw mismatch(String(read));
}

/**
 * The input item's binary property as a source to stream from. In n8n's filesystem (or S3) mode the
 * file is read from the store in chunks and never held whole in memory; in the default mode n8n
 * already keeps it in memory as base64, so that is decoded once.
 */
export async function getUploadSource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<UploadSource> {
	if (runsAsTool(context)) {
		// A tool call's item holds only the model's arguments; without this the error would name a binary field.
		throw new NodeOperationError(context.getNode(), `This operation uploads a file, and an AI tool call carries no file (item ${itemIndex})`, {
			itemIndex,
			description: 'Run the upload in the node itself, after the node that provides the file; its AI tool does not offer uploads.',
		});
	}
	if (!propertyName || typeof propertyName !== 'string') {
		throw new NodeOperationError(context.getNode(), `binaryPropertyName: is required (item ${itemIndex})`, { itemIndex });
	}
	const item = context.getInputData()[itemIndex];
	// Only the item's own fields: `constructor` or `__proto__` must not find Object's members.
	const binary = item?.binary && hasOwn(item.binary, propertyName) ? item.binary[propertyName] : undefined;
	if (!binary || typeof binary !== 'object') {
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
	let source: UploadSource;
	if (binary.id) {
		const binaryId = binary.id;
		const metadata = await context.helpers.getBinaryMetadata(binaryId);
		const size = metadata.fileSize;
		const stored: UploadSource = {
			fileName: metadata.fileName ?? fileName,
			mimeType,
			size,
			open: async () => {
				const chunks = await context.helpers.getBinaryStream(binaryId, STREAM_CHUNK_SIZE);
				if (typeof size !== 'number') return chunks;
				return exactly(chunks, size, (actual) => {
					stored.sizeMismatch = new NodeOperationError(
						context.getNode(),
						`binaryPropertyName: the file "${stored.fileName}" in binary field "${propertyName}" has ${actual} bytes, but n8n's binary data metadata says ${size} (item ${itemIndex})`,
						{
							itemIndex,
							description:
								"The upload was stopped at that point, before the request was complete, so nothing was uploaded. n8n's stored copy of the file does not match its metadata: run the node that produced the file again, then this one.",
						},
					);
					return stored.sizeMismatch;
				});
			},
		};
		source = stored;
	} else {
		// Decoded when sent, so that preparing many items does not hold a second copy of every file.
		const data = binary.data;
		source = { fileName, mimeType, size: Buffer.byteLength(data, BINARY_ENCODING), open: async () => oneChunk(Buffer.from(data, BINARY_ENCODING)) };
	}
	if (source.size === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`binaryPropertyName: the file "${source.fileName}" in binary field "${propertyName}" is empty (0 bytes) (item ${itemIndex})`,
			{ itemIndex, description: 'An empty file would be uploaded as a new revision. Check the node that produced the file.' },
		);
	}
	return source;
}

/** A file part as axios reads it from a FormData: like a Blob (name, type, size, stream()). */
export interface MultipartFile {
	readonly name: string;
	readonly type: string;
	readonly size?: number;
	stream(): ByteChunks;
}

/**
 * A multipart/form-data body that n8n's request helpers send as a stream. It has the shape of a
 * spec FormData (append, entries, the FormData tag), which axios — the client inside n8n's
 * helpers — encodes part by part, reading the file part through its stream() in chunks. axios
 * writes the boundary and, when the file size is known, the Content-Length. Each send re-opens
 * the file, so the same body can be sent again. A class, because newer axios versions (n8n 1.123
 * and 2.4x) refuse plain objects posing as a FormData.
 */
export class MultipartForm {
	/** The parts in order. An own field, so that n8n does not take the body for an empty object. */
	readonly parts: Array<[name: string, value: string | MultipartFile]> = [];

	append(name: string, value: string | MultipartFile) {
		this.parts.push([name, value]);
	}

	entries() {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator]() {
		return this.entries();
	}

	get [Symbol.toStringTag]() {
		return 'FormData';
	}
}

/** Text fields first, then the file, read from its source each time the body is sent. */
export function multipartForm(fields: Array<[name: string, value: string]>, file: { field: string; source: UploadSource }): MultipartForm {
	const form = new MultipartForm();
	for (const [name, value] of fields) form.append(name, value);
	const { source } = file;
	form.append(file.field, {
		name: source.fileName,
		type: source.mimeType,
		size: source.size,
		async *stream() {
			yield* await source.open();
		},
	});
	return form;
}

/** A file download as n8n's request helpers return it with `encoding: 'stream'`. */
export interface StreamedResponse {
	body: unknown;
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

type StreamForN8n = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/** The bytes n8n stored for a binary: its own count where it records one, else the store's metadata, else the data. */
export async function storedBytes(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, BINARY_ENCODING);
}

/**
 * Hands a download's body to n8n, which streams it into its binary data, then checks what n8n
 * stored against the Content-Length. A body that broke off (a dropped connection) is an error,
 * never a truncated file passed on as complete.
 */
export async function binaryFromDownload(
	context: IExecuteFunctions,
	response: StreamedResponse,
	options: { fileName: string; mimeType?: string; itemIndex: number },
): Promise<{ binary: IBinaryData; bytes: number }> {
	const header = (name: string) => {
		const value = response.headers[name] ?? response.headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	const declared = Number(header('content-length'));
	const expected = Number.isFinite(declared) && declared > 0 ? declared : undefined;
	const fileName = fileNameFromDisposition(header('content-disposition')) ?? options.fileName;
	const headerType = header('content-type')?.split(';')[0].trim();
	const mimeType =
		options.mimeType ?? (headerType && headerType !== 'application/octet-stream' ? headerType : undefined);
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(response.body as StreamForN8n, fileName, mimeType);
	} catch (error) {
		// The node's own size limit or deadline stopped the body: running again would stop there again.
		const limit = transferLimitIn(error);
		if (limit) {
			throw apiError(context.getNode(), {
				message: limit.message,
				description: 'The node stopped the download there, so no binary data was output.',
				itemIndex: options.itemIndex,
			});
		}
		throw interruptedDownload(context, options.itemIndex, { expected, cause: error as Error });
	}
	const bytes = await storedBytes(context, binary);
	if (expected !== undefined && bytes !== expected) {
		throw interruptedDownload(context, options.itemIndex, { expected, received: bytes });
	}
	return { binary, bytes };
}

/** The TransferLimitError (a size limit, a deadline) behind an error, also where n8n wrapped it. */
function transferLimitIn(error: unknown): TransferLimitError | undefined {
	for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
		if (current instanceof TransferLimitError) return current;
	}
	return undefined;
}

function interruptedDownload(
	context: IExecuteFunctions,
	itemIndex: number,
	{ expected, received, cause }: { expected?: number; received?: number; cause?: Error },
) {
	// Where n8n's store gave up, the bytes it had taken are not known, only the size announced.
	const message =
		received !== undefined
			? `The download was interrupted after ${received} of ${expected} bytes`
			: expected !== undefined
				? `The download was interrupted before all ${expected} bytes arrived`
				: 'The download was interrupted before the whole file arrived';
	return new NodeApiError(
		context.getNode(),
		{ message: cause?.message ?? 'incomplete body' },
		{
			itemIndex,
			message,
			description: 'The connection closed before the whole file arrived, so no binary data was output. Run the node again.',
		},
	);
}
