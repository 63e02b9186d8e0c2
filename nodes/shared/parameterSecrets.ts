/**
 * What a user typed into a password-typed parameter (`typeOptions: { password: true }`, e.g. a
 * webhook's security key or a user's password) is as secret as the credential: an API's error
 * answer may echo the request that carried it. The dispatcher records the parameters of the
 * operation it runs for its execution context; the transports read their values for the item a
 * request is for and add them to the request's Secrets.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** Per execution context (one per node run), the parameters of the operation being run. */
const parametersOf = new WeakMap<object, INodeProperties[]>();

/** Records the parameters of the operation `context` runs, for parameterSecrets. */
export function rememberParameters(context: object, properties: INodeProperties[]) {
	parametersOf.set(context, properties);
}

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The password-typed parameter's values inside `values`, walking collections and fixed collections. */
function collect(properties: INodeProperties[], values: IDataObject, found: string[]) {
	for (const property of properties) {
		const value = values[property.name];
		if (value === undefined || value === null) continue;
		if (property.typeOptions?.password === true) {
			if (typeof value === 'string') found.push(value);
		} else if (property.type === 'collection' && isObject(value)) {
			collect((property.options ?? []) as INodeProperties[], value, found);
		} else if (property.type === 'fixedCollection' && isObject(value)) {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				const entries = value[group.name];
				for (const entry of Array.isArray(entries) ? entries : [entries]) {
					if (isObject(entry)) collect(group.values ?? [], entry, found);
				}
			}
		}
	}
}

/** Whether a parameter is password-typed or holds one (inside a collection or fixed collection). */
function holdsPassword(property: INodeProperties): boolean {
	if (property.typeOptions?.password === true) return true;
	if (property.type === 'collection') return ((property.options ?? []) as INodeProperties[]).some(holdsPassword);
	if (property.type === 'fixedCollection') return ((property.options ?? []) as INodePropertyCollection[]).some((group) => (group.values ?? []).some(holdsPassword));
	return false;
}

/**
 * The values of the password-typed parameters of the operation `context` runs, for one item (all
 * items when `itemIndex` is not given). Empty outside the dispatcher (load options, triggers).
 */
export function parameterSecrets(context: object, itemIndex?: number): string[] {
	const properties = parametersOf.get(context)?.filter(holdsPassword);
	if (!properties?.length) return [];
	const execute = context as IExecuteFunctions;
	const items = itemIndex === undefined ? [...execute.getInputData().keys()] : [itemIndex];
	const found: string[] = [];
	for (const item of items) {
		for (const property of properties) {
			let value: unknown;
			try {
				value = execute.getNodeParameter(property.name, item, undefined);
			} catch {
				// A value that cannot be read (a failing expression) was never sent either.
				continue;
			}
			collect([property], { [property.name]: value as IDataObject[string] }, found);
		}
	}
	return found;
}
