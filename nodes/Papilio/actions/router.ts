import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/execute';
import { processItems } from '../../shared/execute';
import * as message from './message';
import * as order from './order';
import * as task from './task';
import * as template from './template';

type Operation = { execute: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult> };

const resources: Record<string, Record<string, Operation>> = {
	message: message.operations,
	order: order.operations,
	task: task.operations,
	template: template.operations,
};

/** Runs the chosen operation for every input item (continueOnFail and pairedItem included). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return await processItems.call(this, async (itemIndex) => await handler.execute.call(this, itemIndex));
}
