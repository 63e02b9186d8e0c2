import type { IDataObject, IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { redact, redactValue, type Secrets } from './redact';

export { redact, redactor, redactValue, Secrets, secretForms } from './redact';

/** What an HTTP failure looks like, whether it came from n8n's helpers (axios) or a NodeApiError. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, unknown>;
	body: unknown;
	/** Network error code such as ECONNREFUSED or ECONNRESET, when there was no response. */
	code?: string;
	message: string;
}

export function describeFailure(error: unknown): HttpFailure {
	const candidate = error as {
		response?: { status?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
		cause?: unknown;
		httpCode?: string | null;
		code?: string;
		message?: string;
		errorResponse?: unknown;
		context?: { data?: unknown };
	};
	// n8n's httpRequestWithAuthentication wraps failures in a NodeApiError that drops the axios error
	// (its `cause`): the status and network code survive in `httpCode`, a JSON body in `context.data`.
	const response = candidate?.response ?? (candidate?.cause as typeof candidate | undefined)?.response;
	const httpCode = candidate?.httpCode ?? undefined;
	const code =
		candidate?.code ??
		(candidate?.cause as { code?: string } | undefined)?.code ??
		(httpCode && !/^\d+$/.test(httpCode) ? httpCode : undefined);
	const status = response?.status ?? (httpCode ? Number(httpCode) : undefined);
	return {
		status: Number.isFinite(status) ? status : undefined,
		headers: response?.headers ?? {},
		body: response?.data ?? response?.body ?? candidate?.context?.data,
		code: typeof code === 'string' ? code : undefined,
		message: candidate?.message ?? String(error),
	};
}

/** Request never reached the server: safe to send again even for requests that create things. */
export function neverReachedServer(failure: HttpFailure) {
	return failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN';
}

export interface RetryPolicy {
	/** Retries after the first attempt. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const READ_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 10000 };

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = headers['retry-after'] ?? headers['Retry-After'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds * 1000;
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Whether a failed idempotent read is worth another try: rate limits, gateway errors, resets. */
export function isTransient(failure: HttpFailure) {
	if (failure.status !== undefined) return [429, 502, 503, 504].includes(failure.status);
	return ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED'].includes(failure.code ?? '');
}

/** Turns a failure into the node error n8n shows; `attempts` is set when the read retries ran out. */
export type ExplainFailure = (error: unknown, attempts?: number) => Promise<NodeApiError | NodeOperationError>;

/** The note an error carries when a read gave up after its retries (`attempts` set), else none. */
export function retriesNote(attempts?: number): string | undefined {
	return attempts === undefined ? undefined : `gave up after ${attempts} attempts`;
}

/**
 * Runs an idempotent request, retrying transient failures with exponential backoff that honours
 * Retry-After. Never use it for requests that may create something. A failure that is not retried
 * leaves as the error `explain` builds from it.
 */
export async function withReadRetries<T>(
	request: () => Promise<T>,
	explain: ExplainFailure,
	policy: RetryPolicy = READ_RETRY_POLICY,
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await request();
		} catch (error) {
			const failure = describeFailure(error);
			if (!isTransient(failure)) throw await explain(error);
			if (attempt >= policy.retries) throw await explain(error, attempt + 1);
			const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
			const delay = Math.min(policy.maxDelayMs, retryAfterMs(failure.headers) ?? backoff);
			await sleep(delay);
		}
	}
}

/**
 * A NodeApiError built only from what the API answered, so that the request n8n would attach (with
 * its headers, tokens and body) never reaches the output or the logs.
 */
export function apiError(
	node: INode,
	options: {
		message: string;
		description?: string;
		status?: number;
		itemIndex?: number;
		details?: IDataObject;
		secrets?: Array<string | undefined> | Secrets;
	},
): NodeApiError {
	const secrets = options.secrets ?? [];
	const message = redact(options.message, secrets);
	const description = options.description === undefined ? undefined : redact(options.description, secrets);
	const details = options.details ? redactValue(options.details, secrets) : undefined;
	const error = new NodeApiError(
		node,
		{ message, ...(details ?? {}) } as JsonObject,
		{
			message,
			description,
			httpCode: options.status === undefined ? undefined : String(options.status),
			itemIndex: options.itemIndex,
		},
	);
	if (details) error.context.details = details;
	// NodeApiError swaps a message that names a network code (ECONNRESET…) for n8n's generic text,
	// which invites retrying at once: wrong advice after a create whose outcome is unknown.
	error.message = message;
	return error;
}

/**
 * A caught error as it may leave a node. The transports' errors are NodeApiErrors or
 * NodeOperationErrors already and pass unchanged (also from another copy of n8n-workflow, which n8n
 * recognises by name); anything else becomes a NodeApiError with its message and HTTP status, and
 * without the request it may carry (its headers and body hold the credentials).
 */
export function asNodeError(node: INode, error: unknown, secrets: Array<string | undefined> | Secrets = []): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Error && (error.name === 'NodeApiError' || error.name === 'NodeOperationError')) return error as NodeApiError;
	const failure = describeFailure(error);
	return apiError(node, { message: failure.message, status: failure.status, secrets });
}

/** A response body as JSON when it is JSON, else as text (Buffers and strings are decoded). */
export function parseResponseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** Whether an answer's body is a stream (requested with `encoding: 'stream'`). */
export function isStream(body: unknown): body is AsyncIterable<Buffer | string> & { destroy?: () => void } {
	return !!body && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/**
 * The body of a failed request that asked for a stream (downloads): reads at most `maxBytes` of it
 * so an error page can be reported, then parses it like parseResponseBody.
 */
export async function readErrorBody(body: unknown, maxBytes = 64 * 1024): Promise<unknown> {
	if (!isStream(body)) return parseResponseBody(body);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = Buffer.from(chunk);
		chunks.push(buffer);
		size += buffer.length;
		if (size >= maxBytes) break;
	}
	body.destroy?.();
	return parseResponseBody(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
}

/** Whether a request only reads: only such requests are retried or follow redirects. */
export function isRead(method: IHttpRequestMethods | undefined) {
	return method === undefined || method === 'GET' || method === 'HEAD';
}

/** An answer as n8n's helpers return it with `returnFullResponse`. */
export interface FullResponse<B = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: B;
}

/**
 * A non-2xx answer kept whole and shaped like an axios error, so that describeFailure and the read
 * retries understand it (its Retry-After decides the next attempt).
 */
export class FailedAnswer extends Error {
	readonly response: { status: number; headers: Record<string, unknown>; data: unknown };

	constructor(answer: FullResponse, message = `HTTP ${answer.statusCode}`) {
		super(message);
		this.response = { status: answer.statusCode, headers: answer.headers ?? {}, data: answer.body };
	}
}

/** Reads the body of an error answer (also a stream) and throws it as a FailedAnswer. */
export async function failedAnswer(answer: FullResponse): Promise<never> {
	throw new FailedAnswer({ ...answer, body: await readErrorBody(answer.body) });
}

/** What a system's answer with an HTTP status means, in words; `system` is its product name. */
export function statusHead(system: string, status: number): string {
	const text: Record<number, string> = {
		400: `${system} rejected the request`,
		401: `${system} did not accept the credentials`,
		403: `The ${system} user of this credential is not allowed to do this`,
		404: `Not found in ${system}`,
		405: `${system} does not allow this HTTP method here`,
		409: `${system} reported a conflict`,
		422: `${system} rejected the request`,
		429: `${system} is rate limiting requests`,
		500: `${system} had an internal error`,
		501: `This ${system} server does not offer this API method`,
		502: `${system} is not reachable (bad gateway)`,
		503: `${system} is unavailable`,
		504: `${system} did not answer in time (gateway timeout)`,
	};
	if (text[status]) return text[status];
	if (status >= 300 && status < 400) return `${system} redirected the request (HTTP ${status}), which the node does not follow here`;
	return `${system} answered HTTP ${status}`;
}

/** The first words of an error about a failed request to `system`. */
export function failureHead(system: string, failure: HttpFailure): string {
	if (failure.status) return statusHead(system, failure.status);
	const code = failure.code ?? failure.message;
	// The node's own refusals (a redirect elsewhere, a cap, a deadline) carry a readable message.
	if (['REDIRECT_REFUSED', 'ANSWER_TOO_LARGE', 'DEADLINE_EXCEEDED'].includes(failure.code ?? '')) return failure.message;
	if (neverReachedServer(failure)) return `Could not reach ${system} (${code})`;
	return `The connection to ${system} broke before its answer arrived (${code})`;
}

/**
 * What a failure means for a request that may change something, or undefined when that is clear
 * already: a token failure means the request was never sent; a write that reached the server and
 * got no answer, or a server error, may still have been carried out.
 */
export function writeOutcome(system: string, method: IHttpRequestMethods, failure: HttpFailure, tokenFailed: boolean): string | undefined {
	if (isRead(method)) return undefined;
	if (tokenFailed) {
		return `Getting an access token from ${system} failed, so this request was not sent and nothing was changed in ${system}. It is safe to run the node again.`;
	}
	const status = failure.status;
	if (status === undefined ? neverReachedServer(failure) : status < 500) return undefined;
	const why = status ? `${system} answered with a server error (HTTP ${status})` : 'The connection failed after the request was sent';
	return `${why}, so it is unknown whether ${system} processed it. Check ${system} before running the node again; it was not retried to avoid duplicates.`;
}

/** Fields as an application/x-www-form-urlencoded body; a list repeats its name, null and undefined are left out. */
export function formEncoded(fields: IDataObject): string {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(fields)) {
		for (const entry of Array.isArray(value) ? value : [value]) {
			if (entry !== undefined && entry !== null) form.append(key, String(entry));
		}
	}
	return form.toString();
}

/**
 * A URL with its query parameters, encoded here rather than by n8n: a name given twice goes out twice
 * (`a=1&a=2`, where n8n would send `a[0]=1&a[1]=2`), and names plain objects already have
 * (`toString`, `__proto__`) are sent as given, which n8n's request options would drop.
 */
export function withQuery(url: string, qs: IDataObject | undefined): string {
	const query = qs ? formEncoded(qs) : '';
	return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/** Return All / Limit as the number of items to keep, or undefined for all of them. */
export function listLimit(options: { returnAll?: boolean; limit?: number } = { returnAll: true }): number | undefined {
	return options.returnAll === false ? Math.max(0, options.limit ?? 50) : undefined;
}

/** Return All / Limit applied to a list the API answered whole. */
export function sliceList<T>(list: T[], options: { returnAll?: boolean; limit?: number } = { returnAll: true }): T[] {
	const limit = listLimit(options);
	return limit === undefined ? list : list.slice(0, limit);
}
