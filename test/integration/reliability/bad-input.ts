/**
 * The table behind the bad-input tests: which operations a node has (read from its description),
 * which fields of an operation take input that can be wrong, and the wrong values for each kind
 * of field. A field is found from its description (type and name), so a new operation or field
 * is tested without anyone listing it here.
 */
import type { INodeProperties, INodePropertyCollection, INodeTypeDescription } from 'n8n-workflow';

export interface Operation {
	resource: string;
	operation: string;
	key: string;
}

/** Every resource/operation pair of a node description. */
export function operationsOf(description: INodeTypeDescription): Operation[] {
	const resources = description.properties.find((property) => property.name === 'resource');
	const resourceValues = (resources?.options as Array<{ value: string }> | undefined)?.map((option) => option.value) ?? [];
	const operations: Operation[] = [];
	for (const resource of resourceValues) {
		const operation = description.properties.find(
			(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
		);
		for (const option of (operation?.options as Array<{ value: string }> | undefined) ?? []) {
			operations.push({ resource, operation: option.value, key: `${resource}:${option.value}` });
		}
	}
	return operations;
}

/** The parameters shown for an operation (whatever their other display conditions). */
export function propertiesOf(description: INodeTypeDescription, op: Operation): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show as Record<string, unknown[]> | undefined;
		return show?.resource?.includes(op.resource) && show?.operation?.includes(op.operation);
	});
}

export type FieldKind =
	| 'id'
	| 'queueId'
	| 'queueIds'
	| 'replacingList'
	| 'webhookKey'
	| 'json'
	| 'date'
	| 'email'
	| 'url'
	| 'number'
	| 'positiveNumber'
	| 'positiveWholeNumber'
	| 'boolean'
	| 'text'
	| 'requiredText'
	| 'choice'
	| 'transition'
	| 'event'
	| 'inputBinary'
	| 'outputBinary';

export interface Field {
	/** Where the value goes: a top-level parameter, or an option of a collection. */
	parameter: string;
	option?: string;
	/** Names the error may use for the field. */
	names: string[];
	kind: FieldKind;
	property: INodeProperties;
	/** Display conditions besides resource and operation (e.g. propsInputMode: json). */
	conditions: Record<string, unknown>;
	/** An option of a collection or a parameter that is not required: left empty, it is simply not sent. */
	optional: boolean;
}

const POSITIVE_WHOLE_NUMBERS = new Set(['limit', 'pageNumber', 'concurrency']);
const POSITIVE_NUMBERS = new Set(['timeout']);
/** The lists of set-type writes (Role › Set Users, Queue › Set For Entity…): they replace what the API holds. */
const REPLACING_LISTS = new Set(['userIds', 'queueIds', 'permissions', 'transitions']);

/**
 * The kind of input a field takes, from its type and name; undefined when nothing can be wrong
 * with it. Filters are free text that is matched, not checked (an e-mail filter may be partial).
 */
export function kindOf(property: INodeProperties, collection?: string): FieldKind | undefined {
	const { name, type } = property;
	if (collection === 'filters' && type === 'string' && !/Id$/.test(name)) return 'text';
	if (type === 'resourceLocator') return 'id';
	if (name === 'queueId') return 'queueId';
	if (name === 'queues') return 'queueIds';
	if (type === 'multiOptions' && !collection && REPLACING_LISTS.has(name)) return 'replacingList';
	if (name === 'webhookId') return 'webhookKey';
	if (name === 'transition') return 'transition';
	if (name === 'event') return 'event';
	if (name === 'binaryPropertyName') return /output/i.test(`${property.displayName} ${property.hint ?? ''}`) ? 'outputBinary' : 'inputBinary';
	// External ids are the caller's own references: free text.
	if (/Id$/.test(name) && !/^external/.test(name) && ['options', 'string', 'number'].includes(type)) return 'id';
	if (type === 'json') return 'json';
	if (type === 'dateTime') return 'date';
	if (/email$/i.test(name)) return 'email';
	if (name === 'url') return 'url';
	if (type === 'number') return POSITIVE_WHOLE_NUMBERS.has(name) ? 'positiveWholeNumber' : POSITIVE_NUMBERS.has(name) ? 'positiveNumber' : 'number';
	if (type === 'boolean') return name === 'returnAll' ? undefined : 'boolean';
	if (type === 'options' && !property.noDataExpression && !property.typeOptions?.loadOptionsMethod) return 'choice';
	if (type === 'string') return property.required && !collection ? 'requiredText' : 'text';
	return undefined;
}

function conditionsOf(property: INodeProperties): Record<string, unknown> {
	const show = (property.displayOptions?.show ?? {}) as Record<string, unknown[]>;
	const conditions: Record<string, unknown> = {};
	for (const [name, values] of Object.entries(show)) {
		if (name === 'resource' || name === 'operation') continue;
		const literal = values.find((value) => typeof value !== 'object');
		if (literal !== undefined) conditions[name] = literal;
	}
	return conditions;
}

/** Names an error may call a field by: its name, its label, or its label without "Name or ID". */
function namesOf(property: INodeProperties): string[] {
	return [property.name, property.displayName, property.displayName.replace(/ (Name or ID|ID|Names or IDs)$/, '')];
}

/** Every field of an operation whose input can be wrong, including the options of its collections. */
export function fieldsOf(description: INodeTypeDescription, op: Operation): Field[] {
	const fields: Field[] = [];
	for (const property of propertiesOf(description, op)) {
		if (property.type === 'collection') {
			for (const option of (property.options ?? []) as INodeProperties[]) {
				const kind = kindOf(option, property.name);
				if (kind) {
					fields.push({
						parameter: property.name,
						option: option.name,
						names: namesOf(option),
						kind,
						property: option,
						conditions: conditionsOf(property),
						optional: true,
					});
				}
			}
			continue;
		}
		if ((property.options as INodePropertyCollection[] | undefined)?.some((option) => 'values' in option)) continue;
		const kind = kindOf(property);
		if (kind) {
			const optional = !property.required;
			fields.push({ parameter: property.name, names: namesOf(property), kind, property, conditions: conditionsOf(property), optional });
		}
	}
	return fields;
}

const HUGE = '9'.repeat(200_000);
const HUGE_TEXT = 'Ü'.repeat(1_000_000);
const OBJECT = { id: 5 };
const ARRAY = [1, 2];

/**
 * Wrong values for each kind, as an expression could produce them (strings, numbers, objects,
 * lists, booleans). A blank optional field is not wrong: it is left out.
 */
export function badValues(field: Field): unknown[] {
	const values = valuesOfKind(field);
	// An empty replacing list is wrong although the field is optional: it would remove every member.
	return field.optional && field.kind !== 'replacingList' ? values.filter((value) => typeof value !== 'string' || value.trim() !== '') : values;
}

function valuesOfKind(field: Field): unknown[] {
	switch (field.kind) {
		case 'id':
			return ['', '   ', 'abc', '-5', '0', '1.5', '12abc', '١٢', '１２', HUGE, OBJECT, ARRAY, true, -3];
		case 'queueId':
			return ['', 'abc', '808', '808:', ':1', '8 08:1', '-1:1', HUGE, OBJECT, true];
		case 'queueIds':
			return ['abc', '808:1, nope', ['808:1', 'x:y'], OBJECT];
		case 'replacingList':
			return ['', '   ', null, [], ' , ', '[]'];
		case 'webhookKey':
			return ['', '   ', 'not a key!', '-5', HUGE, OBJECT, ARRAY];
		case 'json': {
			const expectsArray = String(field.property.default).trim().startsWith('[');
			return ['', '   ', 'not json', '{"a":', 'null', '42', '"text"', expectsArray ? '{"a": 1}' : '[1, 2]', '['.repeat(100_000), true];
		}
		case 'date':
			return ['', 'tomorrow', '2025-13-45', '31/12/2025', '2025-01-01T25:61', HUGE, OBJECT, true];
		case 'email':
			return ['', 'not-an-email', 'a@b', '@example.com', 'a b@example.com', 'ü@ü', `${HUGE}@example.com`, OBJECT];
		case 'url':
			return ['', 'not a url', 'ftp://example.com/file', 'javascript:alert(1)', `https://${HUGE}`, OBJECT];
		case 'number':
			return ['abc', '', OBJECT, ARRAY, true, '1e999'];
		case 'positiveNumber':
			return ['abc', '', '-5', '0', OBJECT, true];
		case 'positiveWholeNumber':
			return ['abc', '', '-5', '0', '1.5', OBJECT, true];
		case 'boolean':
			return ['yes', 'maybe', 5, OBJECT];
		case 'text':
			return [OBJECT, ARRAY];
		case 'requiredText':
			return ['', '   ', HUGE_TEXT, OBJECT, ARRAY];
		case 'choice':
			return ['bogus', '', OBJECT];
		case 'transition':
			return ['', 'not a transition!', 'approve; drop', HUGE, OBJECT];
		case 'event':
			return ['', 'not an event', 'job.', HUGE, OBJECT];
		case 'inputBinary':
			return ['missing', '', OBJECT];
		case 'outputBinary':
			return ['', OBJECT];
	}
}

/** A short label of a value for test titles. */
export function label(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 24 ? `${text.slice(0, 12)}…(${text.length} chars)` : text;
}
