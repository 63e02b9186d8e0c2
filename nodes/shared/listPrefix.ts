/**
 * Get Many with a limit, for APIs that do not page: the answer is read as a stream and only up to
 * the `limit`-th element of its list, then the connection is closed. Memory and time follow the
 * limit, not the size of the list the API sends.
 */
import { isStream, parseResponseBody } from './http';

export interface ListPrefix {
	/** Elements of the list to keep. */
	limit: number;
	/**
	 * Where the list is: a key of the top-level object (papilio's `{"count": 2, "orders": [...]}`),
	 * or unset for a top-level array (tFLOW's bare arrays).
	 */
	key?: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * An incremental JSON scanner that finds where the `limit`-th element of the list ends. It tracks
 * only nesting and strings (it does not validate: JSON.parse does that on what was kept). Bytes are
 * scanned as they are: JSON's structural characters are ASCII, and no byte of a multi-byte UTF-8
 * character is ASCII, so a character split across chunks never confuses it.
 */
export class ListPrefixScanner {
	private readonly chunks: Buffer[] = [];
	private kept = 0;
	/** Open containers, outermost first: OPEN_OBJECT or OPEN_ARRAY. */
	private readonly open: number[] = [];
	private inString = false;
	private escaped = false;
	/** Inside the top-level object, the next string is a key. */
	private expectKey = false;
	private keyBytes: number[] | undefined;
	private lastKey: string | undefined;
	/** How many containers are open inside the list (0: not in it yet, -1: it has ended). */
	private listDepth = 0;
	private elements = 0;
	/** Limit 0: the list's `[` is kept, nothing after it. */
	private stopAtNextByte = false;
	/** Set when the limit was reached: the JSON text kept, with the open containers closed. */
	private cut: string | undefined;

	constructor(private readonly prefix: ListPrefix) {}

	/** Whether the limit has been reached: nothing more needs to be read. */
	get done() {
		return this.cut !== undefined;
	}

	/** Scans one more chunk; returns `done`. */
	push(chunk: Buffer): boolean {
		if (this.done) return true;
		for (let index = 0; index < chunk.length; index++) {
			if (this.step(chunk[index])) {
				this.keep(chunk.subarray(0, index));
				this.cut = Buffer.concat(this.chunks, this.kept).toString('utf8') + this.closers();
				this.chunks.length = 0;
				return true;
			}
		}
		this.keep(chunk);
		return false;
	}

	/** The document: cut after the limit, or whole when the list was shorter (or never found). */
	result(): unknown {
		if (this.cut !== undefined) return JSON.parse(this.cut);
		return parseResponseBody(Buffer.concat(this.chunks, this.kept));
	}

	private keep(bytes: Buffer) {
		this.chunks.push(bytes);
		this.kept += bytes.length;
	}

	/** Handles one byte; true when it is the first byte not to keep (the limit is reached). */
	private step(byte: number): boolean {
		if (this.stopAtNextByte) return true;
		if (this.inString) {
			if (this.keyBytes) this.keyBytes.push(byte);
			if (this.escaped) this.escaped = false;
			else if (byte === BACKSLASH) this.escaped = true;
			else if (byte === QUOTE) this.endString();
			return false;
		}
		const depth = this.open.length;
		switch (byte) {
			case QUOTE:
				this.inString = true;
				if (this.expectKey && depth === 1) this.keyBytes = [];
				break;
			case OPEN_OBJECT:
			case OPEN_ARRAY:
				this.open.push(byte);
				this.expectKey = byte === OPEN_OBJECT && depth === 0;
				if (byte === OPEN_ARRAY && this.listDepth === 0 && this.isListStart(depth)) {
					this.listDepth = depth + 1;
					this.stopAtNextByte = this.prefix.limit <= 0;
				}
				break;
			case CLOSE_OBJECT:
			case CLOSE_ARRAY:
				this.open.pop();
				// The list ended within the limit: the rest of the document is read as well.
				if (this.listDepth > 0 && depth === this.listDepth) this.listDepth = -1;
				this.expectKey = false;
				break;
			case COMMA:
				if (this.listDepth > 0 && depth === this.listDepth && ++this.elements >= this.prefix.limit) return true;
				this.expectKey = depth === 1 && this.open[0] === OPEN_OBJECT;
				break;
			case COLON:
				this.expectKey = false;
				break;
		}
		return false;
	}

	/** Whether an array opened with `depth` containers around it is the list. */
	private isListStart(depth: number): boolean {
		if (this.prefix.key === undefined) return depth === 0;
		return depth === 1 && this.open[0] === OPEN_OBJECT && this.lastKey === this.prefix.key;
	}

	private endString() {
		this.inString = false;
		if (!this.keyBytes) return;
		const raw = Buffer.from(this.keyBytes.slice(0, -1)).toString('utf8');
		this.keyBytes = undefined;
		try {
			this.lastKey = JSON.parse(`"${raw}"`) as string;
		} catch {
			this.lastKey = raw;
		}
	}

	/** `]` and `}` for the containers still open, innermost first. */
	private closers(): string {
		return this.open
			.map((opened) => (opened === OPEN_OBJECT ? '}' : ']'))
			.reverse()
			.join('');
	}
}

/**
 * The answer to a list request, read only up to the `limit`-th element of its list when the body
 * is a stream (`encoding: 'stream'`); the stream is destroyed there, which closes the connection.
 * A body that is not a stream is parsed whole (the caller applies the limit).
 */
export async function readListPrefix(body: unknown, prefix: ListPrefix): Promise<unknown> {
	if (!isStream(body)) return parseResponseBody(body);
	const scanner = new ListPrefixScanner(prefix);
	try {
		for await (const chunk of body) {
			if (scanner.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))) break;
		}
	} finally {
		// Leaving the loop early destroys the stream too; an explicit destroy makes it certain.
		body.destroy?.();
	}
	return scanner.result();
}
