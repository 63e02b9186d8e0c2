/**
 * Deterministic files the emulator serves for revisions: PDFs of any size produced chunk by chunk
 * (never held whole in memory) and small PNG page previews.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface GeneratedFile {
	size: number;
	chunks(): AsyncIterable<Buffer>;
}

const PADDING_LINE = `%${'-'.repeat(19)} tflow emulator padding ${'-'.repeat(19)}\n`;
const PADDING_CHUNK = Buffer.from(PADDING_LINE.repeat(65536 / PADDING_LINE.length));

/** PDF literal string text: ASCII only, with its delimiters escaped. */
function pdfText(text: string) {
	return text
		.normalize('NFKD')
		.replace(/[^\x20-\x7e]/g, '?')
		.replace(/[\\()]/g, (char) => `\\${char}`);
}

/**
 * A one-page PDF showing `lines`, padded inside its content stream (with PDF comments) to at least
 * `minBytes`, so large downloads can be tested with a valid file. The size is known up front.
 */
export function generatedPdf(lines: string[], minBytes = 0): GeneratedFile {
	const text = lines.map((line, index) => `${index === 0 ? '' : '0 -22 Td '}(${pdfText(line)}) Tj`).join('\n');
	const content = `BT /F1 16 Tf 56 780 Td\n${text}\nET\n`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
	];
	let head = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, index) => {
		offsets.push(Buffer.byteLength(head, 'latin1'));
		head += `${index + 1} 0 obj\n${body}\nendobj\n`;
	});
	const headBytes = Buffer.from(head, 'latin1');
	const font = '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n';

	// Everything but the padding; only /Length and startxref change width as the padding grows.
	const layout = (padding: number) => {
		const streamLength = Buffer.byteLength(content) + padding;
		const start = Buffer.concat([headBytes, Buffer.from(`4 0 obj\n<< /Length ${streamLength} >>\nstream\n${content}`)]);
		const fontOffset = start.length + padding + '\nendstream\nendobj\n'.length;
		const xrefOffset = fontOffset + font.length;
		const entries = [...offsets, headBytes.length, fontOffset].map((offset) => `${String(offset).padStart(10, '0')} 00000 n `);
		const tail = Buffer.from(
			`\nendstream\nendobj\n${font}xref\n0 ${entries.length + 1}\n0000000000 65535 f \n${entries.join('\n')}\n` +
				`trailer\n<< /Size ${entries.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`,
		);
		return { start, tail, size: start.length + padding + tail.length };
	};

	let padding = Math.max(0, minBytes - layout(0).size);
	while (padding > 0 && layout(padding).size > minBytes) padding = Math.max(0, padding - (layout(padding).size - minBytes));
	while (layout(padding).size < minBytes) padding++;
	const { start, tail, size } = layout(padding);
	return {
		size,
		async *chunks() {
			yield start;
			for (let left = padding; left > 0; left -= PADDING_CHUNK.length) {
				yield left >= PADDING_CHUNK.length ? PADDING_CHUNK : PADDING_CHUNK.subarray(0, left);
			}
			yield tail;
		},
	};
}

export async function sha256Of(file: GeneratedFile): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of file.chunks()) hash.update(chunk);
	return hash.digest('hex');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer) {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

/** A small A4-proportioned RGB PNG whose colours derive from `seed` and the page number. */
export function previewPng(seed: string, page: number): Buffer {
	const width = 120;
	const height = 170;
	const digest = createHash('sha256').update(`${seed}#${page}`).digest();
	const rows: Buffer[] = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) {
			// A page-coloured frame and stripes around a white "artwork" area.
			const border = x < 6 || y < 6 || x >= width - 6 || y >= height - 6;
			const stripe = !border && y > 20 && y < 150 && Math.floor(y / 10) % 2 === 0 && x > 15 && x < width - 15;
			const colour = border ? digest.subarray(0, 3) : stripe ? digest.subarray(3, 6) : Buffer.from([255, 255, 255]);
			colour.copy(row, 1 + x * 3);
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** `attachment; filename="…"`, with an RFC 5987 `filename*` for names that are not plain ASCII. */
export function contentDisposition(fileName: string) {
	const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	if (fallback === fileName) return `attachment; filename="${fileName}"`;
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
