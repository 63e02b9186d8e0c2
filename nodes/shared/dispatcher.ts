/**
 * The one execution path of the action nodes: node parameters → the chosen operation → `prepare`
 * for every item (nothing is sent yet) → `execute` item by item → output items with pairedItem.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemResult, ProcessItemsOptions } from './execute';
import { prepareItems, processItems } from './execute';
import { addHints, isListOperation, listHints } from './hints';
import { rememberParameters } from './parameterSecrets';
import { hasOwn, invalidInput } from './validation';

/**
 * One operation of a node. `prepare` reads and checks one item's parameters and builds its
 * request without sending anything; every item is prepared before the first request, so bad input
 * in item 5 stops the node before item 1 has created anything. Writes must have it; reads may do
 * their checks in `execute`.
 */
export interface Operation<Prepared = undefined> {
	description: INodeProperties[];
	prepare?(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	execute(this: IExecuteFunctions, itemIndex: number, prepared: Prepared): Promise<ItemResult>;
	/**
	 * Writes: what one item that went through made or changed in the system, naming its ids
	 * (e.g. `created job 12`). When a later item fails, the error lists these so that nobody runs
	 * the whole input again and creates them twice.
	 */
	done?(output: IDataObject, prepared: Prepared): string;
}

/** The operations of a node by resource and operation name. */
export type Resources = Record<string, Record<string, Operation<unknown>>>;

export interface DispatchOptions {
	/**
	 * With several items at once, run items one by one until one went through (it fetched the
	 * access token), then the rest in parallel: one token request instead of one per item.
	 */
	authenticateFirst?: boolean;
}

/** Writes (D2S put-order): each one places something, so a lab sees at most this many at once. */
export const MAX_CONCURRENCY = 32;

/**
 * Reads and downloads: up to as many at once as n8n's HTTP Request node sends (all of its input
 * items), for users who want its speed and whose server takes the load.
 */
export const MAX_READ_CONCURRENCY = 1000;

/**
 * Options › Concurrency: how many items run at once. An operation offers it by having it in its
 * description (reads and downloads through `withConcurrencyOption`, D2S put-order), and the
 * dispatcher honours it only then.
 */
export function concurrencyOption(defaultValue: number, description: string, maxValue = MAX_CONCURRENCY): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue },
		default: defaultValue,
		description,
	};
}

function readConcurrencyOption(): INodeProperties {
	return concurrencyOption(
		1,
		'How many input items are read at the same time, up to 1,000. 1 reads them one after another. n8n\'s HTTP Request node sends all items at once: a value as high as the item count does the same, with a matching load on the server. The output keeps the input order either way.',
		MAX_READ_CONCURRENCY,
	);
}

/** A read's parameters with Options › Concurrency added (to its Options collection, or in a new one). */
export function withConcurrencyOption(properties: INodeProperties[]): INodeProperties[] {
	const existing = properties.find((property) => property.name === 'options' && property.type === 'collection');
	if (existing) {
		return properties.map((property) =>
			property === existing ? { ...property, options: [...(property.options ?? []), readConcurrencyOption()] } : property,
		);
	}
	return [
		...properties,
		{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [readConcurrencyOption()] },
	];
}

/** The Concurrency option an operation's description offers, if any. */
function offeredConcurrency(operation: Operation<unknown>): INodeProperties | undefined {
	const options = operation.description.find((property) => property.name === 'options' && property.type === 'collection');
	return (options?.options as INodeProperties[] | undefined)?.find((option) => option.name === 'concurrency');
}

function readConcurrency(this: IExecuteFunctions, operation: Operation<unknown>): number {
	const offered = offeredConcurrency(operation);
	if (!offered) return 1;
	const fallback = offered.default as number;
	const max = offered.typeOptions?.maxValue ?? MAX_CONCURRENCY;
	const value = this.getNodeParameter('options.concurrency', 0, fallback) as unknown;
	const concurrency = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > max) {
		throw invalidInput(this.getNode(), 'Options › Concurrency', 0, `must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
	}
	return concurrency;
}

/** What the items that went through did, in input order. */
interface DoneItem {
	item: number;
	done: string;
}

function listDone(done: DoneItem[]): string {
	return done.map((entry) => `${entry.done} (item ${entry.item})`).join(', ');
}

/** The sentence that tells a user what already happened and not to run the whole input again. */
function partialFailureNote(done: DoneItem[]): string {
	return (
		`Other items went through and stay done: ${listDone(done)}. ` +
		'Do not run the whole input again, or these are done twice; run only the items that failed.'
	);
}

/** Adds the partial-failure note to an error that stops the node (n8n then shows no output). */
function withPartialFailure(error: Error, done: DoneItem[]): Error {
	if (done.length === 0 || !(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const note = partialFailureNote(done);
	error.description = error.description ? `${error.description}\n\n${note}` : note;
	error.context ??= {};
	const details = (error.context.details as IDataObject | undefined) ?? {};
	error.context.details = { ...details, alreadyDone: done.map((entry) => ({ ...entry })) };
	return error;
}

/**
 * Runs the operation chosen by the node's resource and operation parameters for every input item:
 * continueOnFail, output order and pairedItem as processItems keeps them.
 */
export async function dispatch(
	this: IExecuteFunctions,
	resources: Resources,
	options: DispatchOptions = {},
): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = hasOwn(resources, resource) && hasOwn(resources[resource], operationName)
		? resources[resource][operationName]
		: undefined;
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for the resource "${resource}"`);
	}
	// The transports keep what the user typed into this operation's password fields out of errors.
	rememberParameters(this, operation.description);
	const concurrency = readConcurrency.call(this, operation);
	const prepare = operation.prepare;
	const prepared = prepare
		? await prepareItems.call(this, async (itemIndex) => await prepare.call(this, itemIndex))
		: undefined;

	const done: DoneItem[] = [];
	const succeeded = new Set<number>();
	/** List operations: how many entries each item's list had, for the limit-reached / nothing-found hints. */
	const listed = isListOperation(operation) ? new Map<number, number>() : undefined;
	const processOptions: ProcessItemsOptions = { concurrency, oneSuccessFirst: options.authenticateFirst };
	let items: INodeExecutionData[];
	try {
		items = await processItems.call(
			this,
			async (itemIndex) => {
				const entry = prepared?.[itemIndex];
				if (entry?.error) throw entry.error;
				const result = await operation.execute.call(this, itemIndex, entry?.value);
				succeeded.add(itemIndex);
				if (listed && Array.isArray(result)) listed.set(itemIndex, result.length);
				if (operation.done) {
					for (const output of toJsonList(result)) done.push({ item: itemIndex, done: operation.done(output, entry?.value) });
				}
				return result;
			},
			processOptions,
		);
	} catch (error) {
		throw withPartialFailure(error as Error, sortByItem(done));
	}
	if (listed) addHints(this, listHints.call(this, listed));
	if (done.length === 0 || succeeded.size === this.getInputData().length) return items;
	// continueOnFail: each failed item's error item says what the other items did, in its JSON
	// and in its item-level error (what the error output carries).
	const note = partialFailureNote(sortByItem(done));
	return items.map((item) => {
		const pairedItem = item.pairedItem as { item: number };
		if (succeeded.has(pairedItem.item)) return item;
		const description = item.json.description ? `${String(item.json.description)}\n\n${note}` : note;
		const alreadyDone = () => sortByItem(done).map((entry) => ({ ...entry }));
		if (item.error) {
			// Assigned, not appended: one error object may belong to several failed items.
			item.error.description = description;
			item.error.context ??= {};
			item.error.context.details = { ...((item.error.context.details as IDataObject | undefined) ?? {}), alreadyDone: alreadyDone() };
		}
		return { ...item, json: { ...item.json, description, alreadyDone: alreadyDone() } };
	});
}

function sortByItem(done: DoneItem[]): DoneItem[] {
	return [...done].sort((a, b) => a.item - b.item);
}

function toJsonList(result: ItemResult): IDataObject[] {
	if (result === undefined) return [];
	return (Array.isArray(result) ? result : [result]).map((entry) =>
		'json' in entry && typeof entry.json === 'object' && entry.json !== null ? (entry.json as IDataObject) : (entry as IDataObject),
	);
}
