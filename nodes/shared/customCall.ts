/**
 * The Custom API Call of every action node: its parameters, and the reading and checking of one
 * item's call (method, a path that stays under the system's API base, query, JSON or form body,
 * JSON or binary answer) before anything is sent. Each node sends the call through its own
 * transport, which adds the credential with the system's quirks.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StreamedResponse } from './binary';
import { binaryFromDownload } from './binary';
import { binaryOutputField, updateDisplayOptions } from './descriptions';
import type { Operation } from './dispatcher';
import { isDotSegment } from './paths';
import type { HiddenFromTool } from './tool';
import { runsAsTool } from './tool';
import { hasOwn, invalidInput, parseJsonParameter, requireString, setOwn } from './validation';

export type CustomBodyType = 'json' | 'form';

export interface CustomCallSystem {
	/** The product name, as errors and descriptions say it. */
	system: string;
	/** The resource value of the custom call in the node. */
	resource: string;
	/** The API base the path is below, as users see it, e.g. `/api/v2` (a pasted path may start with it). */
	basePath: string;
	/** The Path field's placeholder. */
	placeholder: string;
	/** How the credential signs the call, in a few words, for the path's description. */
	auth: string;
	bodyTypes: CustomBodyType[];
	defaultMethod: IHttpRequestMethods;
	/** Whether the path may be empty (the base itself is an endpoint, as D2S's lab URL). */
	emptyPath?: boolean;
	/** Whether a GET may ask for a binary answer. */
	binary?: boolean;
}

export interface CustomCall {
	method: IHttpRequestMethods;
	/** `/a/b`, each segment percent-encoded, or '' for the base itself. */
	path: string;
	qs: IDataObject;
	body?: { type: 'json' | 'form'; value: IDataObject };
	/** The output binary field when the answer is wanted as a file. */
	binaryPropertyName?: string;
}

export const CUSTOM_CALL_OPERATION = 'call';

/**
 * The AI tool variants do not offer the Custom API Call: any method to any path, chosen by a model,
 * could change anything the credential may change, past every operation's own checks and
 * descriptions. Run as a tool anyway (an imported workflow), it refuses before sending.
 */
export const CUSTOM_CALL_HIDDEN_FROM_TOOL: HiddenFromTool = { resource: 'customApiCall', operation: CUSTOM_CALL_OPERATION };

const METHODS: IHttpRequestMethods[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];

const BODY_TYPE_NAMES: Record<CustomBodyType, string> = { json: 'JSON', form: 'Form (URL-Encoded)' };

/** The operation and the fields of a node's custom call (the node lists the resource as `Custom API Call`). */
function customCallDescription(config: CustomCallSystem): INodeProperties[] {
	const withBody = METHODS.filter((method) => method !== 'GET');
	const method: INodeProperties = {
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((value) => ({ name: value, value })),
		default: 'GET',
		description: 'The HTTP method. Only GET is retried on a transient failure; a write is sent once, so that nothing is created twice.',
	};
	// Each system's usual method (D2S takes only POSTs), set after: n8n's lint wants a literal default.
	method.default = config.defaultMethod;
	const fields: INodeProperties[] = [
		method,
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: !config.emptyPath,
			placeholder: config.placeholder,
			description: `The path below ${config.system}'s API base (${config.basePath}), for an endpoint the node has no operation for. ${config.auth} No full URLs and no ".." segments: the call stays on the credential's server.`,
		},
		{
			displayName: 'Query Parameters',
			name: 'queryParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			options: [{ displayName: 'Parameter', name: 'parameter', values: nameValueFields('parameter') }],
		},
	];
	if (config.bodyTypes.length > 1) {
		const bodyType: INodeProperties = {
			displayName: 'Body',
			name: 'bodyType',
			type: 'options',
			options: config.bodyTypes.map((type) => ({ name: BODY_TYPE_NAMES[type], value: type })),
			default: 'json',
			displayOptions: { show: { method: withBody } },
		};
		// The system's own kind of body first (papilio's methods take forms), set after as above.
		bodyType.default = config.bodyTypes[0];
		fields.push(bodyType);
	}
	if (config.bodyTypes.includes('json')) {
		fields.push({
			displayName: 'JSON Body',
			name: 'jsonBody',
			type: 'json',
			default: '{}',
			description: 'A JSON object sent as the request body',
			displayOptions: { show: { method: withBody, ...(config.bodyTypes.length > 1 ? { bodyType: ['json'] } : {}) } },
		});
	}
	if (config.bodyTypes.includes('form')) {
		fields.push({
			displayName: 'Form Fields',
			name: 'formFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Field',
			default: {},
			options: [{ displayName: 'Field', name: 'field', values: nameValueFields('field') }],
			displayOptions: { show: { method: withBody, bodyType: ['form'] } },
		});
	}
	if (config.binary) {
		fields.push(
			{
				displayName: 'Response',
				name: 'responseFormat',
				type: 'options',
				options: [
					{ name: 'JSON', value: 'json', description: 'The answer as output items (a list becomes one item per entry)' },
					{ name: 'File', value: 'file', description: 'The answer as a file in a binary field' },
				],
				default: 'json',
				displayOptions: { show: { method: ['GET'] } },
			},
			{ ...binaryOutputField, displayOptions: { show: { method: ['GET'], responseFormat: ['file'] } } },
		);
	}
	const operation: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [config.resource] } },
		options: [
			{
				name: 'Make an API Call',
				value: CUSTOM_CALL_OPERATION,
				action: 'Make a custom API call',
				description: `Sends any method to any path under ${config.system}'s API base with this node's credential, for an endpoint the node has no operation for. Changes ${config.system} as far as the endpoint does (a GET changes nothing); only a GET is retried.`,
			},
		],
		default: CUSTOM_CALL_OPERATION,
	};
	return [operation, ...updateDisplayOptions({ show: { resource: [config.resource], operation: [CUSTOM_CALL_OPERATION] } }, fields)];
}

function nameValueFields(what: string): INodeProperties[] {
	return [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: `Name of the ${what}` },
		{ displayName: 'Value', name: 'value', type: 'string', default: '', description: `Value of the ${what}` },
	];
}

/** A URL scheme (`https:`, `javascript:`) or a protocol-relative start (`//host`). */
const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
/** Characters a path segment keeps as they are after re-encoding (RFC 3986 sub-delims, `:` and `@`). */
const SEGMENT_KEEP = /%(?:3A|40|24|26|2B|2C|3B|3D)/gi;
/** Longer paths are refused rather than sent: no API path of these systems comes close. */
const MAX_PATH_LENGTH = 2000;
/** How often a segment is decoded at most: `%252e%252e` is `..` after two rounds. */
const MAX_DECODE_ROUNDS = 5;

/** A segment with every round of percent-encoding undone, or undefined when it is not valid encoding. */
function fullyDecoded(segment: string): string | undefined {
	let current = segment;
	for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
		let next: string;
		try {
			next = decodeURIComponent(current);
		} catch {
			return undefined;
		}
		if (next === current) return current;
		current = next;
	}
	return current;
}

/**
 * The path of a custom call, checked to stay below the API base and re-encoded segment by segment:
 * no URL, no `..` or `.` (also percent-encoded, in any number of rounds), no encoded `/` or `\`, no
 * empty segment, no `?` or `#` (query parameters have their own field). A leading copy of the base
 * path (pasted from the API documentation) is dropped.
 */
export function customCallPath(node: INode, value: unknown, itemIndex: number, config: Pick<CustomCallSystem, 'basePath' | 'emptyPath'>, field = 'Path'): string {
	if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(node, field, itemIndex, `must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
	}
	const text = String(value ?? '').trim();
	if (text.length > MAX_PATH_LENGTH) throw invalidInput(node, field, itemIndex, `is longer than ${MAX_PATH_LENGTH} characters`);
	const refuse = (problem: string) =>
		invalidInput(node, field, itemIndex, problem, `Enter a path below the API base (${config.basePath}), e.g. /job/123: the call always goes to the credential's server.`);
	if (ABSOLUTE.test(text) || text.includes('\\')) throw refuse(`"${text.slice(0, 200)}" is not a path below the API base (full URLs are not allowed)`);
	if (/[?#]/.test(text)) throw refuse('must not contain "?" or "#": put query parameters in Query Parameters');
	if ([...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) throw refuse('must not contain control characters');
	let relative = text.replace(/^\//, '');
	const base = config.basePath.replace(/^\//, '');
	if (relative === base) relative = '';
	else if (relative.startsWith(`${base}/`)) relative = relative.slice(base.length + 1);
	if (relative === '') {
		if (config.emptyPath) return '';
		throw invalidInput(node, field, itemIndex, 'is required');
	}
	const segments = relative.split('/').map((segment) => {
		const decoded = fullyDecoded(segment);
		if (decoded === undefined) throw refuse(`"${segment.slice(0, 100)}" is not valid percent-encoding`);
		if (decoded === '') throw refuse('must not have empty segments ("//" or a "/" at the end)');
		if (isDotSegment(decoded)) throw refuse('must not have "." or ".." segments (also with ";" parameters), which would leave the API base');
		if (/[/\\]/.test(decoded)) throw refuse(`"${segment.slice(0, 100)}" hides a "/" or "\\" in percent-encoding`);
		// fullyDecoded succeeded, so one round of decoding cannot throw.
		return encodeURIComponent(decodeURIComponent(segment)).replace(SEGMENT_KEEP, (match) => decodeURIComponent(match));
	});
	return `/${segments.join('/')}`;
}

function readPairs(context: IExecuteFunctions, parameter: string, key: string, field: string, itemIndex: number): IDataObject {
	const collection = context.getNodeParameter(parameter, itemIndex, {}) as IDataObject;
	const pairs = (collection?.[key] ?? []) as Array<{ name?: unknown; value?: unknown }>;
	const result: IDataObject = {};
	for (const [index, pair] of pairs.entries()) {
		const name = typeof pair.name === 'string' || typeof pair.name === 'number' ? String(pair.name).trim() : '';
		if (!name) throw invalidInput(context.getNode(), `${field} › Name`, itemIndex, `entry ${index + 1} has no name`);
		const value = pair.value === undefined || pair.value === null ? '' : typeof pair.value === 'object' ? JSON.stringify(pair.value) : String(pair.value);
		// Own properties only: names every object inherits (`toString`, `constructor`) or that set its
		// prototype (`__proto__`) are the user's names here, sent like any other.
		const earlier = hasOwn(result, name) ? result[name] : undefined;
		// A name given twice is sent twice (`a=1&a=2`), as query strings allow.
		const combined = earlier === undefined ? value : Array.isArray(earlier) ? [...(earlier as string[]), value] : [earlier as string, value];
		setOwn(result, name, combined);
	}
	return result;
}

/** An options parameter whose value, perhaps from an expression, must be one of `allowed`. */
function readChoice<T extends string>(context: IExecuteFunctions, parameter: string, field: string, itemIndex: number, allowed: readonly T[], fallback: T): T {
	const value = context.getNodeParameter(parameter, itemIndex, fallback) as unknown;
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw invalidInput(context.getNode(), field, itemIndex, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)?.slice(0, 100)}`);
	}
	return value as T;
}

/** Reads and checks one item's custom call; throws a NodeOperationError naming the field and item. */
function readCustomCall(this: IExecuteFunctions, itemIndex: number, config: CustomCallSystem): CustomCall {
	const node = this.getNode();
	const method = readChoice(this, 'method', 'Method', itemIndex, METHODS, config.defaultMethod);
	const path = customCallPath(node, this.getNodeParameter('path', itemIndex, ''), itemIndex, config);
	const call: CustomCall = { method, path, qs: readPairs(this, 'queryParameters', 'parameter', 'Query Parameters', itemIndex) };
	if (method !== 'GET') {
		const bodyType = config.bodyTypes.length > 1 ? readChoice(this, 'bodyType', 'Body', itemIndex, config.bodyTypes, config.bodyTypes[0]) : config.bodyTypes[0];
		if (bodyType === 'json') call.body = { type: 'json', value: parseJsonParameter(node, this.getNodeParameter('jsonBody', itemIndex, '{}'), 'JSON Body', itemIndex) };
		if (bodyType === 'form') call.body = { type: 'form', value: readPairs(this, 'formFields', 'field', 'Form Fields', itemIndex) };
	} else if (config.binary && readChoice(this, 'responseFormat', 'Response', itemIndex, ['json', 'file'], 'json') === 'file') {
		call.binaryPropertyName = requireString(node, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', itemIndex, 200);
	}
	return call;
}

/** What an item that went through did, for the partial-failure note of the dispatcher. */
function customCallDone(call: CustomCall): string {
	return `sent ${call.method} ${call.path || '/'}`;
}

/** A JSON answer as output items: a list of objects becomes one item per entry, anything else one item. */
function customCallItems(answer: unknown): IDataObject[] {
	if (Array.isArray(answer) && answer.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry))) return answer as IDataObject[];
	if (answer !== null && typeof answer === 'object' && !Array.isArray(answer)) return [answer as IDataObject];
	if (answer === undefined || answer === '') return [{}];
	return [{ data: answer as IDataObject[keyof IDataObject] }];
}

/** The file name of a downloaded answer when the server names none: the path's last segment. */
function customCallFileName(call: CustomCall): string {
	const last = call.path.split('/').pop();
	return last ? decodeURIComponent(last) : 'response';
}

/** How a node sends a checked custom call through its transport. */
export interface CustomCallSender {
	json(call: CustomCall): Promise<unknown>;
	file?(call: CustomCall): Promise<StreamedResponse>;
}

/** Sends one item's call and shapes the answer: JSON as items, a file into its binary field. */
async function runCustomCall(
	context: IExecuteFunctions,
	itemIndex: number,
	call: CustomCall,
	send: CustomCallSender,
): Promise<IDataObject[] | INodeExecutionData> {
	if (call.binaryPropertyName && send.file) {
		const response = await send.file(call);
		const { binary, bytes } = await binaryFromDownload(context, response, { fileName: customCallFileName(call), itemIndex });
		return {
			json: { method: call.method, path: call.path, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: bytes },
			binary: { [call.binaryPropertyName]: binary },
		};
	}
	return customCallItems(await send.json(call));
}

/**
 * The whole Custom API Call operation of a node (its fields, the check of every item before the
 * first request, the partial-failure note and the run): the node gives only its system's config and
 * how its transport sends a checked call.
 */
export function customCallOperation(
	config: CustomCallSystem,
	sender: (context: IExecuteFunctions, itemIndex: number) => CustomCallSender,
): Operation<CustomCall> {
	return {
		description: customCallDescription(config),
		prepare(this: IExecuteFunctions, itemIndex: number) {
			if (runsAsTool(this)) {
				throw new NodeOperationError(this.getNode(), `The Custom API Call is not available to AI tools (item ${itemIndex})`, {
					itemIndex,
					description: `Give the agent the ${config.system} operations it needs instead, or make the call in the node itself: a request chosen by a model could change anything the credential may change.`,
				});
			}
			return readCustomCall.call(this, itemIndex, config);
		},
		done: (_output, call) => customCallDone(call),
		async execute(this: IExecuteFunctions, itemIndex: number, call: CustomCall) {
			return await runCustomCall(this, itemIndex, call, sender(this, itemIndex));
		},
	};
}
