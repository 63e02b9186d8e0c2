/**
 * A local image host: `GET /images/<name>.jpg|.jpeg|.png` answers deterministic image bytes per
 * path, so tests can check what a downloader (the D2S emulator, a node) really received. Built on
 * the shared EmulatorServer, so it has a request log, fault injection and /__control routes.
 *
 * Query knobs per request: `w`, `h` (pixels, default 64×48), `bytes` (pad the file to about this
 * size), `delayMs` (extra latency for this request), `status` (answer this HTTP status instead).
 */
import { createHash } from 'node:crypto';

import { EmulatorServer, HttpError } from '../common/server';
import type { EmulatorOptions, Fault } from '../common/server';
import { jpegImage, pngImage } from './encoders';

export interface ImageServerOptions extends EmulatorOptions {
	/** Default size of generated images. */
	width?: number;
	height?: number;
}

export interface ServedImage {
	path: string;
	size: number;
	sha256: string;
	startedAt: number;
	finishedAt: number;
}

export interface ImageServerState {
	/** Every image answered in full, in the order the answers finished. */
	served: ServedImage[];
	/** Requests being answered right now, and the most there ever were at once. */
	inFlight: number;
	maxInFlight: number;
}

const MAX_DIMENSION = 8192;
const MAX_BYTES = 512 * 1024 * 1024;

export interface ImageQuery {
	w?: number;
	h?: number;
	bytes?: number;
}

/**
 * The bytes the server answers for a path and query: tests compute the expected size and hash
 * with it. Returns undefined for names that are not images.
 */
export function imageBytes(name: string, query: ImageQuery = {}, defaults = { width: 64, height: 48 }): Buffer | undefined {
	const width = clamp(query.w ?? defaults.width, 1, MAX_DIMENSION);
	const height = clamp(query.h ?? defaults.height, 1, MAX_DIMENSION);
	const bytes = query.bytes === undefined ? undefined : clamp(query.bytes, 0, MAX_BYTES);
	const seed = `/images/${name}`;
	if (/\.jpe?g$/i.test(name)) return jpegImage({ seed, width, height, bytes });
	if (/\.png$/i.test(name)) return pngImage({ seed, width, height, bytes });
	return undefined;
}

export function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function clamp(value: number, min: number, max: number) {
	return Math.min(max, Math.max(min, Math.floor(value)));
}

function numberParam(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
}

export function createImageServer(options: ImageServerOptions = {}) {
	const server = new EmulatorServer('images', options);
	const state: ImageServerState = { served: [], inFlight: 0, maxInFlight: 0 };
	const defaults = { width: options.width ?? 64, height: options.height ?? 48 };

	server.route('GET', '/images/:name', async (req, res) => {
		state.inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		const startedAt = Date.now();
		try {
			const delayMs = numberParam(req.query.delayMs);
			if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
			const status = numberParam(req.query.status);
			if (status && status !== 200) throw new HttpError(status, `image server: answering ${status} as asked`);
			const query = { w: numberParam(req.query.w), h: numberParam(req.query.h), bytes: numberParam(req.query.bytes) };
			const bytes = imageBytes(req.params.name, query, defaults);
			if (!bytes) throw new HttpError(404, `image server: ${req.params.name} is not a .jpg, .jpeg or .png name`);
			const type = /\.png$/i.test(req.params.name) ? 'image/png' : 'image/jpeg';
			res.send(200, bytes, type);
			state.served.push({ path: req.path, size: bytes.length, sha256: sha256(bytes), startedAt, finishedAt: Date.now() });
		} finally {
			state.inFlight--;
		}
	});

	return {
		server,
		state,
		get url() {
			return server.url;
		},
		/** The address of an image on this server, e.g. `imageUrl('a.jpg', { delayMs: 100 })`. */
		imageUrl(name: string, query: Record<string, string | number> = {}) {
			const search = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])));
			const suffix = search.size ? `?${search.toString()}` : '';
			return `${server.url}/images/${encodeURIComponent(name)}${suffix}`;
		},
		/** Makes matching image requests fail (status, drop, dropMidResponse, delay); see Fault. */
		fail(fault: Fault) {
			server.addFault(fault);
		},
		setLatency(ms: number) {
			server.latencyMs = ms;
		},
		reset() {
			server.clearLog();
			server.faults.length = 0;
			state.served.length = 0;
			state.maxInFlight = state.inFlight;
		},
		start: async (port = 0, host = '127.0.0.1') => await server.start(port, host),
		stop: async () => await server.stop(),
	};
}

export type ImageServer = ReturnType<typeof createImageServer>;
