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
import { createHash } from 'node:crypto';

import { tflowBaseUrl } from '../../credentials/TflowApi.credentials';
import type { StreamedResponse, UploadSource } from '../shared/binary';
import { multipartForm } from '../shared/binary';
import {
	apiError,
	describeFailure,
	failedAnswer,
	formEncoded,
	failureHead,
	isRead,
	parseResponseBody,
	readErrorBody,
	retriesNote,
	Secrets,
	listLimit,
	sliceList,
	withReadRetries,
	writeOutcome,
	type FullResponse,
	type HttpFailure,
	withQuery,
} from '../shared/http';
import { readListPrefix, type ListPrefix } from '../shared/listPrefix';
import { loadedCredential } from '../shared/loadedCredential';
import { parameterSecrets } from '../shared/parameterSecrets';
import { checkedPath } from '../shared/paths';
import { tokenFailure } from '../shared/token';
import { Deadline, followSameOrigin, holdToDeadline, limitDownload, readJsonAnswer, TRANSFER_LIMITS, withinReadDeadline } from '../shared/transfer';
import { formatTflowMessages } from './helpers/messages';

export type TflowContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export const TFLOW_CREDENTIAL = 'tflowApi';

export interface TflowRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v2, e.g. `/job/123`. */
	path: string;
	/** Set to `/api` for the one call outside /api/v2, GET /api/version. */
	apiRoot?: '/api';
	qs?: IDataObject;
	body?: IDataObject;
	/** A body sent form-encoded instead of as JSON (the Custom API Call's form body). */
	form?: IDataObject;
	itemIndex?: number;
}

/** The client secret and access token: tFLOW's answers may echo them, so no error carries them. */
function collectSecrets(secrets: Secrets, credentials: IDataObject) {
	secrets.add(credentials.clientSecret, credentials.accessToken);
}

/** The request's options and the credential they were built from (loaded once per request). */
async function baseOptions(
	this: TflowContext,
	request: TflowRequest,
	secrets: Secrets,
): Promise<{ options: IHttpRequestOptions; credentials: ICredentialDataDecryptedObject }> {
	const path = checkedPath(this.getNode(), request.path, request.itemIndex);
	const credentials = await this.getCredentials(TFLOW_CREDENTIAL);
	collectSecrets(secrets, credentials);
	secrets.add(...parameterSecrets(this, request.itemIndex));
	const options: IHttpRequestOptions = {
		method: request.method,
		url: withQuery(`${tflowBaseUrl(credentials.instanceUrl)}${request.apiRoot ?? '/api/v2'}${path}`, request.qs),
		body: request.body,
		json: true,
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		// The credential adds the Bearer token to every hop n8n follows, whatever its host.
		disableFollowRedirect: true,
	};
	if (request.form) {
		options.body = formEncoded(request.form);
		options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	}
	return { options, credentials };
}

/**
 * Renewals of a refused token under way in this n8n process, by credential and token. tFLOW keeps
 * one active token per key: executions refused with the same token wait for one renewal and use
 * its token, as each token fetched besides would revoke the one fetched before.
 */
const renewals = new Map<string, Promise<unknown>>();

function renewalKey(node: INode, token: unknown) {
	const credential = node.credentials?.[TFLOW_CREDENTIAL]?.id ?? node.name;
	return `${credential}:${createHash('sha256').update(String(token ?? '')).digest('hex')}`;
}

/** A token in the credential that is not the one tFLOW refused: someone renewed it meanwhile. */
const renewedSince = (current: ICredentialDataDecryptedObject, refused: unknown) =>
	typeof current.accessToken === 'string' && current.accessToken !== '' && current.accessToken !== refused;

/**
 * Sends one hop and returns the whole answer. Its status is read here rather than by n8n, whose
 * errors drop the response headers (and with them Retry-After and Location), and whose own
 * handling of a 401 always fetches a new token. After a 401 (nothing was processed) the credential
 * is loaded again: a token another execution renewed meanwhile is used as it is; only when the
 * credential still holds the refused token is it left empty, which makes n8n fetch and store a new
 * one before the request goes once more.
 */
async function sendHop<B>(
	this: TflowContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	secrets: Secrets,
	deadline?: Deadline,
): Promise<FullResponse<B>> {
	const send = async (data: ICredentialDataDecryptedObject) => {
		const hop = { ...options };
		deadline?.apply(hop);
		try {
			return (await this.helpers.httpRequestWithAuthentication.call(this, TFLOW_CREDENTIAL, hop, loadedCredential(TFLOW_CREDENTIAL, data))) as FullResponse<B>;
		} finally {
			// The token sent (one fetched meanwhile is in `data` too): the credential may hold another by the time an error is built.
			secrets.add(data.accessToken);
		}
	};
	const discard = (answer: FullResponse<B>) => (answer.body as { destroy?: () => void } | undefined)?.destroy?.();
	// n8n's preAuthentication writes a token it fetches into `credentials`: this is the token sent.
	let answer = await send(credentials);
	if (answer.statusCode !== 401) return answer;
	discard(answer);
	let refused = credentials.accessToken;
	let current = await this.getCredentials(TFLOW_CREDENTIAL);
	if (renewedSince(current, refused)) {
		answer = await send(current);
		if (answer.statusCode !== 401) return answer;
		// That token is refused too: renewed below, once.
		discard(answer);
		refused = current.accessToken;
	}
	const key = renewalKey(this.getNode(), refused);
	const pending = renewals.get(key);
	if (pending) {
		await pending.catch(() => undefined);
		current = await this.getCredentials(TFLOW_CREDENTIAL);
		if (renewedSince(current, refused)) return await send(current);
	}
	const renewal = send({ ...current, accessToken: '' });
	renewals.set(key, renewal);
	try {
		return await renewal;
	} finally {
		if (renewals.get(key) === renewal) renewals.delete(key);
	}
}

/** A read: redirects followed within tFLOW only, error answers thrown as FailedAnswers. */
async function sendRead<B>(
	this: TflowContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	secrets: Secrets,
	deadline?: Deadline,
): Promise<FullResponse<B>> {
	const answer = await followSameOrigin<B>(
		async (hop) =>
			await sendHop.call<TflowContext, [IHttpRequestOptions, ICredentialDataDecryptedObject, Secrets, Deadline?], Promise<FullResponse<B>>>(this, hop, credentials, secrets, deadline),
		options,
	);
	if (answer.statusCode >= 300) await failedAnswer(answer);
	return answer;
}

/**
 * The NodeApiError for a failed request, built from tFLOW's answer without the request's secrets.
 * `attempts` is set when a read gave up after its retries.
 */
async function explain(this: TflowContext, error: unknown, request: TflowRequest, secrets: Secrets, attempts?: number): Promise<NodeApiError> {
	if (error instanceof NodeApiError && error.context.tflow === true) return error;
	const token = tokenFailure(error);
	const failure = describeFailure(error);
	failure.body = await readErrorBody(token ? token.body : failure.body);
	if (token) Object.assign(failure, { status: token.status, code: token.code });
	// A renewed token is in the credential by now.
	collectSecrets(secrets, await this.getCredentials(TFLOW_CREDENTIAL));
	return tflowError(this.getNode(), failure, request, retriesNote(attempts), secrets, token !== undefined, token?.diagnosis);
}

/**
 * Sends one request to the tFLOW API and returns the parsed JSON. Reads are retried on 429, 5xx
 * gateway errors and resets with backoff, and their answers are capped in size; writes are sent once
 * (a lost answer to a create must not create a second job) and never redirected.
 */
export async function tflowRequest<T = unknown>(this: TflowContext, request: TflowRequest, listPrefix?: ListPrefix): Promise<T> {
	const secrets = new Secrets();
	const fail = async (error: unknown, attempts?: number) => await explain.call(this, error, request, secrets, attempts);
	if (isRead(request.method)) {
		// Headers and body within the read deadline: n8n's timeout ends with the headers.
		const read = async () =>
			await withinReadDeadline(async (deadline) => {
				const { options, credentials } = await baseOptions.call(this, request, secrets);
				options.encoding = 'stream';
				const answer = await sendRead.call<TflowContext, [IHttpRequestOptions, ICredentialDataDecryptedObject, Secrets, Deadline], Promise<FullResponse>>(
					this,
					options,
					credentials,
					secrets,
					deadline,
				);
				holdToDeadline(answer.body, deadline);
				return (listPrefix ? await readListPrefix(answer.body, listPrefix) : await readJsonAnswer(answer.body)) as T;
			});
		return await withReadRetries(read, fail);
	}
	const { options, credentials } = await baseOptions.call(this, request, secrets);
	try {
		// Answers are read here, so that a 401 is handled as for reads (sendHop), never by n8n.
		const answer = await sendHop.call<TflowContext, [IHttpRequestOptions, ICredentialDataDecryptedObject, Secrets], Promise<FullResponse<T>>>(
			this,
			{ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true },
			credentials,
			secrets,
		);
		if (answer.statusCode >= 300) await failedAnswer(answer);
		return answer.body;
	} catch (error) {
		throw await fail(error);
	}
}

/** Fetches a list (tFLOW answers lists as bare arrays) and applies Return All / Limit. */
export async function tflowList<T = IDataObject>(
	this: TflowContext,
	request: Omit<TflowRequest, 'method'>,
	options: { returnAll?: boolean; limit?: number } = { returnAll: true },
): Promise<T[]> {
	// With a limit, the answer is read only up to the limit-th element (tFLOW does not page lists).
	const limit = listLimit(options);
	const response = await tflowRequest.call<TflowContext, [TflowRequest, ListPrefix | undefined], Promise<unknown>>(
		this,
		{ ...request, method: 'GET' },
		limit === undefined ? undefined : { limit },
	);
	const list = Array.isArray(response) ? (response as T[]) : response ? [response as T] : [];
	return sliceList(list, options);
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
	const secrets = new Secrets();
	if (!request.tokenJustChecked) await request.warmUp();
	for (let attempt = 1; ; attempt++) {
		const { options, credentials } = await baseOptions.call(this, described, secrets);
		// axios, inside n8n's helpers, streams this form and sets its Content-Type and Content-Length.
		// Redirects stay off (baseOptions): followed, n8n's HTTP client would also keep a copy of
		// the whole body for a replay.
		options.body = multipartForm([['_json', JSON.stringify(request.json)]], { field: 'artwork', source: request.source }) as unknown as IDataObject;
		options.json = false;
		options.returnFullResponse = true;
		// Answers are handled here: a 401 renews the token through warmUp before the one resend.
		options.ignoreHttpStatusErrors = true;
		let response: { statusCode: number; body: unknown; headers: IDataObject };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				TFLOW_CREDENTIAL,
				options,
				loadedCredential(TFLOW_CREDENTIAL, credentials),
			)) as typeof response;
		} catch (error) {
			// The file stopped the incomplete request itself (its size was not the one announced).
			if (request.source.sizeMismatch) throw request.source.sizeMismatch;
			// Without an answer the outcome of the upload is unknown, which the error says.
			throw await explain.call(this, error, described, secrets);
		}
		const parsed = parseResponseBody(response.body);
		if (response.statusCode === 401 && attempt === 1) {
			await request.warmUp();
			continue;
		}
		if (response.statusCode >= 300) {
			const answer = { response: { status: response.statusCode, headers: response.headers, data: parsed } };
			throw await explain.call(this, answer, described, secrets);
		}
		return parsed as T;
	}
}

/**
 * Opens a file download as a stream (retrying transient failures before the body starts). The
 * whole download, body included, must end within TRANSFER_LIMITS.downloadDeadlineMs and, when
 * `maxBytes` (or TRANSFER_LIMITS.downloadMaxBytes) is set, stay within that size.
 */
export async function tflowDownload(
	this: IExecuteFunctions,
	request: Omit<TflowRequest, 'method'> & { maxBytes?: number },
): Promise<StreamedResponse> {
	const described: TflowRequest = { ...request, method: 'GET' };
	const secrets = new Secrets();
	const deadline = new Deadline(TRANSFER_LIMITS.downloadDeadlineMs);
	const send = async () => {
		const { options, credentials } = await baseOptions.call(this, described, secrets);
		options.json = false;
		options.encoding = 'stream';
		// Unencoded, so that the Content-Length is the size n8n stores (see binaryFromDownload).
		options.headers = { 'Accept-Encoding': 'identity' };
		const answer = await sendRead.call<IExecuteFunctions, [IHttpRequestOptions, ICredentialDataDecryptedObject, Secrets, Deadline], Promise<FullResponse<StreamedResponse['body']>>>(
			this,
			options,
			credentials,
			secrets,
			deadline,
		);
		limitDownload(answer.body, deadline, request.maxBytes ?? TRANSFER_LIMITS.downloadMaxBytes, Number(answer.headers['content-length']) || undefined);
		return answer as unknown as StreamedResponse;
	};
	return await withReadRetries(send, async (error, attempts) => await explain.call(this, deadline.passed ? deadline.error('The download') : error, described, secrets, attempts));
}

/** A readable NodeApiError from a failed tFLOW call, without request details or tokens. */
export function tflowError(
	node: INode,
	failure: HttpFailure,
	request: TflowRequest,
	note?: string,
	secrets: Secrets | string[] = [],
	tokenFailed = false,
	/** What a failed token request found out about the server (credentials/TflowApi.credentials.ts). */
	diagnosis?: string,
) {
	const apiText = formatTflowMessages(failure.body);
	const head = failureHead('tFLOW', failure);
	const outcome = writeOutcome('tFLOW', request.method, failure, tokenFailed);
	let description = `${request.method} ${request.apiRoot ?? '/api/v2'}${request.path}`;
	if (outcome) description += ` — ${outcome}`;
	else if (note) description += ` — ${note}`;
	if (diagnosis) description += ` — ${diagnosis}`;
	const error = apiError(node, {
		message: apiText ? `${head}: ${apiText}` : head,
		description,
		status: failure.status,
		itemIndex: request.itemIndex,
		details: apiText ? { apiMessage: apiText } : undefined,
		secrets,
	});
	error.context.tflow = true;
	return error;
}
