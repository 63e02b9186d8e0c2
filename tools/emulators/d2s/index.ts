/**
 * The D2S Workflow External API v.1 as a local server (specs/d2s-workflow-api.txt):
 * `POST /api/v1/{labId}` with a JSON body carrying `op` and `secret`. `put-order` is validated as
 * the document describes, then every image URL is really downloaded before the answer (as the lab
 * does), so the call lasts as long as the downloads. Known bases and their slot names come from
 * the configuration. Where the document is silent (duplicate order references, the shape of
 * `problems`, what a wrong lab id answers) the behaviour is a documented choice or a knob.
 *
 * `get-order` ({order}: the order's number and counts) is an emulator-only op, not in the document.
 * 404 bodies tell what was not found: `Lab not found`, `No order with the reference "…"`, `No such path: /…`.
 *
 * Control routes (besides the shared /__control/log, faults, latency):
 *   GET /__control/orders, DELETE /__control/orders, POST /__control/settings
 *   {duplicateOrderReferences, labLatencyMs, downloadTimeoutMs}
 */
import { createHash } from 'node:crypto';

import { EmulatorServer, HttpError } from '../common/server';
import type { EmulatorOptions, EmulatorRequest, Fields } from '../common/server';

export interface D2sBase {
	/** The widget's `data-unit` attribute. */
	id: string;
	name: string;
	/** Slot names as the demo widget form shows them. */
	slots: string[];
}

export const DEMO_LAB_ID = 'demo-lab';
export const DEMO_SECRET = 'd2s-demo-secret';
export const DEMO_BASES: D2sBase[] = [
	{ id: '5e52e550-5964-41c8-a612-4e9df7372401', name: 'Photo mug', slots: ['Slot 1', 'Slot 2'] },
	{ id: 'c4f2a7e1-0b3d-4e8a-9f61-2d5b7c9e1a30', name: 'Canvas 30x40', slots: ['Front'] },
];

/**
 * `kind`: the emulator as it always was. `documented`: the strictest reading of the document where the
 * emulator is kinder: put-order is the only op (the emulator-only `get-order` answers 400
 * invalid-by-spec like any unknown op). Everything else the emulator does is the document already, or a
 * choice where the document is silent (see docs/d2s-emulator.md).
 */
export type D2sProfile = 'kind' | 'documented';

export const D2S_PROFILES: Record<D2sProfile, { getOrderOp: boolean }> = {
	kind: { getOrderOp: true },
	documented: { getOrderOp: false },
};

export interface D2sEmulatorOptions extends EmulatorOptions {
	/** A preset (D2S_PROFILES); default `kind`. */
	profile?: D2sProfile;
	labId?: string;
	secret?: string;
	bases?: D2sBase[];
	/** The document does not say what a repeated `order` reference does: accept (a new order number) or reject (400 invalid-by-spec). */
	duplicateOrderReferences?: 'accept' | 'reject';
	/** Order number of the first order. */
	firstOrderNum?: number;
	/** How long the lab waits for one image before it reports download-error. */
	downloadTimeoutMs?: number;
	/** How many images of one order the lab downloads at once. */
	downloadConcurrency?: number;
	/** Time the lab spends after the downloads, before it answers. */
	labLatencyMs?: number;
}

export interface D2sDownload {
	url: string;
	ok: boolean;
	status?: number;
	error?: string;
	size?: number;
	sha256?: string;
	contentType?: string;
	startedAt: number;
	finishedAt: number;
}

export interface D2sUnit {
	base: string;
	payload: Array<{ slot: string; image: string }>;
}

export interface D2sOrder {
	orderNum: number;
	reference: string;
	email: string;
	confirm: boolean;
	units: D2sUnit[];
	images: D2sDownload[];
	receivedAt: number;
	answeredAt: number;
}

/** One call of the API as the lab saw it, whatever its outcome. */
export interface D2sCall {
	op?: unknown;
	status: number;
	type?: string;
	orderNum?: number;
	receivedAt: number;
	answeredAt: number;
}

export interface D2sState {
	orders: D2sOrder[];
	calls: D2sCall[];
	downloads: D2sDownload[];
	nextOrderNum: number;
	/** put-order calls being processed now, and the most there ever were at once. */
	inFlight: number;
	maxInFlight: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Problems = Record<string, unknown>;

/** Records a problem at a path of the request, e.g. ['units', 0, 'payload'] → problems.units['0'].payload. */
function addProblem(problems: Problems, path: Array<string | number>, text: string) {
	let target = problems;
	path.forEach((key, index) => {
		const name = String(key);
		if (index === path.length - 1) {
			target[name] = text;
			return;
		}
		if (typeof target[name] !== 'object' || target[name] === null) target[name] = {};
		target = target[name] as Problems;
	});
}

function isObject(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function answer(status: number, body: Fields): never {
	throw new HttpError(status, body);
}

function invalidBySpec(problems: Problems, message = 'Request data does not conform to the spec'): never {
	answer(400, { message, type: 'invalid-by-spec', problems });
}

/** Checks a put-order body against the document; returns the units, or answers 400 invalid-by-spec. */
function validatePutOrder(body: Fields): { units: D2sUnit[]; reference: string; email: string; confirm: boolean } {
	const problems: Problems = {};
	if (body.type !== 'models-by-widget') addProblem(problems, ['type'], 'should be "models-by-widget"');
	if (!nonEmptyString(body.order)) addProblem(problems, ['order'], 'should be a non-empty string');
	if (!isObject(body.user)) addProblem(problems, ['user'], 'should be an object with "email"');
	else if (typeof body.user.email !== 'string' || !EMAIL.test(body.user.email)) addProblem(problems, ['user', 'email'], 'should be an e-mail address');
	if (typeof body['confirm?'] !== 'boolean') addProblem(problems, ['confirm?'], 'should be a boolean');
	if (!Array.isArray(body.units) || body.units.length === 0) {
		addProblem(problems, ['units'], 'should be a non-empty array');
	} else {
		body.units.forEach((unit: unknown, u: number) => {
			if (!isObject(unit)) return addProblem(problems, ['units', u], 'should be an object with "base" and "payload"');
			if (!nonEmptyString(unit.base)) addProblem(problems, ['units', u, 'base'], 'should be a non-empty string');
			if (!Array.isArray(unit.payload) || unit.payload.length === 0) {
				return addProblem(problems, ['units', u, 'payload'], 'should be a non-empty array');
			}
			const seen = new Set<string>();
			unit.payload.forEach((item: unknown, p: number) => {
				if (!isObject(item)) return addProblem(problems, ['units', u, 'payload', p], 'should be an object with "slot" and "image"');
				if (!nonEmptyString(item.slot)) addProblem(problems, ['units', u, 'payload', p, 'slot'], 'should be a non-empty string');
				else if (seen.has(item.slot)) addProblem(problems, ['units', u, 'payload', p, 'slot'], 'is repeated in this unit');
				else seen.add(item.slot);
				if (!isHttpUrl(item.image)) addProblem(problems, ['units', u, 'payload', p, 'image'], 'should be an absolute http(s) URL');
			});
		});
	}
	if (Object.keys(problems).length > 0) invalidBySpec(problems);
	const user = body.user as Fields;
	return {
		units: body.units as D2sUnit[],
		reference: body.order as string,
		email: user.email as string,
		confirm: body['confirm?'] as boolean,
	};
}

export function createD2sEmulator(options: D2sEmulatorOptions = {}) {
	const profile = options.profile ?? 'kind';
	if (!D2S_PROFILES[profile]) throw new Error(`Unknown D2S emulator profile "${profile}"; known: ${Object.keys(D2S_PROFILES).join(', ')}`);
	const server = new EmulatorServer('d2s', options);
	const labId = options.labId ?? DEMO_LAB_ID;
	const secret = options.secret ?? DEMO_SECRET;
	const bases = options.bases ?? DEMO_BASES;
	const settings = {
		duplicateOrderReferences: options.duplicateOrderReferences ?? 'accept',
		labLatencyMs: options.labLatencyMs ?? 0,
		downloadTimeoutMs: options.downloadTimeoutMs ?? 30000,
		downloadConcurrency: Math.max(1, options.downloadConcurrency ?? 4),
	};
	const state: D2sState = {
		orders: [],
		calls: [],
		downloads: [],
		nextOrderNum: options.firstOrderNum ?? 1001,
		inFlight: 0,
		maxInFlight: 0,
	};

	async function download(url: string): Promise<D2sDownload> {
		const startedAt = Date.now();
		const record: D2sDownload = { url, ok: false, startedAt, finishedAt: startedAt };
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(settings.downloadTimeoutMs), redirect: 'follow' });
			record.status = response.status;
			record.contentType = response.headers.get('content-type') ?? undefined;
			const hash = createHash('sha256');
			let size = 0;
			if (response.body) {
				for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
					hash.update(chunk);
					size += chunk.length;
				}
			}
			record.size = size;
			record.sha256 = hash.digest('hex');
			record.ok = response.ok && size > 0;
			if (!response.ok) record.error = `HTTP ${response.status}`;
			else if (size === 0) record.error = 'empty body';
		} catch (error) {
			record.error = (error as Error).message;
		}
		record.finishedAt = Date.now();
		state.downloads.push(record);
		return record;
	}

	/** Downloads every image (a few at a time); the first failure is the order's download-error. */
	async function downloadAll(urls: string[]): Promise<D2sDownload[]> {
		const results: D2sDownload[] = new Array(urls.length);
		let next = 0;
		let failed: D2sDownload | undefined;
		const worker = async () => {
			while (failed === undefined && next < urls.length) {
				const index = next++;
				results[index] = await download(urls[index]);
				if (!results[index].ok) failed ??= results[index];
			}
		};
		await Promise.all(Array.from({ length: Math.min(settings.downloadConcurrency, urls.length) }, worker));
		if (failed) answer(400, { message: `Failed to download image: ${failed.error}`, type: 'download-error', url: failed.url });
		return results;
	}

	async function putOrder(req: EmulatorRequest, receivedAt: number): Promise<Fields> {
		const order = validatePutOrder(req.body);
		for (const unit of order.units) {
			const base = bases.find((candidate) => candidate.id === unit.base);
			if (!base) answer(400, { message: 'Incorrect base ID', type: 'wrong-base-id', id: unit.base });
			for (const { slot } of unit.payload) {
				if (!base.slots.includes(slot)) {
					answer(400, { message: `Slot "${slot}" not found for base "${base.name}"`, type: 'slot-not-found' });
				}
			}
		}
		if (settings.duplicateOrderReferences === 'reject' && state.orders.some((known) => known.reference === order.reference)) {
			invalidBySpec({ order: 'an order with this reference already exists' });
		}
		const images = await downloadAll(order.units.flatMap((unit) => unit.payload.map((item) => item.image)));
		if (settings.labLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.labLatencyMs));
		const orderNum = state.nextOrderNum++;
		state.orders.push({ orderNum, ...order, images, receivedAt, answeredAt: Date.now() });
		return { message: `Order accepted: ${order.units.length} unit(s), ${images.length} image(s) stored`, 'order-num': orderNum };
	}

	/**
	 * `get-order` is not in the document: an emulator-only op (the status of an order by its
	 * reference) that the node does not wrap, for the tests of the Custom API Call.
	 */
	function getOrder(req: EmulatorRequest): Fields {
		const reference = req.body.order;
		if (typeof reference !== 'string' || !reference) invalidBySpec({ order: 'should be the order reference' });
		const order = state.orders.find((candidate) => candidate.reference === reference);
		if (!order) answer(404, { message: `No order with the reference ${JSON.stringify(reference)}` });
		return { order: order.reference, 'order-num': order.orderNum, units: order.units.length, images: order.images.length, state: 'received' };
	}

	server.route('POST', '/api/v1/:labId', async (req, res) => {
		const receivedAt = Date.now();
		const call: D2sCall = { op: req.body.op, status: 0, receivedAt, answeredAt: 0 };
		state.calls.push(call);
		state.inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		try {
			if (req.params.labId !== labId) answer(404, { message: 'Lab not found' });
			if (!req.contentType.toLowerCase().startsWith('application/json')) {
				invalidBySpec({ 'content-type': 'should be application/json' });
			}
			if (req.body.secret !== secret) answer(401, { message: 'Unauthorized: invalid API key' });
			if (!String(req.headers.accept ?? '').toLowerCase().includes('application/json')) {
				invalidBySpec({ accept: 'should be application/json' });
			}
			if (req.body.op === 'get-order' && D2S_PROFILES[profile].getOrderOp) {
				call.status = 200;
				res.json(200, getOrder(req));
				return;
			}
			if (req.body.op !== 'put-order') invalidBySpec({ op: `unknown operation ${JSON.stringify(req.body.op ?? null)}` });
			const body = await putOrder(req, receivedAt);
			call.orderNum = body['order-num'] as number;
			call.status = 200;
			res.json(200, body);
		} catch (error) {
			if (error instanceof HttpError) {
				call.status = error.status;
				call.type = (error.body as Fields)?.type as string | undefined;
			}
			throw error;
		} finally {
			call.answeredAt = Date.now();
			state.inFlight--;
		}
	});

	// The document names only the lab URL. A path below it answers 404 saying which path, and an
	// unknown lab says so first, so that the two (and an unknown order) are told apart.
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		for (const depth of [1, 2, 3, 4]) {
			const rest = Array.from({ length: depth }, (_, index) => `:p${index}`).join('/');
			server.route(method, `/api/v1/:labId/${rest}`, (req, res) => {
				if (req.params.labId !== labId) res.json(404, { message: 'Lab not found' });
				else res.json(404, { message: `No such path: ${req.path.slice(`/api/v1/${labId}`.length)}` });
			});
		}
	}

	server.route('GET', '/__control/orders', (_req, res) => res.json(200, state.orders));
	server.route('DELETE', '/__control/orders', (_req, res) => {
		state.orders.length = 0;
		res.json(200, { cleared: true });
	});
	server.route('POST', '/__control/settings', (req, res) => {
		const body = req.body as Partial<typeof settings>;
		if (body.duplicateOrderReferences === 'accept' || body.duplicateOrderReferences === 'reject') {
			settings.duplicateOrderReferences = body.duplicateOrderReferences;
		}
		if (body.labLatencyMs !== undefined) settings.labLatencyMs = Number(body.labLatencyMs);
		if (body.downloadTimeoutMs !== undefined) settings.downloadTimeoutMs = Number(body.downloadTimeoutMs);
		res.json(200, settings);
	});

	return {
		profile,
		server,
		state,
		settings,
		labId,
		secret,
		bases,
		get url() {
			return server.url;
		},
		/** The credential's Base URL: everything before the lab id. */
		get baseUrl() {
			return `${server.url}/api/v1`;
		},
		/** put-order requests as received (method, path, headers, parsed body). */
		putOrderRequests() {
			return server.requests('POST', `/api/v1/${labId}`);
		},
		reset() {
			server.clearLog();
			server.faults.length = 0;
			state.orders.length = 0;
			state.calls.length = 0;
			state.downloads.length = 0;
			state.maxInFlight = state.inFlight;
		},
		start: async (port = 0, host = '127.0.0.1') => await server.start(port, host),
		stop: async () => await server.stop(),
	};
}

export type D2sEmulator = ReturnType<typeof createD2sEmulator>;
