/**
 * Validating and converting the tFLOW node's parameter values (pure: the callers in actions/ read
 * them). Everything here runs before a request is sent, so bad input stops an item with an error
 * that names the field and the item.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import {
	invalidInput,
	parseBoolean,
	parseId,
	requireEmail,
	requireIsoDate,
	requireString,
	truncate,
} from '../../shared/validation';

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
export function readText(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw invalidInput(node, field, itemIndex, `must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

type FieldKind = 'text' | 'number' | 'boolean' | 'id' | 'ids' | 'date' | 'email' | 'queue' | 'queues' | 'list';

/** The non-empty entries of a multi-options value or of comma-separated text, trimmed. */
function listEntries(value: unknown, text: (value: unknown) => string = String): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : text(value).split(',');
	return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** A list of ids from a multi-options picker or an expression (`[4, 7]`, `"4, 7"`), each checked, repeats dropped. */
export function parseIdList(node: INode, value: unknown, field: string, itemIndex: number): number[] {
	const ids = listEntries(value, (text) => String(text).replace(/^\s*\[|\]\s*$/g, ''));
	return [...new Set(ids.map((id) => parseId(node, id, field, itemIndex)))];
}

/** Production queue ids (`808:1`) from a multi-options picker or an expression, each checked, repeats dropped. */
export function parseQueueIdList(node: INode, value: unknown, field: string, itemIndex: number): string[] {
	return [...new Set(listEntries(value).map((id) => parseQueueId(node, id, field, itemIndex)))];
}

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
	return parseQueueIdList(node, value, field, itemIndex).map((id) => ({ id }));
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
		case 'ids':
			return parseIdList(node, value, field, itemIndex);
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
