/**
 * How much an answer may cost: redirects followed only within the same origin, a size cap on JSON
 * answers, and a total deadline (plus an optional size limit) on downloads.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { isStream, parseResponseBody, type FullResponse } from './http';

export const TRANSFER_LIMITS = {
	/** Redirects a read follows (same origin only). */
	maxRedirects: 5,
	/** Largest JSON answer read into memory. */
	maxJsonBytes: 128 * 1024 * 1024,
	/**
	 * Time a read (get, list, search) may take from the request to its last byte, per attempt. n8n's
	 * own timeout ends once the headers arrived, so without it a body that stalls would never end.
	 */
	readDeadlineMs: 10 * 60 * 1000,
	/** Time a download may take from the request to its last byte. */
	downloadDeadlineMs: 6 * 60 * 60 * 1000,
	/** Largest download, when set. */
	downloadMaxBytes: undefined as number | undefined,
};

/** A failure the node itself decided on (a refused redirect, a cap, a deadline), with a readable message. */
export class TransferLimitError extends Error {
	constructor(
		message: string,
		readonly code: 'REDIRECT_REFUSED' | 'ANSWER_TOO_LARGE' | 'DEADLINE_EXCEEDED',
	) {
		super(message);
	}
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

function discard(body: unknown) {
	(body as { destroy?: () => void } | undefined)?.destroy?.();
}

/**
 * Sends a read, following redirects only to the same origin (scheme, host and port) and at most
 * TRANSFER_LIMITS.maxRedirects times. n8n is never left to follow a redirect itself: its
 * credential adds the token, the secret or the password to every hop, whatever the host.
 * `send` sends one hop with the credential; the answer of the last hop is returned as it is.
 */
export async function followSameOrigin<B>(
	send: (options: IHttpRequestOptions) => Promise<FullResponse<B>>,
	options: IHttpRequestOptions,
): Promise<FullResponse<B>> {
	let current: IHttpRequestOptions = { ...options, disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true };
	for (let hop = 0; ; hop++) {
		const answer = await send(current);
		const location = header(answer.headers, 'location');
		if (answer.statusCode < 300 || answer.statusCode >= 400 || answer.statusCode === 304 || !location) return answer;
		discard(answer.body);
		const from = new URL(current.url);
		const target = new URL(location, from);
		if (target.origin !== from.origin) {
			throw new TransferLimitError(
				`The server redirected the request to another server (${target.origin}); the node does not follow it, so that the credentials are not sent there`,
				'REDIRECT_REFUSED',
			);
		}
		if (hop + 1 > TRANSFER_LIMITS.maxRedirects) {
			throw new TransferLimitError(`The server redirected the request more than ${TRANSFER_LIMITS.maxRedirects} times`, 'REDIRECT_REFUSED');
		}
		// The Location carries its own query; the credential adds its parameters again.
		current = { ...current, url: target.href, qs: undefined };
	}
}

/** A duration as the errors show it: whole hours, minutes or seconds, else milliseconds. */
export function duration(ms: number): string {
	const units: Array<[number, string]> = [
		[3600000, 'hour'],
		[60000, 'minute'],
		[1000, 'second'],
	];
	for (const [size, name] of units) {
		if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms === size ? '' : 's'}`;
	}
	return `${ms} ms`;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The JSON (or text) of an answer requested with `encoding: 'stream'`, read up to
 * TRANSFER_LIMITS.maxJsonBytes: a larger answer stops being read there and becomes an error
 * instead of filling the memory.
 */
export async function readJsonAnswer(body: unknown, maxBytes = TRANSFER_LIMITS.maxJsonBytes): Promise<unknown> {
	if (!isStream(body)) return parseResponseBody(body);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		size += buffer.length;
		if (size > maxBytes) {
			body.destroy?.();
			throw new TransferLimitError(`The answer is larger than ${megabytes(maxBytes)}, the most the node reads into memory`, 'ANSWER_TOO_LARGE');
		}
		chunks.push(buffer);
	}
	if (size === 0) return '';
	return parseResponseBody(Buffer.concat(chunks, size));
}

/**
 * A deadline for one request. n8n's httpRequestWithAuthentication replaces `abortSignal` with the
 * execution's cancel signal, so the options get an `abortSignal` that keeps whatever n8n sets and
 * answers with a signal that aborts on either. Apply it to the options object handed to the helper.
 */
export class Deadline {
	readonly signal: AbortSignal;

	constructor(readonly ms: number) {
		this.signal = AbortSignal.timeout(ms);
	}

	get passed() {
		return this.signal.aborted;
	}

	/** The error for a request this deadline stopped. */
	error(what = 'The request'): TransferLimitError {
		return new TransferLimitError(`${what} did not finish within ${duration(this.ms)}`, 'DEADLINE_EXCEEDED');
	}

	apply(options: IHttpRequestOptions): IHttpRequestOptions {
		let cancel = options.abortSignal as AbortSignal | undefined;
		const deadline = this.signal;
		Object.defineProperty(options, 'abortSignal', {
			enumerable: true,
			configurable: true,
			get: () => (cancel ? AbortSignal.any([cancel, deadline]) : deadline),
			set: (value: AbortSignal | undefined) => {
				cancel = value;
			},
		});
		return options;
	}
}

/** Destroys a streamed body with the deadline's error when the deadline passes before it ends. */
export function holdToDeadline(body: unknown, deadline: Deadline, what = 'The request') {
	if (!isStream(body)) return;
	const stream = body as unknown as { destroy: (error?: Error) => void; destroyed?: boolean };
	const onDeadline = () => {
		if (!stream.destroyed) stream.destroy(deadline.error(what));
	};
	if (deadline.passed) onDeadline();
	else deadline.signal.addEventListener('abort', onDeadline, { once: true });
}

/**
 * Runs one attempt of a read under a fresh TRANSFER_LIMITS.readDeadlineMs deadline: `run` applies it
 * to the request (Deadline.apply) and its body (holdToDeadline). Whatever the abort broke (the
 * request, the body read) leaves as the deadline's error, which names the time.
 */
export async function withinReadDeadline<T>(run: (deadline: Deadline) => Promise<T>): Promise<T> {
	const deadline = new Deadline(TRANSFER_LIMITS.readDeadlineMs);
	try {
		return await run(deadline);
	} catch (error) {
		throw deadline.passed ? deadline.error('The request') : error;
	}
}

/**
 * Holds a download's body to the deadline and the optional size limit: past either, the stream is
 * destroyed with a TransferLimitError, so the binary is never stored truncated and a download that
 * never ends stops.
 */
export function limitDownload(body: unknown, deadline: Deadline, maxBytes = TRANSFER_LIMITS.downloadMaxBytes, declaredBytes?: number) {
	if (!isStream(body)) return;
	const stream = body as unknown as { destroy: (error?: Error) => void; push: (chunk: unknown, encoding?: unknown) => boolean; destroyed?: boolean };
	const stop = (error: TransferLimitError) => {
		if (!stream.destroyed) stream.destroy(error);
	};
	if (maxBytes !== undefined && declaredBytes !== undefined && declaredBytes > maxBytes) {
		stop(new TransferLimitError(`The file is larger than the download limit of ${megabytes(maxBytes)}`, 'ANSWER_TOO_LARGE'));
		return;
	}
	holdToDeadline(body, deadline, 'The download');
	if (maxBytes === undefined) return;
	// Counted where the bytes enter the stream, so that whoever reads it later reads no more.
	let received = 0;
	const push = stream.push.bind(stream);
	stream.push = (chunk: unknown, encoding?: unknown) => {
		if (chunk !== null && chunk !== undefined) received += (chunk as { length: number }).length;
		if (received > maxBytes) {
			stop(new TransferLimitError(`The file is larger than the download limit of ${megabytes(maxBytes)}`, 'ANSWER_TOO_LARGE'));
			return false;
		}
		return push(chunk, encoding);
	};
}
