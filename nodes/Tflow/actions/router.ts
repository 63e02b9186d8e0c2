import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { processItems } from '../../shared/execute';
import type { TflowOperation } from '../helpers/interfaces';
import * as client from './client';
import * as job from './job';
import * as order from './order';
import * as product from './product';
import * as queue from './queue';
import * as revision from './revision';
import * as user from './user';
import * as webhook from './webhook';

const resources: Record<string, Record<string, TflowOperation>> = {
	client: client.operations,
	job: job.operations,
	order: order.operations,
	product: product.operations,
	queue: queue.operations,
	revision: revision.operations,
	user: user.operations,
	webhook: webhook.operations,
};

/**
 * Runs the chosen operation for every input item. Items run one after another so that the first
 * one fetches the access token and the rest reuse it.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const action = resources[resource]?.[operation];
	if (!action) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	return [await processItems.call(this, async (itemIndex) => await action.execute.call(this, itemIndex))];
}
