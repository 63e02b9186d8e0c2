/**
 * Reads tFLOW request parameters (merged query, body and `_json`) the way a PHP API does: numbers and
 * booleans may arrive as strings, objects as nested form keys. Problems are collected per field and
 * answered together in tFLOW's envelope `{"error": true, "messages": {"<field>": ["<text>"]}}`.
 */
import type { Fields } from '../common/server';
import { HttpError } from '../common/server';
import type { QueueRef } from './state';
import { isoTimestamp } from './state';

export const REQUIRED = 'This field is required';

/** tFLOW's error envelope as an HttpError. */
export function tflowError(status: number, messages: Record<string, string[]>) {
	return new HttpError(status, { error: true, messages });
}

export function notFound(entity: string, id: string | number) {
	return tflowError(404, { id: [`${entity} ${id} not found`] });
}

// ISO 8601 as tFLOW clients send it: `2015-10-22T15:12:35+07`, `…+0100`, `…+01:00`, `…Z`, `2015-10-28 00:00:00`, `2015-10-28`.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Normalises an ISO 8601 date to `YYYY-MM-DDTHH:mm:ss+00:00`, or undefined when it is not one. */
export function parseIsoDate(text: string): string | undefined {
	const match = ISO_DATE.exec(text.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
	const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
	const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
	if (Number.isNaN(date.getTime()) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59) {
		return undefined;
	}
	// Reject dates JavaScript rolls over (e.g. 2025-02-30).
	if (new Date(`${year}-${month}-${day}T00:00:00Z`).getUTCDate() !== Number(day)) return undefined;
	return isoTimestamp(date.getTime());
}

export class InputReader {
	readonly errors: Record<string, string[]> = {};

	constructor(readonly input: Fields) {}

	/** Whether the field was sent (empty strings count as sent only for text fields). */
	has(field: string) {
		return this.input[field] !== undefined && this.input[field] !== null;
	}

	fail(field: string, text: string) {
		(this.errors[field] ??= []).push(text);
		return undefined;
	}

	private present(field: string, required: boolean) {
		const value = this.input[field];
		if (value === undefined || value === null || value === '') {
			if (required) this.fail(field, REQUIRED);
			return undefined;
		}
		return value;
	}

	string(field: string, required = false): string | undefined {
		const value = this.input[field];
		if (value === undefined || value === null || (required && String(value).trim() === '')) {
			if (required) this.fail(field, REQUIRED);
			return undefined;
		}
		if (typeof value === 'object') return this.fail(field, 'Must be a string');
		return String(value);
	}

	integer(field: string, required = false): number | undefined {
		const value = this.present(field, required);
		if (value === undefined) return undefined;
		const text = String(value).trim();
		if (typeof value === 'object' || !/^-?\d+$/.test(text)) return this.fail(field, 'Must be an integer');
		return Number(text);
	}

	number(field: string, required = false): number | undefined {
		const value = this.present(field, required);
		if (value === undefined) return undefined;
		const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
		if (!Number.isFinite(parsed)) return this.fail(field, 'Must be a number');
		return parsed;
	}

	boolean(field: string, required = false): boolean | undefined {
		const value = this.present(field, required);
		if (value === undefined) return undefined;
		if (value === true || value === false) return value;
		const text = String(value).trim().toLowerCase();
		if (['true', '1', 'yes', 'on'].includes(text)) return true;
		if (['false', '0', 'no', 'off'].includes(text)) return false;
		return this.fail(field, 'Must be a boolean');
	}

	date(field: string, required = false): string | undefined {
		const value = this.present(field, required);
		if (value === undefined) return undefined;
		const parsed = typeof value === 'string' ? parseIsoDate(value) : undefined;
		if (!parsed) {
			return this.fail(field, `Must be an ISO 8601 date, e.g. 2015-10-22T15:12:35+07 (got ${JSON.stringify(value)})`);
		}
		return parsed;
	}

	/** A JSON object: sent as JSON, as nested form keys (`props[a]=1`) or as a JSON string. */
	object(field: string): Record<string, unknown> | undefined {
		let value = this.present(field, false);
		if (value === undefined) return undefined;
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value);
			} catch {
				return this.fail(field, 'Must be an object');
			}
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			// An empty JSON array is what PHP encodes an empty object as.
			if (Array.isArray(value) && value.length === 0) return {};
			return this.fail(field, 'Must be an object');
		}
		return value as Record<string, unknown>;
	}

	/** A list of values: a JSON array, `list[]=a&list[]=b`, `list[0]=a` or a JSON string. */
	list(field: string): unknown[] | undefined {
		let value = this.present(field, false);
		if (value === undefined) return undefined;
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value);
			} catch {
				value = [value];
			}
		}
		if (Array.isArray(value)) return value;
		if (typeof value === 'object' && value !== null && Object.keys(value).every((key) => /^\d+$/.test(key))) {
			return Object.values(value);
		}
		return this.fail(field, 'Must be an array');
	}

	/** Queue references `[{id: "808:1"}]` (plain ids are accepted too). */
	queues(field: string): QueueRef[] | undefined {
		const list = this.list(field);
		if (list === undefined) return undefined;
		const refs: QueueRef[] = [];
		for (const entry of list) {
			const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : entry;
			if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
				return this.fail(field, 'Must be an array of {"id": "<tflow id>:<queue id>"}');
			}
			refs.push({ id: String(id) });
		}
		return refs;
	}

	/** Throws the 400 envelope if any field had a problem. */
	assertValid() {
		if (Object.keys(this.errors).length) throw tflowError(400, this.errors);
	}
}

/** `filter[field]=<field>&filter[value]=<value>`: exact, case-insensitive match on one field. */
export function applyListFilter<T extends object>(items: T[], input: Fields, fields: string[]): T[] {
	const filter = input.filter as { field?: unknown; value?: unknown } | undefined;
	if (!filter || typeof filter !== 'object' || filter.field === undefined) return items;
	const field = String(filter.field);
	if (!fields.includes(field)) {
		throw tflowError(400, { filter: [`Unknown filter field "${field}"; use one of: ${fields.join(', ')}`] });
	}
	const wanted = String(filter.value ?? '').toLowerCase();
	return items.filter((item) => String((item as Record<string, unknown>)[field] ?? '').toLowerCase() === wanted);
}

/** A case-insensitive substring match, true when no text is asked for. */
export function containsText(value: string, wanted: unknown) {
	if (wanted === undefined || wanted === null || wanted === '') return true;
	return value.toLowerCase().includes(String(wanted).toLowerCase());
}

/** The object without its undefined entries (fields that were not sent). */
export function definedOnly<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
	for (const key of Object.keys(fields) as Array<keyof T>) if (fields[key] === undefined) delete fields[key];
	return fields as { [K in keyof T]?: Exclude<T[K], undefined> };
}
