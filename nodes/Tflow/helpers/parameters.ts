/**
 * Reading and validating the tFLOW node's parameters. Everything here runs before a request is
 * sent, so bad input stops an item with an error that names the field and the item.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import {
	invalidInput,
	pairsToObject,
	parseBoolean,
	parseId,
	parseJsonParameter,
	requireEmail,
	requireIsoDate,
	requireString,
	truncate,
} from '../../shared/validation';

/** A numeric id from a plain or resource-locator parameter (`{"__rl": true, "mode": "id", "value": "5"}` included). */
export function readId(this: IExecuteFunctions, parameter: string, itemIndex: number): number {
	const value = this.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true });
	return parseId(this.getNode(), value, parameter, itemIndex);
}

/** An ISO 8601 date; Luxon DateTime and Date values from expressions are converted first. */
export function readIsoDate(node: INode, value: unknown, field: string, itemIndex: number): string {
	let text = value;
	if (value instanceof Date) text = value.toISOString();
	else if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = (value as { toISO: () => string }).toISO();
	}
	return requireIsoDate(node, text, field, itemIndex);
}

/** Encodes a path segment that is not a number (webhook keys, queue ids such as `808:1`). */
export function pathSegment(value: string): string {
	return encodeURIComponent(value).replace(/%3A/gi, ':');
}

/** Free text: a string, or a number or boolean written as text; objects and lists are refused. */
function readText(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw invalidInput(node, field, itemIndex, `must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

type FieldKind = 'text' | 'number' | 'boolean' | 'id' | 'date' | 'email' | 'queue' | 'queues' | 'list';

/** How a node field (collection option) maps to a tFLOW API field. */
export interface FieldSpec {
	api: string;
	kind: FieldKind;
}

/** A production queue id, `<station id>:<queue id>` such as `808:1`. */
export function parseQueueId(node: INode, value: unknown, field: string, itemIndex: number): string {
	const id = requireString(node, value, field, itemIndex, 100);
	if (!/^\d+:\d+$/.test(id)) {
		throw invalidInput(node, field, itemIndex, `"${truncate(id)}" is not a tFLOW queue ID (expected the form 808:1)`);
	}
	return id;
}

function queueIds(node: INode, value: unknown, field: string, itemIndex: number): IDataObject[] {
	const ids = Array.isArray(value) ? value : String(value ?? '').split(',');
	return ids
		.map((id) => String(id).trim())
		.filter((id) => id !== '')
		.map((id) => ({ id: parseQueueId(node, id, field, itemIndex) }));
}

function convert(node: INode, value: unknown, kind: FieldKind, field: string, itemIndex: number): unknown {
	switch (kind) {
		case 'number': {
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (String(value).trim() === '' || !Number.isFinite(number)) {
				throw invalidInput(node, field, itemIndex, `must be a number, got "${String(value)}"`);
			}
			return number;
		}
		case 'boolean':
			return parseBoolean(node, value, field, itemIndex);
		case 'id':
			return parseId(node, value, field, itemIndex);
		case 'date':
			return readIsoDate(node, value, field, itemIndex);
		case 'email':
			return requireEmail(node, value, field, itemIndex);
		case 'queue':
			return parseQueueId(node, value, field, itemIndex);
		case 'queues':
			return queueIds(node, value, field, itemIndex);
		case 'list':
			return Array.isArray(value) ? value : [value];
		default:
			return readText(node, value, field, itemIndex);
	}
}

/**
 * The API body for the fields a user added to a collection, validated and renamed
 * (e.g. `attachProofs` → `attach_proofs`). Fields the user did not add are not sent.
 */
export function toApiBody(
	node: INode,
	itemIndex: number,
	values: IDataObject,
	specs: Record<string, FieldSpec>,
	options: { skipEmpty?: boolean } = {},
): IDataObject {
	const body: IDataObject = {};
	for (const [field, spec] of Object.entries(specs)) {
		const value = values[field];
		if (value === undefined || value === null) continue;
		if (options.skipEmpty && (value === '' || (Array.isArray(value) && value.length === 0))) continue;
		body[spec.api] = convert(node, value, spec.kind, field, itemIndex) as IDataObject[keyof IDataObject];
	}
	return body;
}

export { readReturnAllOrLimit } from '../../shared/validation';

/** Filters of a list operation as query parameters; filters left empty are not sent. */
export function readFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	specs: Record<string, FieldSpec>,
): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return toApiBody(this.getNode(), itemIndex, filters, specs, { skipEmpty: true });
}

/**
 * tFLOW's exact-match list filter (`filter[field]=<field>&filter[value]=<value>`) from the
 * `filters` collection; it filters on one field only.
 */
export function listFilterQuery(this: IExecuteFunctions, itemIndex: number, field: string): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const given = filters[field];
	const value = given === undefined || given === null ? '' : readText(this.getNode(), given, field, itemIndex);
	return value ? { 'filter[field]': field, 'filter[value]': value } : {};
}

/** User ids typed as "12, 14" (or a JSON array) as numbers. */
function userIdList(node: INode, value: unknown, field: string, itemIndex: number): number[] {
	const list = Array.isArray(value) ? value : String(value ?? '').replace(/^\s*\[|\]\s*$/g, '').split(',');
	return list
		.map((id) => String(id).trim())
		.filter((id) => id !== '')
		.map((id) => parseId(node, id, field, itemIndex));
}

function readInputMode(node: INode, value: unknown, field: string, itemIndex: number): 'keyValue' | 'json' {
	if (value === 'keyValue' || value === 'json') return value;
	throw invalidInput(node, field, itemIndex, `must be keyValue or json, got ${truncate(JSON.stringify(value) ?? String(value))}`);
}

/**
 * The dynamic properties (`props`) and `assignments` of an order or job, each entered as
 * key/value pairs or as JSON depending on its input mode. Empty pairs are not sent.
 */
export function readPropsAndAssignments(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const body: IDataObject = {};

	if (readInputMode(node, this.getNodeParameter('propsInputMode', itemIndex, 'keyValue'), 'propsInputMode', itemIndex) === 'json') {
		body.props = parseJsonParameter(node, this.getNodeParameter('propsJson', itemIndex), 'propsJson', itemIndex);
	} else {
		const pairs = this.getNodeParameter('props.property', itemIndex, []) as Array<{ name?: string; value?: unknown }>;
		const props = pairsToObject(pairs);
		if (Object.keys(props).length) body.props = props;
	}

	if (readInputMode(node, this.getNodeParameter('assignmentsInputMode', itemIndex, 'keyValue'), 'assignmentsInputMode', itemIndex) === 'json') {
		body.assignments = parseJsonParameter(
			node,
			this.getNodeParameter('assignmentsJson', itemIndex),
			'assignmentsJson',
			itemIndex,
		);
	} else {
		const entries = this.getNodeParameter('assignments.assignment', itemIndex, []) as Array<{
			type?: string;
			userIds?: unknown;
		}>;
		const assignments: IDataObject = {};
		for (const entry of entries) {
			const type = (entry.type ?? '').trim();
			if (!type) throw invalidInput(node, 'assignments.type', itemIndex, 'is required');
			assignments[type] = userIdList(node, entry.userIds, 'assignments.userIds', itemIndex);
		}
		if (Object.keys(assignments).length) body.assignments = assignments;
	}
	return body;
}
