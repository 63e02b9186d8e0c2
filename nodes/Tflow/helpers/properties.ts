/**
 * tFLOW's dynamic properties ("props") of orders and jobs: the instance defines them per entity type
 * (GET prop/{entityType}), and a value is checked against its definition before anything is sent.
 * Pure code: the definitions come in as values.
 */
import type { IDataObject, INode, INodePropertyOptions } from 'n8n-workflow';

import { invalidInput, setOwn, truncate } from '../../shared/validation';

/** The entity types whose properties the node offers (the resource names order and job). */
export type PropertyEntity = 'order' | 'job';

export interface PropertyDefinition {
	name: string;
	display_name?: string;
	/** text, textarea, select or multiselect; other types are passed on unchecked. */
	input_type?: string;
	display_order?: number;
	default_value?: unknown;
	list_values?: Array<{ id?: unknown; name?: unknown }>;
}

/** The definitions in an answer of GET prop/{entityType}; entries without a name are left out. */
export function toPropertyDefinitions(answer: unknown[]): PropertyDefinition[] {
	return answer
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null && !Array.isArray(entry))
		.filter((entry) => typeof entry.name === 'string' && entry.name !== '')
		.map((entry) => ({
			...entry,
			name: entry.name as string,
			list_values: Array.isArray(entry.list_values) ? (entry.list_values as PropertyDefinition['list_values']) : [],
		}));
}

function listValueNames(definition: PropertyDefinition): string[] {
	return (definition.list_values ?? []).map((value) => String(value.name));
}

function typeSummary(definition: PropertyDefinition): string {
	const type = definition.input_type ?? 'text';
	if (type !== 'select' && type !== 'multiselect') return type;
	return `${type}: ${truncate(listValueNames(definition).join(', '), 120)}`;
}

/** The property dropdown: display name as the label, name and type (with its choices) as the description. */
export function propertyOptions(definitions: PropertyDefinition[]): INodePropertyOptions[] {
	return [...definitions]
		.sort((a, b) => Number(a.display_order ?? 0) - Number(b.display_order ?? 0) || a.name.localeCompare(b.name))
		.map((definition) => ({
			name: definition.display_name ? String(definition.display_name) : definition.name,
			value: definition.name,
			description: `${definition.display_name ? `${String(definition.display_name)} (${definition.name})` : definition.name} · ${typeSummary(definition)}`,
		}));
}

interface Where {
	node: INode;
	/** The parameter the properties came from (props or propsJson), for the error. */
	field: string;
	itemIndex: number;
}

/** The error of one property's value, naming the parameter, the property and the item. */
function badValue(definition: PropertyDefinition, where: Where, problem: string, hint?: string) {
	return invalidInput(where.node, `${where.field}.${definition.name}`, where.itemIndex, problem, hint);
}

function describe(value: unknown): string {
	if (typeof value === 'string') return truncate(`"${value}"`);
	return truncate(typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)));
}

/** A select value given as one of the definition's value names or ids; the name is what tFLOW stores. */
function listValue(definition: PropertyDefinition, value: unknown, where: Where): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw badValue(definition, where, `must be one of its values, got ${describe(value)}`);
	const given = String(value).trim();
	const values = definition.list_values ?? [];
	const match = values.find((entry) => String(entry.name) === given) ?? values.find((entry) => String(entry.id) === given);
	if (!match) {
		throw badValue(
			definition,
			where,
			`${describe(value)} is not one of its values (${definition.input_type})`,
			`Use one of: ${listValueNames(definition).join(', ')} (their names or IDs).`,
		);
	}
	return String(match.name);
}

/**
 * Names separated by commas, where a value's own name may hold a comma ("Fold, then cut"): at each
 * position the longest run of parts that is a value's whole name is taken, else the part alone (then
 * checked, and refused when it is not a value either).
 */
function splitNames(definition: PropertyDefinition, text: string): string[] {
	const names = new Set(listValueNames(definition));
	const parts = text.split(',');
	const list: string[] = [];
	for (let start = 0; start < parts.length; ) {
		let end = parts.length;
		while (end > start + 1 && !names.has(parts.slice(start, end).join(',').trim())) end--;
		list.push(parts.slice(start, end).join(',').trim());
		start = end;
	}
	return list.filter((part) => part !== '');
}

/** A multiselect value: a list, a JSON array as text, or names separated by commas (see splitNames). */
function listOfValues(definition: PropertyDefinition, value: unknown, where: Where): string[] {
	let list: unknown[];
	if (Array.isArray(value)) list = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		// Text that starts with [ and parses is always an array.
		try {
			list = JSON.parse(value) as unknown[];
		} catch {
			throw badValue(definition, where, `${describe(value)} is not a JSON array`);
		}
	} else if (typeof value === 'string') list = splitNames(definition, value);
	else if (typeof value === 'number') list = [value];
	else throw badValue(definition, where, `must be a list of its values, got ${describe(value)}`);
	return [...new Set(list.map((entry) => listValue(definition, entry, where)))];
}

/** The value as tFLOW takes it for this definition, or an error naming the property and the item. */
function wireValue(definition: PropertyDefinition, value: unknown, where: Where): unknown {
	// null clears a property, whatever its type.
	if (value === null) return null;
	switch (definition.input_type ?? 'text') {
		case 'text':
		case 'textarea':
			if (typeof value === 'string') return value;
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
			throw badValue(definition, where, `must be text (${definition.input_type ?? 'text'}), got ${describe(value)}`);
		case 'select':
			return typeof value === 'string' && value.trim() === '' ? '' : listValue(definition, value, where);
		case 'multiselect':
			return listOfValues(definition, value, where);
		default:
			return value;
	}
}

/**
 * The properties checked against the instance's definitions of the entity type and converted to
 * what tFLOW takes: text as text, a select value as its name, a multiselect value as a list of names.
 * An unknown property name is refused.
 */
export function checkProperties(definitions: PropertyDefinition[], entity: PropertyEntity, props: IDataObject, where: Where): IDataObject {
	const byName = new Map(definitions.map((definition) => [definition.name, definition]));
	const checked: IDataObject = {};
	for (const [name, value] of Object.entries(props)) {
		const definition = byName.get(name);
		if (!definition) {
			throw invalidInput(
				where.node,
				where.field,
				where.itemIndex,
				`"${truncate(name)}" is not a property of tFLOW ${entity}s`,
				definitions.length
					? `This tFLOW instance defines these ${entity} properties: ${definitions.map((entry) => entry.name).join(', ')}.`
					: `This tFLOW instance defines no ${entity} properties.`,
			);
		}
		// A name such as __proto__ is the instance's to define: it is sent like any other.
		setOwn(checked, name, wireValue(definition, value, where));
	}
	return checked;
}
