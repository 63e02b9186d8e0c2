/**
 * Reading the parameters several tFLOW operations share (see common.descriptions.ts); the values are
 * checked and converted by helpers/parameters.ts. Everything here runs before a request is sent, so
 * bad input stops an item with an error that names the field and the item.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { emptyListError, hasOwn, invalidInput, isNothing, pairsToObject, parseBoolean, parseId, parseJsonParameter, readReplacingList, setOwn, truncate } from '../../shared/validation';
import type { FieldSpec } from '../helpers/parameters';
import { readText, toApiBody } from '../helpers/parameters';
import type { PropertyEntity } from '../helpers/properties';
import { checkedProperties, sentAsWritten } from './properties';

/** A numeric id from a plain or resource-locator parameter (`{"__rl": true, "mode": "id", "value": "5"}` included). */
export function readId(this: IExecuteFunctions, parameter: string, itemIndex: number): number {
	const value = this.getNodeParameter(parameter, itemIndex, undefined, { extractValue: true });
	return parseId(this.getNode(), value, parameter, itemIndex);
}

/** Like readId for a parameter that may be left empty (then undefined); a value given must be an id. */
export function readOptionalId(this: IExecuteFunctions, parameter: string, itemIndex: number): number | undefined {
	const value = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return parseId(this.getNode(), value, parameter, itemIndex);
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
 * key/value pairs or as JSON depending on its input mode. Empty pairs are not sent. The properties
 * are checked against the instance's definitions for the entity type (read once per execution).
 */
export async function readPropsAndAssignments(this: IExecuteFunctions, itemIndex: number, entity: PropertyEntity): Promise<IDataObject> {
	const node = this.getNode();
	const body: IDataObject = {};

	// Everything that needs no request is checked first: bad input is refused before the definitions are read.
	let props: IDataObject | undefined;
	const propsField = readInputMode(node, this.getNodeParameter('propsInputMode', itemIndex, 'keyValue'), 'propsInputMode', itemIndex) === 'json' ? 'propsJson' : 'props';
	if (propsField === 'propsJson') {
		props = parseJsonParameter(node, this.getNodeParameter('propsJson', itemIndex), 'propsJson', itemIndex);
	} else {
		const pairs = this.getNodeParameter('props.property', itemIndex, []) as Array<{ name?: string; value?: unknown }>;
		const given = pairsToObject(pairs);
		if (Object.keys(given).length) props = given;
	}

	if (readInputMode(node, this.getNodeParameter('assignmentsInputMode', itemIndex, 'keyValue'), 'assignmentsInputMode', itemIndex) === 'json') {
		body.assignments = sentAsWritten(parseJsonParameter(node, this.getNodeParameter('assignmentsJson', itemIndex), 'assignmentsJson', itemIndex));
	} else {
		const entries = this.getNodeParameter('assignments.assignment', itemIndex, []) as Array<{
			type?: string;
			userIds?: unknown;
		}>;
		const assignments: IDataObject = {};
		for (const entry of entries) {
			const type = (entry.type ?? '').trim();
			if (!type) throw invalidInput(node, 'assignments.type', itemIndex, 'is required');
			setOwn(assignments, type, userIdList(node, entry.userIds, 'assignments.userIds', itemIndex));
		}
		if (Object.keys(assignments).length) body.assignments = sentAsWritten(assignments);
	}
	if (props === undefined) return body;
	return { props: await checkedProperties.call(this, entity, props, propsField, itemIndex), ...body };
}

/**
 * The explicit "remove all" switch of a set-type write (Role › Set Users, Queue › Set For Entity, …),
 * shown before the list it replaces. `what` names the members, e.g. "Users".
 */
export function removeAllField(what: string, listLabel: string): INodeProperties {
	return {
		displayName: `Remove All ${what}`,
		name: 'removeAll',
		type: 'boolean',
		default: false,
		description: `Whether to remove all ${what.toLowerCase()}. Only this empties them: ${listLabel} left empty, or an expression that resolves to nothing (e.g. a field missing from the item), is refused and nothing is sent.`,
	};
}

/** The list field of a set-type write, hidden while its Remove All switch is on. */
export function hiddenByRemoveAll(property: INodeProperties): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, hide: { ...property.displayOptions?.hide, removeAll: [true] } } };
}

/**
 * The new members of a set-type write: [] only when its Remove All switch is on; otherwise the list
 * field, refused when it resolved to nothing (see readReplacingList).
 */
export function readReplacing<T>(this: IExecuteFunctions, field: string, itemIndex: number, what: string, parse: (value: unknown) => T[]): T[] {
	const node = this.getNode();
	if (parseBoolean(node, this.getNodeParameter('removeAll', itemIndex, false), 'removeAll', itemIndex)) return [];
	return readReplacingList(node, this.getNodeParameter(field, itemIndex, []), field, itemIndex, parse, `To remove them all on purpose, turn on Remove All ${what}.`);
}

/**
 * Set-type options of a collection (a user's visible clients, a new client's queues and visibility):
 * one the user added must not resolve to nothing, which would send an empty list (or, skipped, lose
 * the input without a word). `onPurpose` tells how to get what an empty list would mean.
 */
export function refuseEmptyOptions(node: INode, itemIndex: number, values: IDataObject, fields: string[], onPurpose: string): void {
	for (const field of fields) {
		if (hasOwn(values, field) && isNothing(values[field])) throw emptyListError(node, values[field], field, itemIndex, onPurpose);
	}
}
