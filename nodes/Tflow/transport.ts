/**
 * The only module that speaks HTTP to tFLOW: base URL, authentication through the tflowApi
 * credential (token fetched by preAuthentication and refreshed on 401 by n8n), read retries,
 * tFLOW's error envelope, streamed multipart uploads and streamed downloads.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	INode,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { tflowBaseUrl } from '../../credentials/TflowApi.credentials';
import type { StreamedResponse, UploadSource } from '../shared/binary';
import { multipartForm } from '../shared/binary';
import { readListPrefix, type ListPrefix } from '../shared/listPrefix';
import { loadedCredential } from '../shared/loadedCredential';
import {
	apiError,
	describeFailure,
	neverReachedServer,
	parseResponseBody,
	readErrorBody,
	retriesNote,
	withReadRetries,
	type HttpFailure,
} from '../shared/http';

export type TflowContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const TFLOW_CREDENTIAL = 'tflowApi';

export interface TflowRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v2, e.g. `/job/123`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

/**
 * The secrets a request is sent with (client secret, access token). tFLOW's answers may echo them,
 * so they are taken out of every error built from an answer.
 */
type Secrets = Set<string>;

function collectSecrets(secrets: Secrets | undefined, credentials: IDataObject) {
	for (const value of [credentials.clientSecret, credentials.accessToken]) {
		if (typeof value === 'string' && value !== '') secrets?.add(value);
	}
}

/** The request's options and the credential they were built from (loaded once per request). */
async function baseOptions(
	this: TflowContext,
	request: TflowRequest,
	secrets?: Secrets,
): Promise<{ options: IHttpRequestOptions; credentials: ICredentialDataDecryptedObject }> {
	const credentials = await this.getCredentials(TFLOW_CREDENTIAL);
	collectSecrets(secrets, credentials);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${tflowBaseUrl(credentials.instanceUrl)}/api/v2${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	};
	return { options, credentials };
}

/** Whether a request may have created or changed something: such requests are never retried. */
function isRead(method: IHttpRequestMethods) {
	return method === 'GET' || method === 'HEAD';
}

interface FullResponse<B = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: B;
}

/** A non-2xx answer to a read, kept whole: its Retry-After decides the next attempt. */
class FailedAnswer extends Error {
	readonly response: { status: number; headers: Record<string, unknown>; data: unknown };

	constructor(answer: FullResponse) {
		super(`HTTP ${answer.statusCode}`);
		this.response = { status: answer.statusCode, headers: answer.headers ?? {}, data: answer.body };
	}
}

/**
 * Sends a read and returns the whole answer. Its status is read here rather than by n8n, whose
 * errors drop the response headers (and with them Retry-After). n8n renews the token by itself only
 * when a request throws 401, so after a 401 the read is sent once more with the token left empty,
 * which makes n8n fetch and store a new one first.
 */
async function sendRead<B>(this: TflowContext, options: IHttpRequestOptions, credentials: ICredentialDataDecryptedObject): Promise<FullResponse<B>> {
	const fullOptions: IHttpRequestOptions = { ...options, returnFullResponse: true, ignoreHttpStatusErrors: true };
	let answer = (await this.helpers.httpRequestWithAuthentication.call(
		this,
		TFLOW_CREDENTIAL,
		fullOptions,
		loadedCredential(TFLOW_CREDENTIAL, credentials),
	)) as FullResponse<B>;
	if (answer.statusCode === 401) {
		(answer.body as { destroy?: () => void } | undefined)?.destroy?.();
		const current = await this.getCredentials(TFLOW_CREDENTIAL);
		answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			TFLOW_CREDENTIAL,
			fullOptions,
			loadedCredential(TFLOW_CREDENTIAL, { ...current, accessToken: '' }),
		)) as FullResponse<B>;
	}
	if (answer.statusCode >= 400) {
		throw new FailedAnswer({ ...answer, body: await readErrorBody(answer.body) });
	}
	return answer;
}

/**
 * The NodeApiError for a failed request, built from tFLOW's answer without the request's secrets.
 * `attempts` is set when a read gave up after its retries.
 */
async function explain(this: TflowContext, error: unknown, request: TflowRequest, secrets: Secrets, attempts?: number): Promise<NodeApiError> {
	if (error instanceof NodeApiError && error.context.tflow === true) return error;
	const failure = describeFailure(error);
	failure.body = await readErrorBody(failure.body);
	// A renewed token is in the credential by now.
	collectSecrets(secrets, await this.getCredentials(TFLOW_CREDENTIAL));
	return tflowError(this.getNode(), failure, request, retriesNote(attempts), [...secrets]);
}

/**
 * Sends one request to the tFLOW API and returns the parsed JSON. Reads are retried on 429, 5xx
 * gateway errors and resets with backoff; writes are sent once (a lost answer to a create must not
 * create a second job). With `listPrefix`, a read's answer is read only up to the limit of its list.
 */
export async function tflowRequest<T = unknown>(this: TflowContext, request: TflowRequest, listPrefix?: ListPrefix): Promise<T> {
	const secrets: Secrets = new Set();
	const fail = async (error: unknown, attempts?: number) => await explain.call(this, error, request, secrets, attempts);
	const send = async () => {
		const { options, credentials } = await baseOptions.call(this, request, secrets);
		if (isRead(request.method)) {
			if (listPrefix) options.encoding = 'stream';
			const { body } = await sendRead.call<TflowContext, [IHttpRequestOptions, ICredentialDataDecryptedObject], Promise<FullResponse<T>>>(this, options, credentials);
			return listPrefix ? ((await readListPrefix(body, listPrefix)) as T) : body;
		}
		return (await this.helpers.httpRequestWithAuthentication.call(this, TFLOW_CREDENTIAL, options, loadedCredential(TFLOW_CREDENTIAL, credentials))) as T;
	};
	if (isRead(request.method)) return await withReadRetries(send, fail);
	try {
		return await send();
	} catch (error) {
		throw await fail(error);
	}
}

/**
 * Fetches a list (tFLOW answers lists as bare arrays) and applies Return All / Limit. tFLOW does
 * not page, so with a limit the answer is read only up to the limit and the connection closed.
 */
export async function tflowList<T = IDataObject>(
	this: TflowContext,
	request: Omit<TflowRequest, 'method'>,
	options: { returnAll?: boolean; limit?: number } = { returnAll: true },
): Promise<T[]> {
	const limit = options.returnAll === false ? Math.max(0, options.limit ?? 50) : undefined;
	const response = await tflowRequest.call<TflowContext, [TflowRequest, ListPrefix | undefined], Promise<unknown>>(
		this,
		{ ...request, method: 'GET' },
		limit === undefined ? undefined : { limit },
	);
	const list = Array.isArray(response) ? (response as T[]) : response ? [response as T] : [];
	return limit === undefined ? list : list.slice(0, limit);
}

/**
 * Sends a multipart/form-data request with the parameters as a `_json` part and the file as an
 * `artwork` part, streaming the file. The token is checked first by `warmUp` (a cheap read that
 * lets n8n refresh an expired token), so that a large file is not sent only to be refused. If
 * tFLOW still answers 401, it did not process the upload, so the token is refreshed and the file
 * sent once more from the start.
 */
export async function tflowUpload<T = IDataObject>(
	this: IExecuteFunctions,
	request: {
		path: string;
		json: IDataObject;
		source: UploadSource;
		itemIndex: number;
		warmUp: () => Promise<unknown>;
		/** Skip the first warm-up: the caller has just made an authenticated request. */
		tokenJustChecked?: boolean;
	},
): Promise<T> {
	const described: TflowRequest = { method: 'POST', path: request.path, itemIndex: request.itemIndex };
	const secrets: Secrets = new Set();
	if (!request.tokenJustChecked) await request.warmUp();
	for (let attempt = 1; ; attempt++) {
		const { options } = await baseOptions.call(this, described, secrets);
		// axios, inside n8n's helpers, streams this form and sets its Content-Type and Content-Length.
		options.body = multipartForm([['_json', JSON.stringify(request.json)]], { field: 'artwork', source: request.source }) as unknown as IDataObject;
		options.json = false;
		options.returnFullResponse = true;
		// Answers are handled here: a 401 renews the token through warmUp before the one resend.
		options.ignoreHttpStatusErrors = true;
		// With redirects allowed, n8n's HTTP client keeps a copy of the whole body for a possible
		// replay: a 1 GB artwork would sit in memory. tFLOW's upload endpoints do not redirect.
		options.disableFollowRedirect = true;
		let response: { statusCode: number; body: unknown; headers: IDataObject };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, TFLOW_CREDENTIAL, options)) as typeof response;
		} catch (error) {
			// Without an answer the outcome of the upload is unknown, which the error says.
			throw await explain.call(this, error, described, secrets);
		}
		const parsed = parseResponseBody(response.body);
		if (response.statusCode === 401 && attempt === 1) {
			await request.warmUp();
			continue;
		}
		if (response.statusCode >= 400) {
			const answer = { response: { status: response.statusCode, headers: response.headers, data: parsed } };
			throw await explain.call(this, answer, described, secrets);
		}
		return parsed as T;
	}
}

/** Opens a file download as a stream (retrying transient failures before the body starts). */
export async function tflowDownload(this: IExecuteFunctions, request: Omit<TflowRequest, 'method'>): Promise<StreamedResponse> {
	const described: TflowRequest = { ...request, method: 'GET' };
	const secrets: Secrets = new Set();
	const send = async () => {
		const { options, credentials } = await baseOptions.call(this, described, secrets);
		options.json = false;
		options.encoding = 'stream';
		// Unencoded, so that the Content-Length is the size n8n stores (see binaryFromDownload).
		options.headers = { 'Accept-Encoding': 'identity' };
		const answer = await sendRead.call<IExecuteFunctions, [IHttpRequestOptions, ICredentialDataDecryptedObject], Promise<FullResponse<StreamedResponse['body']>>>(
			this,
			options,
			credentials,
		);
		return answer as unknown as StreamedResponse;
	};
	return await withReadRetries(send, async (error, attempts) => await explain.call(this, error, described, secrets, attempts));
}

/** tFLOW's `{error, messages: {field: [text, ...]}}` as "field: text; field: text". */
export function formatTflowMessages(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : undefined;
	const { messages, message, error, error_description: errorDescription } = body as {
		messages?: unknown;
		message?: unknown;
		error?: unknown;
		error_description?: unknown;
	};
	const parts: string[] = [];
	if (messages && typeof messages === 'object') {
		for (const [field, texts] of Object.entries(messages as Record<string, unknown>)) {
			const list = Array.isArray(texts) ? texts : [texts];
			for (const text of list) parts.push(/^\d+$/.test(field) ? String(text) : `${field}: ${String(text)}`);
		}
	} else if (typeof messages === 'string' && messages.trim()) {
		parts.push(messages.trim());
	}
	if (parts.length === 0 && typeof message === 'string') parts.push(message);
	if (parts.length === 0 && typeof errorDescription === 'string') parts.push(errorDescription);
	if (parts.length === 0 && typeof error === 'string') parts.push(error);
	return parts.length ? parts.join('; ') : undefined;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'tFLOW rejected the request',
	401: 'tFLOW did not accept the credentials',
	403: 'The tFLOW user of this credential is not allowed to do this',
	404: 'Not found in tFLOW',
	409: 'tFLOW reported a conflict',
	422: 'tFLOW rejected the request',
	429: 'tFLOW is rate limiting requests',
	500: 'tFLOW had an internal error',
	502: 'tFLOW is not reachable (bad gateway)',
	503: 'tFLOW is unavailable',
	504: 'tFLOW did not answer in time (gateway timeout)',
};

/** A readable NodeApiError from a failed tFLOW call, without request details or tokens. */
export function tflowError(node: INode, failure: HttpFailure, request: TflowRequest, note?: string, secrets: string[] = []) {
	const apiText = formatTflowMessages(failure.body);
	const status = failure.status;
	const code = failure.code ?? failure.message;
	let head: string;
	if (status) head = STATUS_TEXT[status] ?? `tFLOW answered HTTP ${status}`;
	else if (neverReachedServer(failure)) head = `Could not reach tFLOW (${code})`;
	else head = `The connection to tFLOW broke before its answer arrived (${code})`;
	// A write that reached tFLOW and got no answer, or a server error, may still have been carried out.
	const outcomeUnknown = !isRead(request.method) && (status === undefined ? !neverReachedServer(failure) : status >= 500);
	let description = `${request.method} /api/v2${request.path}`;
	if (outcomeUnknown) {
		const why = status ? `tFLOW answered with a server error (HTTP ${status})` : 'the connection failed after the request was sent';
		description += ` — ${why}, so it is unknown whether tFLOW processed it. Check tFLOW before running the node again; it was not retried to avoid duplicates.`;
	} else if (note) {
		description += ` — ${note}`;
	}
	const error = apiError(node, {
		message: apiText ? `${head}: ${apiText}` : head,
		description,
		status,
		itemIndex: request.itemIndex,
		details: apiText ? { apiMessage: apiText } : undefined,
		secrets,
	});
	error.context.tflow = true;
	return error;
}
