import type { IDataObject, INode } from 'n8n-workflow';

import { invalidInput, parseJsonParameter, requireHttpUrl, requireString, truncate } from '../../shared/validation';

/** A unit as the API takes it: a base (the widget's data-unit) and its slots filled with image URLs. */
export interface D2sUnit {
	base: string;
	payload: Array<{ slot: string; image: string }>;
}

/** The Units parameter of fields mode: `{ unit: [{ base, slots: { slot: [{ slot, image }] } }] }`. */
export interface UnitsParameter {
	unit?: Array<{ base?: unknown; slots?: { slot?: Array<{ slot?: unknown; image?: unknown }> } }>;
}

/** How a place in the units is named in error messages, in the words of the mode the user chose. */
interface Naming {
	units: string;
	unit(u: number): string;
	base(u: number): string;
	slots(u: number): string;
	slot(u: number, s: number): string;
	slotName(u: number, s: number): string;
	image(u: number, s: number): string;
}

const FIELDS_NAMING: Naming = {
	units: 'Units',
	unit: (u) => `Units › Unit ${u + 1}`,
	base: (u) => `Units › Unit ${u + 1} › Base Unit ID`,
	slots: (u) => `Units › Unit ${u + 1} › Slots`,
	slot: (u, s) => `Units › Unit ${u + 1} › Slot ${s + 1}`,
	slotName: (u, s) => `Units › Unit ${u + 1} › Slot ${s + 1} › Slot Name`,
	image: (u, s) => `Units › Unit ${u + 1} › Slot ${s + 1} › Image URL`,
};

const JSON_NAMING: Naming = {
	units: 'Units (JSON)',
	unit: (u) => `Units (JSON) [${u}]`,
	base: (u) => `Units (JSON) [${u}].base`,
	slots: (u) => `Units (JSON) [${u}].payload`,
	slot: (u, s) => `Units (JSON) [${u}].payload[${s}]`,
	slotName: (u, s) => `Units (JSON) [${u}].payload[${s}].slot`,
	image: (u, s) => `Units (JSON) [${u}].payload[${s}].image`,
};

interface RawUnit {
	base: unknown;
	slots: Array<{ slot: unknown; image: unknown }>;
}

/** Checks units and returns them in the API's shape: non-empty, absolute http(s) image URLs, no slot twice in a unit. */
function validateUnits(node: INode, units: RawUnit[], naming: Naming, itemIndex: number): D2sUnit[] {
	if (units.length === 0) {
		throw invalidInput(node, naming.units, itemIndex, 'add at least one unit', 'A unit is a product: its base unit ID and the images for its slots.');
	}
	return units.map((unit, u) => {
		const base = requireString(node, unit.base, naming.base(u), itemIndex, 200);
		if (unit.slots.length === 0) {
			throw invalidInput(node, naming.slots(u), itemIndex, 'add at least one slot with an image');
		}
		const firstUse = new Map<string, number>();
		const payload = unit.slots.map((entry, s) => {
			const slot = requireString(node, entry.slot, naming.slotName(u, s), itemIndex, 200);
			const earlier = firstUse.get(slot);
			if (earlier !== undefined) {
				throw invalidInput(node, naming.slotName(u, s), itemIndex, `"${truncate(slot)}" is already filled by slot ${earlier + 1} of this unit`);
			}
			firstUse.set(slot, s);
			return { slot, image: requireHttpUrl(node, entry.image, naming.image(u, s), itemIndex) };
		});
		return { base, payload };
	});
}

export function unitsFromFields(node: INode, parameter: UnitsParameter | undefined, itemIndex: number): D2sUnit[] {
	const units = (parameter?.unit ?? []).map((unit) => ({
		base: unit.base,
		slots: (unit.slots?.slot ?? []).map((entry) => ({ slot: entry.slot, image: entry.image })),
	}));
	return validateUnits(node, units, FIELDS_NAMING, itemIndex);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's `units` array given as JSON; only `base` and `payload` (with `slot` and `image`) are allowed. */
export function unitsFromJson(node: INode, value: unknown, itemIndex: number): D2sUnit[] {
	const parsed = parseJsonParameter<unknown[]>(node, value, JSON_NAMING.units, itemIndex, 'array');
	const units = parsed.map((unit, u): RawUnit => {
		if (!isObject(unit)) throw invalidInput(node, JSON_NAMING.unit(u), itemIndex, 'must be an object with "base" and "payload"');
		const extra = Object.keys(unit).filter((key) => key !== 'base' && key !== 'payload');
		if (extra.length) throw invalidInput(node, JSON_NAMING.unit(u), itemIndex, `unknown key "${truncate(extra[0])}": a unit has only "base" and "payload"`);
		if (typeof unit.base !== 'string') throw invalidInput(node, JSON_NAMING.base(u), itemIndex, 'must be a string (the widget\'s data-unit)');
		if (!Array.isArray(unit.payload)) throw invalidInput(node, JSON_NAMING.slots(u), itemIndex, 'must be an array of {"slot", "image"}');
		const slots = unit.payload.map((entry: unknown, s: number) => {
			if (!isObject(entry)) throw invalidInput(node, JSON_NAMING.slot(u, s), itemIndex, 'must be an object with "slot" and "image"');
			const extraKeys = Object.keys(entry).filter((key) => key !== 'slot' && key !== 'image');
			if (extraKeys.length) throw invalidInput(node, JSON_NAMING.slot(u, s), itemIndex, `unknown key "${truncate(extraKeys[0])}": a slot has only "slot" and "image"`);
			if (typeof entry.slot !== 'string') throw invalidInput(node, JSON_NAMING.slotName(u, s), itemIndex, 'must be a string');
			if (typeof entry.image !== 'string') throw invalidInput(node, JSON_NAMING.image(u, s), itemIndex, 'must be a string');
			return { slot: entry.slot, image: entry.image };
		});
		return { base: unit.base, slots };
	});
	return validateUnits(node, units, JSON_NAMING, itemIndex);
}
