/**
 * The instance's dynamic property definitions (GET prop/{entityType}), read once per execution of
 * the node however many items it has, and the properties of an item checked against them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PropertyDefinition, PropertyEntity } from '../helpers/properties';
import { setOwn } from '../../shared/validation';
import { checkProperties, toPropertyDefinitions } from '../helpers/properties';
import type { TflowContext } from '../transport';
import { tflowList } from '../transport';

export async function readPropertyDefinitions(this: TflowContext, entity: PropertyEntity, itemIndex?: number): Promise<PropertyDefinition[]> {
	return toPropertyDefinitions(await tflowList.call(this, { path: `/prop/${entity}`, itemIndex }));
}

/** `null`: the instance publishes no definitions for the entity type, so there is nothing to check against. */
type Definitions = PropertyDefinition[] | null;

/** Definitions by execution: n8n gives every run of a node its own execution context. */
const definitionsByRun = new WeakMap<IExecuteFunctions, Map<PropertyEntity, Promise<Definitions>>>();

const isNotFound = (error: unknown) => (error as { httpCode?: unknown } | null)?.httpCode === '404';

function definitionsOfThisRun(this: IExecuteFunctions, entity: PropertyEntity, itemIndex: number): Promise<Definitions> {
	const byEntity = definitionsByRun.get(this) ?? new Map<PropertyEntity, Promise<Definitions>>();
	definitionsByRun.set(this, byEntity);
	let definitions = byEntity.get(entity);
	if (!definitions) {
		// Which entity types an instance defines is not documented: one that answers 404 keeps the
		// properties working as before the dropdown (sent as written) rather than blocking every create.
		definitions = readPropertyDefinitions.call(this, entity, itemIndex).catch((error: unknown) => {
			if (isNotFound(error)) return null;
			throw error;
		});
		byEntity.set(entity, definitions);
		// A failed read is not kept: the next item asks again (a read is safe to repeat).
		definitions.catch(() => byEntity.delete(entity));
	}
	return definitions;
}

/**
 * An object of user-named keys (properties, assignments) as sent. n8n's HTTP client (axios) copies
 * every plain object of a JSON body key by key, which loses a key named __proto__ (newer axios also
 * skip constructor and prototype) without a word. An instance of this class is not a plain object:
 * axios passes it on as it is, and JSON.stringify writes all its own keys.
 */
class SentAsWritten {}

export function sentAsWritten(object: IDataObject): IDataObject {
	const sent = new SentAsWritten() as IDataObject;
	for (const name of Object.keys(object)) setOwn(sent, name, object[name]);
	return sent;
}

/** An item's properties checked against the definitions; nothing is read when it has none. */
export async function checkedProperties(
	this: IExecuteFunctions,
	entity: PropertyEntity,
	props: IDataObject,
	field: string,
	itemIndex: number,
): Promise<IDataObject> {
	if (Object.keys(props).length === 0) return props;
	const definitions = await definitionsOfThisRun.call(this, entity, itemIndex);
	if (definitions === null) return sentAsWritten(props);
	return sentAsWritten(checkProperties(definitions, entity, props, { node: this.getNode(), field, itemIndex }));
}
