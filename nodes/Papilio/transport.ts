/**
 * The only module that speaks HTTP to brix:papilio: base URL and SSL rule, the two credentials
 * (papilioApi through n8n's preAuthentication; papilioOAuth2Api with papilio's own refresh
 * endpoint, see oauth2Send), read retries, papilio's error envelope and streamed downloads.
 */
import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { StreamedResponse } from '../shared/binary';
import {
	apiError,
	describeFailure,
	failedAnswer,
	failureHead,
	formEncoded,
	isRead,
	parseResponseBody,
	readErrorBody,
	retriesNote,
	Secrets,
	listLimit,
	sliceList,
	statusHead,
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
import { checkedPapilioBaseUrl, requestPapilioToken } from './token';

export type PapilioContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export type PapilioAuthentication = 'papilioApi' | 'papilioOAuth2Api';

export interface PapilioRequest {
	method: IHttpRequestMethods;
	/** Path below /api/v1, e.g. `/order/51038`. */
	path: string;
	qs?: IDataObject;
	/** Arguments of a POST, sent form-encoded. */
	form?: IDataObject;
	/** A JSON body instead (the Custom API Call's JSON body); papilio's own methods take forms. */
	json?: IDataObject;
	itemIndex?: number;
	/** Explains a `forbidden` answer when the document names the rule behind it (e.g. deleting orders). */
	forbiddenExplanation?: string;
}

/**
 * Which credential the node uses: its `authentication` parameter. Read the way n8n's own nodes
 * read it in every context type: `0` is the item in an execution and an unused fallback elsewhere
 * (the parameter always has its default).
 */
export function authenticationOf(context: PapilioContext): PapilioAuthentication {
	const value = (context as IExecuteFunctions).getNodeParameter('authentication', 0);
	return value === 'papilioOAuth2Api' ? 'papilioOAuth2Api' : 'papilioApi';
}

async function credentialsAndBase(this: PapilioContext, request: PapilioRequest) {
	const type = authenticationOf(this);
	const credentials = await this.getCredentials(type);
	try {
		return { type, credentials, base: checkedPapilioBaseUrl(credentials) };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex: request.itemIndex,
			description: 'Open the Brix:Papilio credential and correct its Server URL.',
		});
	}
}

/**
 * The credential's server URL (as checked for requests, without /api/v1): papilio's editor pages
 * (/edit/create/{id} and the like) live under it, not under the API.
 */
export async function papilioServerUrl(this: PapilioContext, itemIndex?: number): Promise<string> {
	return (await credentialsAndBase.call(this, { method: 'GET', path: '', itemIndex })).base;
}

function requestOptions(base: string, path: string, request: PapilioRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: withQuery(`${base}/api/v1${path}`, request.qs),
		json: true,
		// The credential adds the token (papilioApi) to every hop n8n follows, whatever its host.
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.form && Object.keys(request.form).length > 0) {
		options.body = formEncoded(request.form);
		options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	} else if (request.json) {
		options.body = request.json;
	}
	return options;
}

/**
 * The secrets a request is sent with: client secret (also as the Basic auth pair of the token
 * requests), password, access and refresh tokens. papilio's answers may echo them, so they are
 * taken out of every error built from an answer.
 */
function collectSecrets(secrets: Secrets, credentials: ICredentialDataDecryptedObject) {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	secrets.add(credentials.password, credentials.accessToken, credentials.refreshToken, tokenData.access_token, tokenData.refresh_token);
	secrets.addBasicPair(credentials.clientId, credentials.clientSecret);
}

/**
 * Sends a request with the node's credential and returns the whole answer; reads follow
 * redirects within papilio only, and error answers become FailedAnswers with their body read
 * (papilio's JSON envelope or a framework error page). papilioApi: n8n renews the token (the
 * credential's preAuthentication) only for a request that fails with 401, so after papilio
 * answers 401 (invalid_token, nothing was processed) the request goes once more that way.
 */
async function send(
	this: PapilioContext,
	request: PapilioRequest,
	secrets: Secrets,
	adjust: (options: IHttpRequestOptions) => void = () => {},
	deadline?: Deadline,
): Promise<FullResponse> {
	const path = checkedPath(this.getNode(), request.path, request.itemIndex);
	const { type, credentials, base } = await credentialsAndBase.call(this, request);
	collectSecrets(secrets, credentials);
	secrets.add(...parameterSecrets(this, request.itemIndex));
	const options = requestOptions(base, path, request);
	adjust(options);
	const hop = async (hopOptions: IHttpRequestOptions): Promise<FullResponse> => {
		if (type === 'papilioOAuth2Api') return await oauth2Send.call(this, credentials, hopOptions, request, secrets, deadline);
		// The first send hands n8n the credential loaded above; the resend after a 401 lets n8n load
		// it again, as another item may have renewed the token meanwhile.
		const once = async (acceptErrorAnswers: boolean) =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				'papilioApi',
				deadline ? deadline.apply({ ...hopOptions, ignoreHttpStatusErrors: acceptErrorAnswers }) : { ...hopOptions, ignoreHttpStatusErrors: acceptErrorAnswers },
				acceptErrorAnswers ? loadedCredential(type, credentials) : undefined,
			)) as FullResponse;
		const response = await once(true);
		if (response.statusCode !== 401) return response;
		await readErrorBody(response.body);
		return await once(false);
	};
	const response = isRead(request.method) ? await followSameOrigin(hop, options) : await hop(options);
	if (response.statusCode >= 300) await failedAnswer(response);
	return response;
}

/**
 * Access tokens renewed for papilioOAuth2Api credentials, by credential and refresh token. n8n's
 * OAuth2 support can only persist tokens it refreshed itself (at the access token URL, which
 * papilio rejects for refreshes), so renewed tokens live here, in this n8n process, until they
 * expire; another process renews once more with the stored refresh token.
 */
const renewedTokens = new Map<string, { accessToken: string; expiresAt: number }>();
const pendingRenewals = new Map<string, Promise<string>>();
const MAX_RENEWED_TOKENS = 200;

function renewalKey(node: INode, refreshToken: string) {
	const credentialId = node.credentials?.papilioOAuth2Api?.id ?? node.name;
	return `${credentialId}:${createHash('sha256').update(refreshToken).digest('hex')}`;
}

async function oauth2Send(
	this: PapilioContext,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	request: PapilioRequest,
	secrets: Secrets,
	deadline?: Deadline,
): Promise<FullResponse> {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const storedToken = typeof tokenData.access_token === 'string' ? tokenData.access_token : '';
	const refreshToken = typeof tokenData.refresh_token === 'string' ? tokenData.refresh_token : '';
	if (!storedToken) {
		throw new NodeOperationError(this.getNode(), 'The Brix:Papilio OAuth2 API credential is not connected', {
			itemIndex: request.itemIndex,
			description: 'Open the credential and click "Connect my account" to log in to papilio.',
		});
	}
	const key = renewalKey(this.getNode(), refreshToken);
	const renewed = renewedTokens.get(key);
	const accessToken = renewed && renewed.expiresAt > Date.now() ? renewed.accessToken : storedToken;
	// The token goes into papilio's access_token parameter, which n8n's OAuth2 signing (a Bearer
	// header) cannot do; so does the renewal, which n8n would send to the wrong endpoint.
	const withToken = async (token: string) => {
		secrets.add(token);
		const withAccessToken = { ...options, qs: { ...(options.qs ?? {}), access_token: token } };
		return (await this.helpers.httpRequest(deadline ? deadline.apply(withAccessToken) : withAccessToken)) as FullResponse;
	};
	const response = await withToken(accessToken);
	// papilio answers an expired token with 401 invalid_token; a 401 means nothing was processed.
	if (response.statusCode !== 401 || !refreshToken) return response;
	await readErrorBody(response.body);
	return await withToken(await renewOAuth2Token.call(this, credentials, key, refreshToken, request, secrets));
}

/** Renews the access token at /oauth/token/refresh, once at a time per credential. */
async function renewOAuth2Token(
	this: PapilioContext,
	credentials: ICredentialDataDecryptedObject,
	key: string,
	refreshToken: string,
	request: PapilioRequest,
	secrets: Secrets,
): Promise<string> {
	let pending = pendingRenewals.get(key);
	if (!pending) {
		pending = (async () => {
			const answer = await requestPapilioToken(this.helpers, credentials, '/oauth/token/refresh', {
				refresh_token: refreshToken,
			});
			const lifetimeSeconds = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 3600;
			if (renewedTokens.size >= MAX_RENEWED_TOKENS) renewedTokens.delete(renewedTokens.keys().next().value as string);
			renewedTokens.set(key, {
				accessToken: answer.access_token as string,
				// Renew a little early rather than send a token that expires in flight.
				expiresAt: Date.now() + Math.max(0, lifetimeSeconds - 60) * 1000,
			});
			return answer.access_token as string;
		})().finally(() => pendingRenewals.delete(key));
		pendingRenewals.set(key, pending);
	}
	try {
		return await pending;
	} catch (error) {
		const answer = tokenAnswer(error);
		if (answer?.status !== undefined && answer.status < 500) {
			const reconnect = apiError(this.getNode(), {
				message: 'papilio no longer accepts the refresh token of this Brix:Papilio OAuth2 API credential',
				description:
					'papilio refresh tokens expire after 30 days (or when the API client changes). Open the credential and click "Reconnect" to log in again.',
				status: answer.status,
				itemIndex: request.itemIndex,
				details: papilioErrorDetails(answer.body),
				secrets,
			});
			reconnect.context.papilio = true;
			throw reconnect;
		}
		// A network failure or a 5xx answer of the token endpoint: the request itself was not sent again.
		throw papilioError(this.getNode(), failureOf(error), request, undefined, secrets, true);
	}
}

/** papilio's answer to a failed token request, also when n8n wrapped the error (it keeps the context). */
function tokenAnswer(error: unknown): HttpFailure | undefined {
	const answer = tokenFailure(error);
	return answer && { status: answer.status, headers: {}, body: answer.body, code: answer.code, message: answer.message };
}

/**
 * Sends one request to the papilio API and returns the parsed answer. Reads are retried on 429,
 * gateway errors and resets; writes are sent once (apart from the retry after an invalid_token,
 * which papilio did not process).
 */
export async function papilioRequest(this: PapilioContext, request: PapilioRequest, listPrefix?: ListPrefix): Promise<IDataObject> {
	const secrets = new Secrets();
	const fail = async (error: unknown, attempts?: number) => await explained.call(this, error, request, secrets, attempts);
	// Reads come as a stream, so that their size can be capped (readJsonAnswer).
	const streamed = (options: IHttpRequestOptions) => {
		if (isRead(request.method)) options.encoding = 'stream';
	};
	const once = async (deadline?: Deadline) => {
		const { body } = await send.call(this, request, secrets, streamed, deadline);
		if (deadline) holdToDeadline(body, deadline);
		return (listPrefix && isRead(request.method) ? await readListPrefix(body, listPrefix) : await readJsonAnswer(body)) as IDataObject;
	};
	// Headers and body within the read deadline: n8n's timeout ends with the headers.
	if (isRead(request.method)) return await withReadRetries(async () => await withinReadDeadline(once), fail);
	try {
		return await once();
	} catch (error) {
		throw await fail(error);
	}
}

function failureOf(error: unknown): HttpFailure {
	return tokenAnswer(error) ?? describeFailure(error);
}

/**
 * The NodeApiError for a failed request, built from papilio's answer without the request's secrets.
 * `attempts` is set when a read gave up after its retries.
 */
async function explained(
	this: PapilioContext,
	error: unknown,
	request: PapilioRequest,
	secrets: Secrets,
	attempts?: number,
): Promise<NodeApiError | NodeOperationError> {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof NodeApiError && error.context.papilio === true) return error;
	// A token renewed by n8n during the request is in the credential by now.
	collectSecrets(secrets, await this.getCredentials(authenticationOf(this)));
	return papilioError(this.getNode(), failureOf(error), request, retriesNote(attempts), secrets, tokenFailure(error) !== undefined);
}

/** papilio's `{"success": "true"}` answer as a boolean. */
export function succeeded(answer: IDataObject): boolean {
	return answer?.success === true || answer?.success === 'true';
}

export type ListKey = 'orders' | 'messages' | 'children' | 'templates';

/** Fetches a list answer (`{count, orders: [...]}` etc.) and applies Return All / Limit. */
export async function papilioList(
	this: PapilioContext,
	request: Omit<PapilioRequest, 'method'>,
	key: ListKey,
	options: { returnAll?: boolean; limit?: number } = { returnAll: true },
): Promise<{ list: IDataObject[]; response: IDataObject }> {
	// papilio does not page: with a limit, the answer is read only up to the limit-th element of
	// its list and the connection closed (`response` then holds the fields before the list).
	const limit = listLimit(options);
	const response = await papilioRequest.call(this, { ...request, method: 'GET' }, limit === undefined ? undefined : { limit, key });
	const value = (response as IDataObject)?.[key];
	const list = Array.isArray(value) ? (value as IDataObject[]) : [];
	return { list: sliceList(list, options), response: response as IDataObject };
}

/**
 * Opens a file download as a stream (transient failures are retried before the body starts). The
 * whole download, body included, must end within TRANSFER_LIMITS.downloadDeadlineMs and, when
 * `maxBytes` (or TRANSFER_LIMITS.downloadMaxBytes) is set, stay within that size.
 */
export async function papilioDownload(
	this: IExecuteFunctions,
	request: Omit<PapilioRequest, 'method'> & { maxBytes?: number },
): Promise<StreamedResponse> {
	const described: PapilioRequest = { ...request, method: 'GET' };
	const secrets = new Secrets();
	const deadline = new Deadline(TRANSFER_LIMITS.downloadDeadlineMs);
	const open = async () => {
		const answer = await send.call(
			this,
			described,
			secrets,
			(options) => {
				options.json = false;
				options.encoding = 'stream';
				// Unencoded, so that the Content-Length is the size n8n stores (see binaryFromDownload).
				options.headers = { ...options.headers, 'Accept-Encoding': 'identity' };
			},
			deadline,
		);
		limitDownload(answer.body, deadline, request.maxBytes ?? TRANSFER_LIMITS.downloadMaxBytes, Number(answer.headers['content-length']) || undefined);
		return answer as unknown as StreamedResponse;
	};
	return await withReadRetries(
		open,
		async (error, attempts) => await explained.call(this, deadline.passed ? deadline.error('The download') : error, described, secrets, attempts),
	);
}

const ERROR_TEXT: Record<string, string> = {
	bad_request: 'papilio rejected the request: a required parameter is missing or a value is invalid',
	forbidden: 'The papilio user of this credential is not allowed to do this',
	not_found: 'Not found in papilio',
	method_not_allowed: 'papilio does not allow this HTTP method here',
	internal_server_error: 'papilio had an internal error (details are in the papilio server logs)',
	not_implemented: 'This papilio server does not offer this API method (it may run an older API version)',
	invalid_client: 'papilio does not know this API client or it may not be used this way: check Client ID and Client Secret',
	invalid_uri: 'papilio rejected the redirect URI: add n8n\'s OAuth callback URL to the API client in papilio (/admin/api)',
	invalid_grant: 'papilio rejected the grant (wrong credentials, or an expired code or refresh token)',
	invalid_request: 'papilio rejected the request as malformed',
	invalid_token: 'papilio did not accept the access token, even after renewing it',
	invalid_user: 'papilio rejected the user: check Username and Password, and that this user may use the API client',
};

/** papilio's `{error, error_description}` as details for the error item; a non-JSON body as it is. */
function papilioErrorDetails(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object') {
		const { error, error_description: description } = body as IDataObject;
		if (typeof error === 'string') {
			return { papilioError: error, ...(typeof description === 'string' ? { papilioErrorDescription: description } : {}) };
		}
	}
	if (typeof body === 'string' && body.trim()) return { papilioResponse: body.trim().slice(0, 500) };
	return undefined;
}

/** A readable NodeApiError from a failed papilio call, built only from papilio's answer. */
export function papilioError(
	node: INode,
	failure: HttpFailure,
	request: PapilioRequest,
	note?: string,
	secrets: Secrets | string[] = [],
	tokenFailed = false,
) {
	const body = parseResponseBody(failure.body);
	const details = papilioErrorDetails(body);
	const code = details?.papilioError as string | undefined;
	const apiText = (details?.papilioErrorDescription ?? details?.papilioResponse) as string | undefined;
	const status = failure.status;
	const head = code
		? ERROR_TEXT[code] ?? (status ? `${statusHead('papilio', status)} (${code})` : `papilio answered ${code}`)
		: failureHead('papilio', failure);
	const parts = [`${request.method} /api/v1${request.path}`];
	if (code === 'forbidden' && request.forbiddenExplanation) parts.push(request.forbiddenExplanation);
	const outcome = writeOutcome('papilio', request.method, failure, tokenFailed);
	if (outcome) parts.push(outcome);
	if (note) parts.push(note);
	const error = apiError(node, {
		message: apiText ? `${head}: ${apiText}` : head,
		description: parts.join(' — '),
		status,
		itemIndex: request.itemIndex,
		details,
		secrets,
	});
	error.context.papilio = true;
	return error;
}
