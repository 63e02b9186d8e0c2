/**
 * The files papilio serves: small, valid, deterministic PDFs naming the order, and large deterministic
 * bodies generated chunk by chunk so a gigabyte download never sits in memory.
 */
import type { OrderRecord } from './state';

const MM_TO_POINTS = 72 / 25.4;

/** Latin-1 PDF string literal (the standard fonts use WinAnsi, which covers German umlauts). */
function pdfText(text: string): string {
	return `(${text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[^\x20-\xff]/g, '?')})`;
}

/** A one-page PDF with correct xref offsets, whose page size follows the order's dimension. */
function renderPdf(order: OrderRecord, heading: string): Buffer {
	const width = Math.round(order.dimension.width * MM_TO_POINTS);
	const height = Math.round(order.dimension.height * MM_TO_POINTS);
	const fontSize = Math.max(6, Math.min(18, Math.floor(width / 24)));
	const content = [
		'BT',
		`/F1 ${fontSize} Tf`,
		`${fontSize} ${height - 2 * fontSize} Td`,
		`${pdfText(heading)} Tj`,
		`0 -${fontSize + 4} Td`,
		`${pdfText(order.title)} Tj`,
		'ET',
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>`,
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Title ${pdfText(order.title)} /Producer (brix:papilio emulator) >>`,
	];
	let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(Buffer.byteLength(body, 'latin1'));
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xrefAt = Buffer.byteLength(body, 'latin1');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

export function orderPdf(order: OrderRecord): Buffer {
	return renderPdf(order, `brix:papilio order ${order.id}`);
}

export function previewPdf(order: OrderRecord): Buffer {
	return renderPdf(order, `72 dpi preview of order ${order.id}`);
}

const CHUNK_SIZE = 1024 * 1024;

/**
 * A large download body: a PDF header followed by repeated comment lines, cut at `size` bytes.
 * The same order id and size always give the same bytes, so tests can hash what they expect.
 */
export async function* largeOrderBody(orderId: number, size: number): AsyncGenerator<Buffer> {
	const header = Buffer.from(`%PDF-1.4\n% brix:papilio order ${orderId}, ${size} bytes\n`);
	const line = `% order ${orderId} print data 0123456789 abcdefghijklmnopqrstuvwxyz\n`;
	const block = Buffer.from(line.repeat(Math.ceil(CHUNK_SIZE / line.length)));
	let remaining = size;
	const first = header.subarray(0, remaining);
	remaining -= first.length;
	yield first;
	while (remaining > 0) {
		const chunk = block.subarray(0, Math.min(remaining, block.length));
		remaining -= chunk.length;
		yield chunk;
	}
}
