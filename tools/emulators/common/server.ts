/**
 * A small HTTP server framework shared by the three API emulators: routing, parsing of JSON,
 * urlencoded and multipart bodies (files are streamed to disk with their size and SHA-256), a
 * request log that tests assert on, fault injection and a control interface under /__control.
 */
import Busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';

export type Fields = Record<string, unknown>;

export interface UploadedFile {
	field: string;
	fileName: string;
	mimeType: string;
	size: number;
	sha256: string;
	/** Where the bytes were written; the emulator can serve them again. */
	path: string;
}

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: http.IncomingHttpHeaders;
	contentType: string;
	/** JSON body, urlencoded fields or multipart fields (files excluded), as parsed. */
	body: Fields;
	/** The raw text of a non-multipart body (capped), for tests of encodings. */
	rawText: string;
	files: UploadedFile[];
	params: Record<string, string>;
	/** Query, body and multipart `_json` merged, as tFLOW-style APIs read parameters. */
	input: Fields;
}

export interface LogEntry {
	at: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** The query string as it arrived (`?a=1&a=2`), for what parsing would hide. */
	search: string;
	headers: http.IncomingHttpHeaders;
	contentType: string;
	body: Fields;
	rawText: string;
	files: Array<Omit<UploadedFile, 'path'>>;
	status?: number;
	fault?: string;
	/** Set when the connection closed before the whole answer was sent (the client stopped reading). */
	answerCut?: boolean;
}

/**
 * `trickle`: answers `status` (200) and then one space every `delayMs` (100) until the client gives up.
 * `dropMidRequest`: closes the connection once `afterBytes` of the body (default half of it) arrived.
 * `stallBody`: the route's answer with its full Content-Length, but only its first `afterBytes`
 * (default half of it); then nothing more, and the connection stays open until the client closes it.
 */
export type FaultKind = 'status' | 'delay' | 'drop' | 'dropMidResponse' | 'dropMidRequest' | 'trickle' | 'stallBody';

export interface Fault {
	kind: FaultKind;
	method?: string;
	/** Regular expression source matched against the path. */
	path?: string;
	/** How many matching requests it affects (default 1). */
	times?: number;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
	/**
	 * For `dropMidRequest`: how many bytes of the request body are read before the connection closes.
	 * For `stallBody`: how many bytes of the answer's body are sent before it stalls.
	 */
	afterBytes?: number;
	/**
	 * For `status` faults: the answer's `message` echoes the request (its URL with the query, its
	 * Authorization header and its body) in this form, as a careless API's error page does.
	 */
	echo?: EchoForm;
}

export type EchoForm = 'raw' | 'json' | 'url' | 'form' | 'base64';

/** The request as an echoing error shows it: `raw` as it came, or JSON-escaped, URL-, form- or base64-encoded. */
export function echoRequest(form: EchoForm, parts: { url: string; authorization: string; body: string }): string {
	const text = `${parts.url} Authorization: ${parts.authorization} Body: ${parts.body}`;
	switch (form) {
		case 'json':
			return JSON.stringify(parts);
		case 'url':
			return encodeURIComponent(text);
		case 'form':
			return new URLSearchParams({ request: text }).toString();
		case 'base64':
			return Buffer.from(text).toString('base64');
		default:
			return text;
	}
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
	}
}

export class EmulatorResponse {
	status = 200;

	private readonly headers: Record<string, string | number> = {};

	/** Set when a `dropMidResponse` fault applies: the body is cut after half of its bytes. */
	dropMidBody = false;

	/** Set when a `stallBody` fault applies: the body stops after this many bytes (-1: half of it). */
	stallAfterBytes?: number;

	/** Set from the server's `paceAnswers`: larger bodies go out in chunks with a pause between them. */
	pace?: AnswerPace;

	constructor(readonly raw: http.ServerResponse) {}

	header(name: string, value: string | number) {
		this.headers[name] = value;
		return this;
	}

	json(status: number, body: unknown) {
		this.send(status, Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8');
	}

	text(status: number, body: string, contentType = 'text/plain; charset=utf-8') {
		this.send(status, Buffer.from(body), contentType);
	}

	send(status: number, body: Buffer, contentType: string) {
		this.status = status;
		this.raw.writeHead(status, { ...this.headers, 'Content-Type': contentType, 'Content-Length': body.length });
		if (this.dropMidBody) {
			this.raw.write(body.subarray(0, Math.floor(body.length / 2)), () => this.raw.destroy());
			return;
		}
		if (this.stallAfterBytes !== undefined) {
			this.raw.write(body.subarray(0, this.stallAt(body.length)));
			return;
		}
		if (this.pace && body.length > this.pace.chunkBytes) {
			void this.sendPaced(body, this.pace);
			return;
		}
		this.raw.end(body);
	}

	private stallAt(size: number) {
		return this.stallAfterBytes === undefined || this.stallAfterBytes < 0 ? Math.floor(size / 2) : Math.min(size, this.stallAfterBytes);
	}

	/** Sends a body chunk by chunk, and stops when the client has closed the connection. */
	private async sendPaced(body: Buffer, pace: AnswerPace) {
		for (let at = 0; at < body.length; at += pace.chunkBytes) {
			if (this.raw.destroyed) return;
			this.raw.write(body.subarray(at, at + pace.chunkBytes));
			await new Promise((resolve) => setTimeout(resolve, pace.delayMs));
		}
		if (!this.raw.destroyed) this.raw.end();
	}

	/** Streams `size` bytes produced by `chunks` (a file or generated content). */
	async stream(status: number, size: number, chunks: AsyncIterable<Buffer> | NodeJS.ReadableStream, contentType: string) {
		this.status = status;
		this.raw.writeHead(status, { ...this.headers, 'Content-Type': contentType, 'Content-Length': size });
		let sent = 0;
		const cutAt = this.dropMidBody ? Math.floor(size / 2) : Infinity;
		const stallAt = this.stallAfterBytes === undefined ? Infinity : this.stallAt(size);
		for await (const chunk of chunks as AsyncIterable<Buffer>) {
			if (sent + chunk.length >= stallAt) {
				// The rest never comes; the client has to give up.
				this.raw.write(chunk.subarray(0, stallAt - sent));
				return;
			}
			if (sent + chunk.length >= cutAt) {
				this.raw.write(chunk.subarray(0, cutAt - sent));
				await new Promise((resolve) => setTimeout(resolve, 20));
				this.raw.destroy();
				return;
			}
			sent += chunk.length;
			if (!this.raw.write(chunk)) await new Promise((resolve) => this.raw.once('drain', resolve));
		}
		this.raw.end();
	}
}

/**
 * A slow link for large answers: a client that stops reading early closes the connection before
 * the answer is complete, which the log shows (`answerCut`) however much the kernel would buffer.
 */
export interface AnswerPace {
	chunkBytes: number;
	delayMs: number;
}

export type Handler = (req: EmulatorRequest, res: EmulatorResponse) => unknown | Promise<unknown>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

const MAX_LOGGED_TEXT = 64 * 1024;

export interface EmulatorOptions {
	/** Delay every response by this many milliseconds (a slow server). */
	latencyMs?: number;
	/** Print one line per request to stdout (used by the sandbox). */
	verbose?: boolean;
}

export class EmulatorServer {
	readonly log: LogEntry[] = [];

	readonly faults: Fault[] = [];

	private readonly routes: Route[] = [];

	private server?: http.Server;

	private readonly uploadDir = mkdtempSync(path.join(tmpdir(), 'emulator-uploads-'));

	url = '';

	latencyMs: number;

	/** When set, API answers larger than `chunkBytes` are sent paced (see AnswerPace). */
	paceAnswers?: AnswerPace;

	constructor(
		readonly name: string,
		readonly options: EmulatorOptions = {},
	) {
		this.latencyMs = options.latencyMs ?? 0;
		this.route('GET', '/__control/log', (_req, res) => res.json(200, this.log));
		this.route('DELETE', '/__control/log', (_req, res) => {
			this.clearLog();
			res.json(200, { cleared: true });
		});
		this.route('POST', '/__control/faults', (req, res) => {
			const faults = Array.isArray(req.body) ? req.body : (req.body.faults as Fault[]) ?? [req.body];
			for (const fault of faults as Fault[]) this.addFault(fault);
			res.json(200, { faults: this.faults });
		});
		this.route('DELETE', '/__control/faults', (_req, res) => {
			this.faults.length = 0;
			res.json(200, { faults: [] });
		});
		this.route('POST', '/__control/latency', (req, res) => {
			this.latencyMs = Number(req.body.ms ?? 0);
			res.json(200, { latencyMs: this.latencyMs });
		});
		this.route('POST', '/__control/pace', (req, res) => {
			const chunkBytes = Number(req.body.chunkBytes ?? 0);
			this.paceAnswers = chunkBytes > 0 ? { chunkBytes, delayMs: Number(req.body.delayMs ?? 0) } : undefined;
			res.json(200, { paceAnswers: this.paceAnswers ?? null });
		});
	}

	/** Registers a route; `:name` segments become `req.params.name`. */
	route(method: string, pattern: string, handler: Handler) {
		const keys: string[] = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					keys.push(segment.slice(1));
					return '([^/]+)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler });
		return this;
	}

	addFault(fault: Fault) {
		this.faults.push({ times: 1, ...fault });
	}

	clearLog() {
		this.log.length = 0;
	}

	/** Requests of the log that match a method and a path (string prefix or RegExp), control calls excluded. */
	requests(method?: string, pathMatch?: string | RegExp): LogEntry[] {
		return this.log.filter(
			(entry) =>
				!entry.path.startsWith('/__control') &&
				(!method || entry.method === method.toUpperCase()) &&
				(!pathMatch ||
					(typeof pathMatch === 'string' ? entry.path === pathMatch : pathMatch.test(entry.path))),
		);
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ error: 'emulator_error', message: String(error?.message ?? error) }));
				} else {
					res.destroy();
				}
			});
		});
		this.server.keepAliveTimeout = 30000;
		// Node's default accept backlog (511) overflows when a client opens 1,000 connections at once (the
		// HTTP Request node does): the kernel drops the extra SYNs and the client retries them after 1 s.
		await new Promise<void>((resolve) => this.server!.listen({ port, host, backlog: 4096 }, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this.url;
	}

	async stop() {
		if (this.server) {
			this.server.closeAllConnections();
			await new Promise<void>((resolve) => this.server!.close(() => resolve()));
			this.server = undefined;
		}
		rmSync(this.uploadDir, { recursive: true, force: true });
	}

	private takeFault(method: string, requestPath: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				(!fault.path || new RegExp(fault.path).test(requestPath)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(rawReq: http.IncomingMessage, rawRes: http.ServerResponse) {
		const url = new URL(rawReq.url ?? '/', 'http://emulator');
		const method = (rawReq.method ?? 'GET').toUpperCase();
		const query = parseQuery(url.searchParams);
		const entry: LogEntry = {
			at: Date.now(),
			method,
			path: url.pathname,
			query,
			search: url.search,
			headers: rawReq.headers,
			contentType: String(rawReq.headers['content-type'] ?? ''),
			body: {},
			rawText: '',
			files: [],
		};
		this.log.push(entry);
		const isControl = url.pathname.startsWith('/__control');
		const fault = isControl ? undefined : this.takeFault(method, url.pathname);
		if (fault) entry.fault = fault.kind;
		if (fault?.kind === 'drop') {
			rawReq.socket.destroy();
			return;
		}
		const delay = (fault?.kind === 'delay' ? fault.delayMs ?? 1000 : 0) + (isControl ? 0 : this.latencyMs);
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
		if (fault?.kind === 'trickle') {
			rawReq.resume();
			rawRes.writeHead(fault.status ?? 200, { 'Content-Type': 'application/octet-stream', ...(fault.headers ?? {}) });
			entry.status = fault.status ?? 200;
			const timer = setInterval(() => rawRes.write(' '), fault.delayMs ?? 100);
			rawRes.on('close', () => clearInterval(timer));
			return;
		}
		if (fault?.kind === 'status' && fault.echo) {
			const chunks: Buffer[] = [];
			for await (const chunk of rawReq) chunks.push(chunk as Buffer);
			const echoed = echoRequest(fault.echo, {
				url: rawReq.url ?? '',
				authorization: String(rawReq.headers.authorization ?? ''),
				body: Buffer.concat(chunks).toString('utf8'),
			});
			const res = new EmulatorResponse(rawRes);
			for (const [name, value] of Object.entries(fault.headers ?? {})) res.header(name, value);
			const message = `could not process ${echoed}`;
			res.json(fault.status ?? 500, { error: 'echo', message, error_description: message, type: 'echo', request: echoed });
			entry.status = res.status;
			return;
		}
		if (fault?.kind === 'status') {
			// Answer before reading the body, as a gateway or rate limiter does.
			const res = new EmulatorResponse(rawRes);
			for (const [name, value] of Object.entries(fault.headers ?? {})) res.header(name, value);
			res.json(fault.status ?? 500, fault.body ?? { error: 'injected_fault' });
			entry.status = res.status;
			rawReq.resume();
			return;
		}

		const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
		const res = new EmulatorResponse(rawRes);
		res.pace = isControl ? undefined : this.paceAnswers;
		if (fault?.kind === 'dropMidResponse') res.dropMidBody = true;
		if (fault?.kind === 'stallBody') res.stallAfterBytes = fault.afterBytes ?? -1;
		rawRes.on('finish', () => (entry.status = res.status));
		rawRes.on('close', () => {
			entry.status ??= res.status;
			if (!rawRes.writableFinished) entry.answerCut = true;
		});
		if (!route) {
			rawReq.resume();
			const allowed = this.routes.some((candidate) => candidate.pattern.test(url.pathname));
			res.json(allowed ? 405 : 404, { error: allowed ? 'method_not_allowed' : 'not_found', path: url.pathname });
			return;
		}
		const match = route.pattern.exec(url.pathname)!;
		const params: Record<string, string> = {};
		route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));

		const request: EmulatorRequest = {
			method,
			path: url.pathname,
			query,
			headers: rawReq.headers,
			contentType: entry.contentType,
			body: {},
			rawText: '',
			files: [],
			params,
			input: {},
		};
		if (fault?.kind === 'dropMidRequest') cutRequestBody(rawReq, fault.afterBytes);
		try {
			await this.parseBody(rawReq, request);
		} catch (error) {
			res.json(400, { error: 'bad_request', message: `unparseable body: ${(error as Error).message}` });
			return;
		}
		entry.body = request.body;
		entry.rawText = request.rawText.slice(0, MAX_LOGGED_TEXT);
		entry.files = request.files.map(({ path: _path, ...file }) => file);
		request.input = mergeInput(request);
		if (this.options.verbose) console.log(`[${this.name}] ${method} ${url.pathname}`);
		try {
			await route.handler(request, res);
		} catch (error) {
			if (error instanceof HttpError) {
				for (const [name, value] of Object.entries(error.headers)) res.header(name, value);
				if (typeof error.body === 'string') res.text(error.status, error.body);
				else res.json(error.status, error.body);
				return;
			}
			throw error;
		}
	}

	private async parseBody(rawReq: http.IncomingMessage, request: EmulatorRequest) {
		const type = request.contentType.toLowerCase();
		if (type.startsWith('multipart/form-data')) {
			await this.parseMultipart(rawReq, request);
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of rawReq) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		request.rawText = text;
		if (!text) return;
		if (type.includes('json')) {
			const parsed = JSON.parse(text);
			request.body = typeof parsed === 'object' && parsed !== null ? parsed : { value: parsed };
		} else if (type.startsWith('application/x-www-form-urlencoded')) {
			request.body = parseNestedForm(new URLSearchParams(text));
		}
	}

	private async parseMultipart(rawReq: http.IncomingMessage, request: EmulatorRequest) {
		const fields = new URLSearchParams();
		const writes: Array<Promise<void>> = [];
		const targets: string[] = [];
		const receiving = new Set<Readable>();
		const parsed = new Promise<void>((resolve, reject) => {
			// Browsers, undici and form-data send UTF-8 file names; busboy would read them as latin1.
			const busboy = Busboy({ headers: rawReq.headers, limits: { fileSize: Infinity }, defParamCharset: 'utf8' });
			busboy.on('field', (name, value) => fields.append(name, value));
			busboy.on('file', (field, stream, info) => {
				receiving.add(stream);
				stream.on('close', () => receiving.delete(stream));
				const target = path.join(this.uploadDir, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
				targets.push(target);
				const hash = createHash('sha256');
				let size = 0;
				const meter = new Transform({
					transform(chunk: Buffer, _encoding, callback) {
						hash.update(chunk);
						size += chunk.length;
						callback(null, chunk);
					},
				});
				writes.push(
					pipeline(stream, meter, createWriteStream(target)).then(() => {
						request.files.push({
							field,
							fileName: info.filename ?? '',
							mimeType: info.mimeType,
							size,
							sha256: hash.digest('hex'),
							path: target,
						});
					}),
				);
			});
			busboy.on('close', resolve);
			busboy.on('error', reject);
			const abort = () => {
				const error = new Error('request aborted');
				// The file being received would otherwise wait for the rest of its bytes forever.
				for (const stream of receiving) stream.destroy(error);
				reject(error);
			};
			rawReq.on('aborted', abort);
			rawReq.on('close', () => {
				if (!rawReq.complete) abort();
			});
			rawReq.pipe(busboy);
		});
		try {
			await parsed;
			await Promise.all(writes);
		} catch (error) {
			// A body cut off or malformed: the files written so far, whole or partial, are not kept.
			await Promise.allSettled(writes);
			for (const target of targets) rmSync(target, { force: true });
			throw error;
		}
		request.body = parseNestedForm(fields);
	}
}

/** Closes the connection once `afterBytes` of the request body (default half its Content-Length) have arrived. */
function cutRequestBody(rawReq: http.IncomingMessage, afterBytes?: number) {
	const limit = afterBytes ?? Math.floor(Number(rawReq.headers['content-length'] ?? 0) / 2);
	let received = 0;
	rawReq.on('data', (chunk: Buffer) => {
		received += chunk.length;
		if (received >= limit) rawReq.socket.destroy();
	});
}

function parseQuery(params: URLSearchParams) {
	return parseNestedForm(params) as Record<string, string | string[]>;
}

/** Parses `a[b]=1&list[]=x` style keys into nested objects, as PHP and Rails servers do. */
export function parseNestedForm(params: URLSearchParams): Fields {
	const result: Fields = {};
	for (const [rawKey, value] of params) {
		const parts = rawKey.replace(/\]/g, '').split('[');
		let target = result as Record<string, unknown>;
		parts.forEach((part, index) => {
			const last = index === parts.length - 1;
			if (last) {
				if (part === '') {
					// `list[]=x`: the previous level is an array; handled by the caller level below.
					return;
				}
				const existing = target[part];
				if (existing === undefined) target[part] = value;
				else if (Array.isArray(existing)) existing.push(value);
				else target[part] = [existing, value];
				return;
			}
			if (parts[index + 1] === '' && index + 1 === parts.length - 1) {
				const list = (target[part] ??= []) as unknown[];
				list.push(value);
				return;
			}
			target = (target[part] ??= {}) as Record<string, unknown>;
		});
	}
	return result;
}

function mergeInput(request: EmulatorRequest): Fields {
	const input: Fields = { ...request.query, ...request.body };
	if (typeof input._json === 'string') {
		Object.assign(input, JSON.parse(input._json));
		delete input._json;
	}
	return input;
}

/** Runs an emulator factory as a standalone server: `tsx tools/emulators/<name>/main.ts --port 0`. */
export function portFromArgs(defaultPort = 0): number {
	const index = process.argv.indexOf('--port');
	if (index !== -1) return Number(process.argv[index + 1]);
	return Number(process.env.PORT ?? defaultPort);
}

/**
 * Command-line options of a standalone emulator: `--name value` or `--flag`, each also readable from
 * the environment as `<envPrefix><NAME>` (dashes become underscores).
 */
export function cliOptions(envPrefix: string) {
	const fromEnv = (name: string) => process.env[`${envPrefix}${name.toUpperCase().replace(/-/g, '_')}`];
	const option = (name: string): string | undefined => {
		const index = process.argv.indexOf(`--${name}`);
		const next = process.argv[index + 1];
		if (index !== -1 && next !== undefined && !next.startsWith('--')) return next;
		return fromEnv(name);
	};
	const flag = (name: string) => {
		const value = fromEnv(name);
		return process.argv.includes(`--${name}`) || value === '1' || value === 'true';
	};
	const numberOption = (name: string) => {
		const value = option(name);
		if (value === undefined) return undefined;
		const parsed = Number(value);
		if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, got "${value}"`);
		return parsed;
	};
	return { option, flag, numberOption };
}
