import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[] | undefined;

export interface ProcessItemsOptions {
	/** How many items run at once (default 1). Output order and pairing never change. */
	concurrency?: number;
	/**
	 * Run items one at a time until one has gone through, then the rest `concurrency` at a time:
	 * the first success has fetched the access token, which the parallel items then share.
	 */
	oneSuccessFirst?: boolean;
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object'
	);
}

/** Turns what an operation returned for one item into output items paired with that item. */
export function toPairedItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/** The JSON of the error item continueOnFail emits: the message plus what helps a user act on it. */
export function errorItemJson(error: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error.httpCode) json.httpCode = error.httpCode;
	const details = error.context?.details;
	if (details && typeof details === 'object') Object.assign(json, details as IDataObject);
	return json;
}

/**
 * The item continueOnFail emits for a failed input item. With On Error = "Continue (using error
 * output)" it carries n8n's item-level error: n8n routes an item to the error output only by that
 * (or by a JSON of nothing but error/message), and then shows its JSON as `{ error: message }`, so
 * the error's description and context hold the rest. With "Continue" (regular output) it has none,
 * because n8n would cut the JSON users map from (description, httpCode, apiMessage…) the same way.
 */
export function errorItem(context: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	const item: INodeExecutionData = { json: errorItemJson(error), pairedItem: { item: itemIndex } };
	if (context.getNode().onError === 'continueErrorOutput') {
		item.error = withItemIndex(context, error, itemIndex) as NodeApiError | NodeOperationError;
	}
	return item;
}

/**
 * Runs `handler` for every input item, with optional concurrency, keeping the input order and
 * `pairedItem`. With continueOnFail an item that fails yields an error item and the rest go on;
 * otherwise the first failure stops the node with an error that names the item.
 */
export async function processItems(
	this: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<ItemResult>,
	options: ProcessItemsOptions = {},
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, items.length || 1));
	const continueOnFail = this.continueOnFail();
	let next = 0;
	let failure: Error | undefined;

	/** Runs one item; true when it went through. */
	const run = async (itemIndex: number) => {
		try {
			results[itemIndex] = toPairedItems(await handler(itemIndex), itemIndex);
			return true;
		} catch (error) {
			if (continueOnFail) results[itemIndex] = [errorItem(this, error, itemIndex)];
			else failure ??= withItemIndex(this, error, itemIndex);
			return false;
		}
	};
	const worker = async () => {
		while (failure === undefined && next < items.length) await run(next++);
	};
	if (options.oneSuccessFirst && concurrency > 1) {
		while (failure === undefined && next < items.length && !(await run(next++)));
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	if (failure) throw failure;
	return results.flat();
}

/** The outcome of preparing one item: its value, or the error kept for continueOnFail. */
export type Prepared<T> = { value: T; error?: undefined } | { value?: undefined; error: Error };

/**
 * Runs `prepare` (validation, building a request) for every item before anything is sent, so that
 * bad input in a later item stops the node before earlier items have created anything. With
 * continueOnFail the error is kept for its item (throw it from the item's handler) and the other
 * items go on.
 */
export async function prepareItems<T>(
	this: IExecuteFunctions,
	prepare: (itemIndex: number) => T | Promise<T>,
): Promise<Array<Prepared<T>>> {
	const continueOnFail = this.continueOnFail();
	const prepared: Array<Prepared<T>> = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			prepared.push({ value: await prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(this, error, itemIndex);
			prepared.push({ error });
		}
	}
	return prepared;
}

/** Makes sure an error carries the item it belongs to, as n8n's editor shows it. */
export function withItemIndex(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context ??= {};
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if ((error as { response?: unknown }).response !== undefined) {
		return new NodeApiError(context.getNode(), error as unknown as JsonObject, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}
