/**
 * Deterministic image bytes for the local image server: a real PNG and a real baseline JPEG whose
 * pixels and metadata derive from a seed (the request path), so the same path always yields the
 * same bytes and a test can compute what a downloader must have received.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface ImageSpec {
	/** Anything that identifies the image; equal seeds give equal bytes. */
	seed: string;
	width: number;
	height: number;
	/** Pad the file with comment data up to this many bytes (when larger than the image itself). */
	bytes?: number;
}

function seedBytes(seed: string): Buffer {
	return createHash('sha256').update(seed).digest();
}

// ---------------------------------------------------------------------------------------------
// PNG

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(buffers: Buffer[]): number {
	let crc = 0xffffffff;
	for (const buffer of buffers) {
		for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32([head.subarray(4), data]), 0);
	return Buffer.concat([head, data, crc]);
}

/** An RGB PNG with a diagonal gradient between two colours taken from the seed. */
export function pngImage(spec: ImageSpec): Buffer {
	const { width, height } = spec;
	const colours = seedBytes(spec.seed);
	const from = [colours[0], colours[1], colours[2]];
	const to = [colours[3], colours[4], colours[5]];
	const rowLength = 1 + width * 3;
	const raw = Buffer.alloc(rowLength * height);
	for (let y = 0; y < height; y++) {
		raw[y * rowLength] = 0; // filter type: none
		for (let x = 0; x < width; x++) {
			const t = (x + y) / Math.max(1, width + height - 2);
			for (let c = 0; c < 3; c++) raw[y * rowLength + 1 + x * 3 + c] = Math.round(from[c] + (to[c] - from[c]) * t);
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const parts = [signature, pngChunk('IHDR', header), pngChunk('tEXt', Buffer.from(`Comment\0${spec.seed}`, 'latin1'))];
	const image = pngChunk('IDAT', deflateSync(raw, { level: 6 }));
	const end = pngChunk('IEND', Buffer.alloc(0));
	const size = parts.reduce((sum, part) => sum + part.length, 0) + image.length + end.length;
	// Filler goes into ancillary tEXt chunks, which every decoder skips.
	let missing = (spec.bytes ?? 0) - size;
	const filler = fillerBytes(spec.seed);
	while (missing > 12 + 8) {
		const length = Math.min(missing - 12, 1024 * 1024);
		const text = Buffer.alloc(length);
		Buffer.from('Padding\0', 'latin1').copy(text);
		for (let i = 8; i < length; i += filler.length) filler.copy(text, i, 0, Math.min(filler.length, length - i));
		parts.push(pngChunk('tEXt', text));
		missing -= length + 12;
	}
	return Buffer.concat([...parts, image, end]);
}

/** Printable ASCII derived from the seed, for padding. */
function fillerBytes(seed: string): Buffer {
	return Buffer.from(seedBytes(`${seed}#filler`).toString('hex'), 'ascii');
}

// ---------------------------------------------------------------------------------------------
// JPEG (baseline, greyscale, one DC value per 8x8 block, every AC coefficient zero)

/** Annex K.3 luminance DC table: code lengths 1..16 and the categories they code. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** A one-symbol AC table: only end-of-block is ever written. */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];

/** Canonical Huffman codes (ITU T.81 Annex C) as symbol → [code, length]. */
function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
	const codes = new Map<number, [number, number]>();
	let code = 0;
	let k = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], [code++, length]);
		code <<= 1;
	}
	return codes;
}

class BitWriter {
	private readonly bytes: number[] = [];

	private current = 0;

	private filled = 0;

	write(value: number, length: number) {
		for (let i = length - 1; i >= 0; i--) {
			this.current = (this.current << 1) | ((value >> i) & 1);
			if (++this.filled === 8) this.flushByte();
		}
	}

	private flushByte() {
		this.bytes.push(this.current);
		if (this.current === 0xff) this.bytes.push(0x00); // byte stuffing
		this.current = 0;
		this.filled = 0;
	}

	/** Pads the last byte with 1 bits, as T.81 asks. */
	finish(): Buffer {
		if (this.filled > 0) this.write(0xff, 8 - this.filled);
		return Buffer.from(this.bytes);
	}
}

function segment(marker: number, data: Buffer): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(data.length + 2, 2);
	return Buffer.concat([head, data]);
}

function category(value: number): number {
	let magnitude = Math.abs(value);
	let bits = 0;
	while (magnitude > 0) {
		bits++;
		magnitude >>= 1;
	}
	return bits;
}

/** A greyscale baseline JPEG made of 8x8 blocks whose grey levels derive from the seed. */
export function jpegImage(spec: ImageSpec): Buffer {
	const { width, height } = spec;
	const levels = seedBytes(spec.seed);
	const blocksAcross = Math.ceil(width / 8);
	const blocksDown = Math.ceil(height / 8);
	const dcCodes = huffmanCodes(DC_BITS, DC_VALUES);
	const [eobCode, eobLength] = huffmanCodes(AC_BITS, AC_VALUES).get(0)!;
	const scan = new BitWriter();
	let previous = 0;
	for (let row = 0; row < blocksDown; row++) {
		for (let column = 0; column < blocksAcross; column++) {
			const grey = levels[(row * 7 + column * 3) % levels.length];
			// With a quantisation table of ones, a flat block's DC coefficient is 8 × (level − 128).
			const dc = 8 * (grey - 128);
			const difference = dc - previous;
			previous = dc;
			const size = category(difference);
			const [code, length] = dcCodes.get(size)!;
			scan.write(code, length);
			if (size > 0) scan.write(difference >= 0 ? difference : difference + (1 << size) - 1, size);
			scan.write(eobCode, eobLength);
		}
	}
	const frame = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
	frame.writeUInt16BE(height, 1);
	frame.writeUInt16BE(width, 3);
	const parts = [
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
		segment(0xfe, Buffer.from(spec.seed.slice(0, 60000), 'utf8')),
		segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
		segment(0xc0, frame),
		segment(0xc4, Buffer.from([0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES])),
	];
	const tail = [segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])), scan.finish(), Buffer.from([0xff, 0xd9])];
	const size = [...parts, ...tail].reduce((sum, part) => sum + part.length, 0);
	let missing = (spec.bytes ?? 0) - size;
	const filler = fillerBytes(spec.seed);
	while (missing > 4) {
		const length = Math.min(missing - 4, 65533);
		const text = Buffer.alloc(length);
		for (let i = 0; i < length; i += filler.length) filler.copy(text, i, 0, Math.min(filler.length, length - i));
		parts.push(segment(0xfe, text));
		missing -= length + 4;
	}
	return Buffer.concat([...parts, ...tail]);
}
