import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult, ProcessItemsOptions } from '../../shared/execute';
import { prepareItems, processItems } from '../../shared/execute';
import * as order from './order';

/**
 * An operation in two steps: `prepare` validates an item and builds its request without sending
 * anything; `execute` sends it. Every item is prepared before the first one is sent.
 */
interface Operation<T> {
	prepare(this: IExecuteFunctions, itemIndex: number): T | Promise<T>;
	execute(this: IExecuteFunctions, itemIndex: number, prepared: T): Promise<ItemResult>;
	executionOptions?(this: IExecuteFunctions): ProcessItemsOptions;
}

/** Type-checks an operation module, then erases its prepared type for the lookup table. */
function operation<T>(definition: Operation<T>): Operation<unknown> {
	return definition as Operation<unknown>;
}

const operations: Record<string, Record<string, Operation<unknown>>> = {
	order: { put: operation(order.put) },
};

/** Runs the chosen operation for every item (continueOnFail, pairedItem and output order by processItems). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const options = operation.executionOptions?.call(this) ?? {};
	const prepared = await prepareItems.call(this, async (itemIndex) => await operation.prepare.call(this, itemIndex));
	const items = await processItems.call(
		this,
		async (itemIndex) => {
			const { value, error } = prepared[itemIndex];
			if (error) throw error;
			return await operation.execute.call(this, itemIndex, value);
		},
		options,
	);
	return [items];
}
