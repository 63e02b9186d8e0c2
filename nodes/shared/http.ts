import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

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

/** Removes every occurrence of the given secrets from a text. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
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
		secrets?: Array<string | undefined>;
	},
): NodeApiError {
	const secrets = options.secrets ?? [];
	const message = redact(options.message, secrets);
	const description = options.description === undefined ? undefined : redact(options.description, secrets);
	const details = options.details ? (JSON.parse(redact(JSON.stringify(options.details), secrets)) as IDataObject) : undefined;
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
export function asNodeError(node: INode, error: unknown, secrets: Array<string | undefined> = []): NodeApiError | NodeOperationError {
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

/**
 * The body of a failed request that asked for a stream (downloads): reads at most `maxBytes` of it
 * so an error page can be reported, then parses it like parseResponseBody.
 */
export async function readErrorBody(body: unknown, maxBytes = 64 * 1024): Promise<unknown> {
	if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') return parseResponseBody(body);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body as AsyncIterable<Buffer | string>) {
		const buffer = Buffer.from(chunk);
		chunks.push(buffer);
		size += buffer.length;
		if (size >= maxBytes) break;
	}
	(body as { destroy?: () => void }).destroy?.();
	return parseResponseBody(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
}
