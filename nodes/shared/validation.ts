import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A NodeOperationError that names the field and the item, raised before any request is sent. */
export function invalidInput(node: INode, field: string, itemIndex: number, problem: string, hint?: string) {
	return new NodeOperationError(node, `${field}: ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: hint,
	});
}

/** A numeric API id given as a number or a string of digits. */
export function parseId(node: INode, value: unknown, field: string, itemIndex: number): number {
	if (value !== undefined && value !== null && typeof value !== 'number' && typeof value !== 'string') {
		throw invalidInput(node, field, itemIndex, `must be a positive whole number, got ${Array.isArray(value) ? 'a list' : typeof value}`);
	}
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw invalidInput(node, field, itemIndex, 'is required');
	if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
		throw invalidInput(node, field, itemIndex, `must be a positive whole number, got "${truncate(String(value))}"`);
	}
	return Number(text);
}

/** A switch from an expression: true/false, or "true"/"false" as text; anything else is a mistake, not false. */
export function parseBoolean(node: INode, value: unknown, field: string, itemIndex: number): boolean {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (text === true || text === 'true') return true;
	if (text === false || text === 'false') return false;
	throw invalidInput(node, field, itemIndex, `must be true or false, got ${truncate(JSON.stringify(value) ?? String(value))}`);
}

/** Return All / Limit of a list operation (the limit a positive whole number). */
export function readReturnAllOrLimit(this: IExecuteFunctions, itemIndex: number): { returnAll: boolean; limit?: number } {
	const returnAll = parseBoolean(this.getNode(), this.getNodeParameter('returnAll', itemIndex, false), 'returnAll', itemIndex);
	if (returnAll) return { returnAll };
	return { returnAll, limit: parseId(this.getNode(), this.getNodeParameter('limit', itemIndex, 50), 'limit', itemIndex) };
}

/** A required non-empty string, trimmed. */
export function requireString(node: INode, value: unknown, field: string, itemIndex: number, maxLength = 10000): string {
	if (value === undefined || value === null || (typeof value !== 'string' && typeof value !== 'number')) {
		throw invalidInput(node, field, itemIndex, value === undefined || value === null ? 'is required' : `must be text, got ${typeof value}`);
	}
	const text = String(value).trim();
	if (text === '') throw invalidInput(node, field, itemIndex, 'is required');
	if (text.length > maxLength) throw invalidInput(node, field, itemIndex, `is longer than ${maxLength} characters`);
	return text;
}

/** Parses a JSON parameter (a string, or an object already parsed by an expression). */
export function parseJsonParameter<T = IDataObject>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	expected: 'object' | 'array' = 'object',
): T {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') throw invalidInput(node, field, itemIndex, 'is empty, expected JSON');
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw invalidInput(node, field, itemIndex, `is not valid JSON (${(error as Error).message})`);
		}
	}
	const isArray = Array.isArray(parsed);
	if (expected === 'array' ? !isArray : isArray || typeof parsed !== 'object' || parsed === null) {
		throw invalidInput(node, field, itemIndex, `must be a JSON ${expected}`);
	}
	return parsed as T;
}

const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/;

export function requireEmail(node: INode, value: unknown, field: string, itemIndex: number): string {
	const email = requireString(node, value, field, itemIndex, 254);
	if (!EMAIL.test(email)) throw invalidInput(node, field, itemIndex, `"${truncate(email)}" is not a valid e-mail address`);
	return email;
}

export function requireHttpUrl(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = requireString(node, value, field, itemIndex, 8192);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw invalidInput(node, field, itemIndex, `"${truncate(text)}" is not an absolute URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalidInput(node, field, itemIndex, `must be an http(s) URL, got "${truncate(text)}"`);
	}
	return text;
}

/** An ISO 8601 date or date-time, returned unchanged when valid. */
export function requireIsoDate(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = requireString(node, value, field, itemIndex, 64);
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/.test(text) || Number.isNaN(Date.parse(text.replace(' ', 'T').replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2})$/, '$1:00')))) {
		throw invalidInput(node, field, itemIndex, `"${truncate(text)}" is not an ISO 8601 date`);
	}
	// Date.parse rolls impossible days over (2026-02-30 → March 2); the calendar date must exist.
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) {
		throw invalidInput(node, field, itemIndex, `"${truncate(text)}" is not an ISO 8601 date (no such day)`);
	}
	return text;
}

/** Key/value pairs from a fixedCollection (`{ pairs: [{ key, value }] }`) as an object. */
export function pairsToObject(pairs: Array<{ key?: string; name?: string; value?: unknown }> | undefined): IDataObject {
	const result: IDataObject = {};
	for (const pair of pairs ?? []) {
		const key = (pair.key ?? pair.name ?? '').trim();
		if (key) setOwn(result, key, pair.value);
	}
	return result;
}

export function truncate(text: string, max = 80): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Whether `key` is the object's own property: a name such as `constructor` or `__proto__` is not inherited into a match. */
export function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** Whether a list value resolved to nothing: undefined, null, an empty list, or text that is blank, only commas or `[]`. */
export function isNothing(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return /^\s*(\[[\s,]*\]|[\s,]*)\s*$/.test(value);
	return Array.isArray(value) && value.length === 0;
}

function nothingLabel(value: unknown): string {
	if (value === undefined || value === null) return String(value);
	return Array.isArray(value) || /\[/.test(String(value)) ? 'an empty list' : 'empty text';
}

/**
 * The list of a set-type write, one that replaces what the API holds (a role's users, an entity's
 * queues). An empty list there removes them all, so a value that resolved to nothing (a field missing
 * from the item, an empty expression result, no choice) is refused before anything is sent: only an
 * explicit switch of the operation empties the set. `onPurpose` tells the user how to get an empty set.
 */
export function readReplacingList<T>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	parse: (value: unknown) => T[],
	onPurpose: string,
): T[] {
	const list = isNothing(value) ? [] : parse(value);
	if (list.length === 0) throw emptyListError(node, value, field, itemIndex, onPurpose);
	return list;
}

/** The refusal of a set-type list that resolved to nothing: sending it would remove them all. */
export function emptyListError(node: INode, value: unknown, field: string, itemIndex: number, onPurpose: string) {
	return invalidInput(
		node,
		field,
		itemIndex,
		`is empty (got ${nothingLabel(value)}), which would remove them all; nothing was sent`,
		`If the value comes from an expression, check that the field exists in the item. ${onPurpose}`,
	);
}

/**
 * Sets an own, enumerable property whatever its name: `object[key] = value` with the key `__proto__`
 * changes the prototype instead, and the name would be lost without a word (JSON.stringify sends an own
 * `__proto__` like any other key).
 */
export function setOwn(object: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
