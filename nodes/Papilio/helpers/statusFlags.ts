/**
 * papilio's order status bitmask (API document, "Status codes (bitmask)"). The document names
 * both 32 and 64 "released"; 64 is the second controller of the optional two-man rule, so it gets
 * its own name here.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export interface StatusFlag {
	name: string;
	value: number;
	label: string;
	description: string;
}

// [bit, name, label, description]; the table is data, not node parameters.
const FLAG_TABLE: Array<[number, string, string, string]> = [
	[1, 'open', 'Open', 'The order may be edited (sticky until released)'],
	[2, 'precontroll', 'Pre-Control', 'Optional check of manual orders before layouting'],
	[4, 'layout', 'Layout', 'A manual order is being layouted'],
	[8, 'control', 'Control', 'Waiting to be released by a controller'],
	[16, 'rejected', 'Rejected', 'A controller rejected the order (sticky until released)'],
	[32, 'released', 'Released', 'A controller released the order (sticky forever)'],
	[64, 'released_second', 'Released (Second Controller)', 'Released by the second controller of the optional two-man rule'],
	[128, 'delivery_pending', 'Delivery Pending', 'Ready to be downloaded or in print'],
	[256, 'delivered', 'Delivered', 'Downloaded or mailed (sticky forever)'],
	[512, 'charged', 'Charged', 'Charged (per-PDF licensing)'],
	[1024, 'exported', 'Exported', 'The charge was exported to an external system, e.g. SAP'],
];

export const STATUS_FLAGS: readonly StatusFlag[] = FLAG_TABLE.map(([value, name, label, description]) => ({ value, name, label, description }));

const BY_NAME = new Map(STATUS_FLAGS.map((flag) => [flag.name, flag]));
const BY_VALUE = new Map(STATUS_FLAGS.map((flag) => [flag.value, flag]));

/** Options for multi-selects of flags, in bit order (the order of the document's table). */
export const STATUS_FLAG_OPTIONS: INodePropertyOptions[] = STATUS_FLAGS.map((flag) => ({
	name: flag.label,
	value: flag.name,
	description: `${flag.description} (${flag.value})`,
}));

/**
 * The flag names set in a status value (a number or the API's numeric string). Bits the document
 * does not name come out as `bit_<value>` so nothing is silently dropped.
 */
export function decodeStatus(status: unknown): string[] {
	const value = typeof status === 'number' ? status : typeof status === 'string' && /^\d+$/.test(status.trim()) ? Number(status) : NaN;
	if (!Number.isSafeInteger(value) || value < 0) return [];
	const names: string[] = [];
	for (let bit = 1; bit <= value; bit *= 2) {
		if (Math.floor(value / bit) % 2 === 1) names.push(BY_VALUE.get(bit)?.name ?? `bit_${bit}`);
	}
	return names;
}

export class StatusFlagError extends Error {}

/**
 * The bitmask for a list of flags. Accepts what a multi-select or an expression can give: an array
 * of flag names (or numbers), a number, a numeric string, or names separated by commas or "+".
 * Returns undefined for an empty selection.
 */
export function encodeStatus(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return checkedNumber(value, String(value));
	const parts: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,+|]/).map((part) => part.trim()).filter((part) => part !== '')
			: [value];
	if (parts.length === 0) return undefined;
	let mask = 0;
	for (const part of parts) {
		const bits = typeof part === 'number' || (typeof part === 'string' && /^\d+$/.test(part.trim()))
			? checkedNumber(Number(part), String(part))
			: flagValue(part);
		mask |= bits;
	}
	return mask;
}

function flagValue(part: unknown): number {
	const name = typeof part === 'string' ? part.trim().toLowerCase().replace(/[\s-]+/g, '_') : '';
	const flag = BY_NAME.get(name) ?? STATUS_FLAGS.find((candidate) => candidate.label.toLowerCase().replace(/[\s-]+/g, '_') === name);
	if (!flag) {
		throw new StatusFlagError(
			`"${String(part)}" is not a papilio status flag (use ${STATUS_FLAGS.map((candidate) => candidate.name).join(', ')} or a number)`,
		);
	}
	return flag.value;
}

function checkedNumber(value: number, text: string): number {
	if (!Number.isSafeInteger(value) || value < 0 || value > 0x7fffffff) {
		throw new StatusFlagError(`"${text}" is not a valid status bitmask (a whole number from 0)`);
	}
	return value;
}
