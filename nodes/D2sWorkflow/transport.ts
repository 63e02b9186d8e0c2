/**
 * The only module that speaks HTTP to D2S Workflow: `POST {baseUrl}/{labId}` with a JSON body
 * carrying `op` (the credential adds `secret`), answers read by their status code as the document
 * says, and errors built only from the answer, so the secret in the request body never reaches an
 * error, an output item or a log.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { d2sBaseUrl } from '../../credentials/D2sWorkflowApi.credentials';
import { apiError, describeFailure, neverReachedServer, parseResponseBody, Secrets, type HttpFailure, withQuery } from '../shared/http';
import { parameterSecrets } from '../shared/parameterSecrets';
import { checkedPath, pathSegment } from '../shared/paths';
import { Deadline } from '../shared/transfer';

export const D2S_CREDENTIAL = 'd2sWorkflowApi';

/** Pause before the single retry of a request that never reached the server. */
export const CONNECT_RETRY_DELAY_MS = 1000;

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

export interface D2sCall {
	op: string;
	/** Body fields besides `op` and `secret`. */
	fields: IDataObject;
	itemIndex: number;
	/** A total deadline over the whole call (from sending to the last byte of the answer). */
	timeoutMs: number;
	/** Added to the details of any error (e.g. the order reference), for continueOnFail items. */
	errorDetails?: IDataObject;
}

interface D2sEndpoint {
	url: string;
	labId: string;
	secret: string;
}

function endpoint(node: INode, credentials: ICredentialDataDecryptedObject, itemIndex?: number): D2sEndpoint {
	const labId = String(credentials.labId ?? '').trim();
	const baseUrl = d2sBaseUrl(credentials.baseUrl, labId);
	if (!labId || !/^https?:\/\//i.test(baseUrl)) {
		throw new NodeOperationError(node, 'The D2S Workflow credential needs a Base URL (http or https) and a Lab ID', { itemIndex });
	}
	return { url: `${baseUrl}/${pathSegment(node, labId, 'Lab ID (D2S Workflow credential)', itemIndex)}`, labId, secret: String(credentials.secret ?? '') };
}

/** One request to the lab URL (or a path below it) with the credential's secret added to the JSON body. */
interface LabRequest {
	method: IHttpRequestMethods;
	/** '' for the lab URL itself, else `/a/b` below it (already checked and encoded). */
	path: string;
	qs?: IDataObject;
	body: IDataObject;
	itemIndex: number;
	timeoutMs: number;
	errorDetails?: IDataObject;
}

/**
 * Sends one call and returns the body of a 2xx answer; every other answer becomes a NodeApiError.
 * Nothing is retried, because a put-order that reached the lab may have created an order, except
 * once when the connection was refused (the request provably never reached the server).
 */
export async function d2sRequest(this: IExecuteFunctions, call: D2sCall): Promise<IDataObject> {
	return await sendToLab.call(this, {
		method: 'POST',
		path: '',
		body: { op: call.op, ...call.fields },
		itemIndex: call.itemIndex,
		timeoutMs: call.timeoutMs,
		errorDetails: call.errorDetails,
	});
}

/**
 * The Custom API Call: any method and path below the lab URL, with the secret in the JSON body as
 * for every call (so a body is always sent). Sent once, like every D2S call.
 */
export async function d2sCustomRequest(
	this: IExecuteFunctions,
	request: { method: IHttpRequestMethods; path: string; qs: IDataObject; body?: IDataObject; itemIndex: number; timeoutMs: number },
): Promise<IDataObject> {
	return await sendToLab.call(this, { ...request, body: request.body ?? {} });
}

async function sendToLab(this: IExecuteFunctions, request: LabRequest): Promise<IDataObject> {
	const node = this.getNode();
	const target = endpoint(node, await this.getCredentials(D2S_CREDENTIAL, request.itemIndex), request.itemIndex);
	const context = { itemIndex: request.itemIndex, target, timeoutMs: request.timeoutMs, details: request.errorDetails, typedSecrets: parameterSecrets(this, request.itemIndex) };
	const deadline = new Deadline(request.timeoutMs);
	const url = withQuery(`${target.url}${request.path ? checkedPath(node, request.path, request.itemIndex) : ''}`, request.qs);
	let response: { statusCode: number; body: unknown } | undefined;
	for (let attempt = 1; response === undefined; attempt++) {
		try {
			const options = deadline.apply({
				method: request.method,
				url,
				headers: { ...JSON_HEADERS },
				body: { ...request.body },
				json: true,
				// Answers are read here by status code; n8n's own error would carry the request (and the secret).
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// The credential puts the secret into the body of every hop n8n follows, whatever its host.
				disableFollowRedirect: true,
			});
			response = (await this.helpers.httpRequestWithAuthentication.call(this, D2S_CREDENTIAL, options)) as { statusCode: number; body: unknown };
		} catch (error) {
			const failure = deadline.passed ? { ...describeFailure(error), code: 'ETIMEDOUT' } : describeFailure(error);
			if (attempt === 1 && neverReachedServer(failure) && !deadline.passed) {
				await sleep(CONNECT_RETRY_DELAY_MS);
				continue;
			}
			throw connectionError(node, failure, { ...context, attempts: attempt });
		}
	}
	const body = parseResponseBody(response.body);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		// D2S answers a JSON object; anything else is passed on as it came.
		return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : ({ body } as IDataObject);
	}
	throw d2sError(node, { status: response.statusCode, body }, context);
}

interface ErrorContext {
	itemIndex?: number;
	target: D2sEndpoint;
	timeoutMs?: number;
	details?: IDataObject;
	/** What the user typed into the operation's password fields (see parameterSecrets). */
	typedSecrets?: string[];
}

const MAY_HAVE_CREATED =
	'The lab may have created the order. Check it in D2S before running the node again: the node does not resend an order by itself, so that no order is created twice.';

function isTimeout(failure: HttpFailure) {
	return failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT' || /timeout/i.test(failure.message);
}

/** A failure without an HTTP answer: refused (never sent), timed out or cut (maybe processed). */
export function connectionError(node: INode, failure: HttpFailure, context: ErrorContext & { attempts: number }) {
	const where = context.target.url;
	const code = failure.code ?? 'no code';
	let message: string;
	let description: string;
	if (neverReachedServer(failure)) {
		message = `Could not connect to D2S Workflow at ${where}`;
		description = `The connection failed (${code}) on ${context.attempts === 1 ? 'the first try' : `all ${context.attempts} tries`}, so the order never reached the lab and none was created. Check the Base URL in the credential and that the service is up.`;
	} else if (failure.code === 'ERR_CANCELED') {
		message = 'The execution was stopped while D2S Workflow was processing the order';
		description = MAY_HAVE_CREATED;
	} else if (isTimeout(failure)) {
		const seconds = context.timeoutMs === undefined ? undefined : Math.round(context.timeoutMs / 1000);
		message = `D2S Workflow did not answer within ${seconds ?? 'the'} seconds`;
		description = `The lab downloads every image before it answers, so orders with many or large images take longer; raise Options › Timeout if needed. ${MAY_HAVE_CREATED}`;
	} else {
		message = 'The connection to D2S Workflow broke before its answer arrived';
		description = `The connection failed (${code}) after the order was sent. ${MAY_HAVE_CREATED}`;
	}
	return apiError(node, {
		message,
		description,
		itemIndex: context.itemIndex,
		details: { ...context.details, connectionError: code },
		secrets: new Secrets().add(context.target.secret, ...(context.typedSecrets ?? [])),
	});
}

/** `problems` of an invalid-by-spec answer as readable lines: `units[0].payload[1].image: should be a URL`. */
export function renderProblems(problems: unknown): string[] {
	const lines: string[] = [];
	const walk = (value: unknown, path: string, depth: number) => {
		if (value !== null && typeof value === 'object' && depth < 12) {
			const entries = Array.isArray(value) ? value.map((entry, index) => [String(index), entry] as const) : Object.entries(value);
			if (entries.length > 0 && entries.every(([, entry]) => entry === null || typeof entry !== 'object') && Array.isArray(value)) {
				lines.push(`${path || 'request'}: ${value.map((entry) => String(entry)).join('; ')}`);
				return;
			}
			for (const [key, entry] of entries) {
				const segment = /^\d+$/.test(key) ? `[${key}]` : path ? `.${key}` : key;
				walk(entry, `${path}${segment}`, depth + 1);
			}
			if (entries.length === 0 && path) lines.push(`${path}: (no details)`);
			return;
		}
		const text = typeof value === 'string' ? value : JSON.stringify(value);
		lines.push(path ? `${path}: ${text}` : text);
	};
	walk(problems, '', 0);
	return lines;
}

function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return '(empty)';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

function field(body: unknown, name: string): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const value = (body as IDataObject)[name];
	return value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Whether a 404's message says the lab itself is unknown. The document lists no 404; the node blames
 * the Lab ID only when the lab's own words name the lab ("Lab not found"), as the emulator answers.
 */
export function saysLabUnknown(message: string | undefined): boolean {
	if (message === undefined) return false;
	const text = message.trim();
	// "Lab not found", "The lab "x" does not exist", "Unknown lab"; not an order or path with "lab" in its name.
	return /^(the )?lab\b.*\b(not found|unknown|does not exist)/i.test(text) || /\b(unknown|no such) lab\b/i.test(text);
}

/**
 * The error for a non-2xx answer, read from the status code and, for 400, the `type` field (never
 * the human-readable `message`, which is only shown).
 */
export function d2sError(node: INode, answer: { status: number; body: unknown }, context: ErrorContext) {
	const { status, body } = answer;
	const apiMessage = field(body, 'message');
	const type = field(body, 'type');
	const said = apiMessage ? ` D2S said: "${apiMessage}".` : '';
	const details: IDataObject = { ...context.details };
	if (apiMessage) details.apiMessage = apiMessage;
	let message: string;
	let description: string;
	if (status === 400 && type) {
		details.type = type;
		switch (type) {
			case 'invalid-by-spec': {
				const problems = (body as IDataObject).problems;
				const lines = renderProblems(problems ?? {});
				details.problems = problems ?? null;
				const summary = lines.join('; ');
				message = `invalid-by-spec: the lab rejected the order data${summary ? ` (${summary.length > 300 ? `${summary.slice(0, 300)}…` : summary})` : ''}`;
				description = `Problems reported by D2S:\n${lines.map((line) => `• ${line}`).join('\n') || '• (none listed)'}\n${said.trim()}`;
				break;
			}
			case 'download-error': {
				const url = field(body, 'url');
				details.url = url ?? null;
				message = `download-error: the lab could not download ${url ?? 'an image'}`;
				description = `D2S downloads every image before it accepts the order; no order was created. Make sure the URL is public (reachable from the internet, not only from your network), answers with the image, and is not too slow.${said}`;
				break;
			}
			case 'wrong-base-id': {
				const id = field(body, 'id');
				details.id = id ?? null;
				message = `wrong-base-id: the lab does not know the base unit ID "${id ?? '?'}"`;
				description = `The base unit ID is the data-unit attribute of the lab's widget for the product.${said}`;
				break;
			}
			case 'slot-not-found':
				message = `slot-not-found: a slot name does not exist for its base unit${apiMessage ? ` (${apiMessage})` : ''}`;
				description = `Slot names are the ones the lab's demo widget form shows for the product, e.g. "Slot 1".${said}`;
				break;
			default:
				message = `${type}: ${apiMessage ?? 'D2S Workflow rejected the request'}`;
				description = `D2S answered 400 with type "${type}". Response: ${describeBody(body)}`;
		}
	} else if (status === 401) {
		message = 'D2S Workflow did not accept the secret (401 Unauthorized)';
		description = `Check the Secret and the Lab ID in the D2S Workflow credential.${said}`;
	} else if (status === 404) {
		// What was not found is the lab's to say: an unknown lab, but also an unknown order or path.
		const notFound = apiMessage ?? field(body, 'error');
		if (saysLabUnknown(notFound)) {
			message = `D2S Workflow does not know the lab "${context.target.labId}" (404 Not Found): ${notFound}`;
			description = `Check the Lab ID and the Base URL (it ends with /api/v1) in the D2S Workflow credential.${said}`;
		} else if (notFound) {
			message = `D2S Workflow answered 404 Not Found: ${notFound}`;
			description = `The lab answered that what the request names does not exist. Response: ${describeBody(body)}`;
		} else {
			message = 'D2S Workflow answered 404 Not Found without saying what was not found';
			description = `Response: ${describeBody(body)}. If every call answers this, check the Base URL (it ends with /api/v1) and the Lab ID in the D2S Workflow credential.`;
		}
	} else if (status >= 500) {
		message = 'D2S server error, please report it';
		description = `D2S answered HTTP ${status}, which means a bug on the lab's side: report it to D2S with this response body. ${MAY_HAVE_CREATED} Response: ${describeBody(body)}`;
		details.responseBody = typeof body === 'object' && body !== null ? (body as IDataObject) : describeBody(body);
	} else {
		message = `D2S Workflow rejected the request (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`;
		description = `Response: ${describeBody(body)}`;
	}
	return apiError(node, {
		message,
		description,
		status,
		itemIndex: context.itemIndex,
		details,
		secrets: new Secrets().add(context.target.secret, ...(context.typedSecrets ?? [])),
	});
}
