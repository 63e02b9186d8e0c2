import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { parseQueueId, pathSegment } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Queue Name or ID',
		name: 'queueId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getQueues' },
		default: '',
		required: true,
		description:
			'The production queue (IDs look like 808:1). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const queueId = parseQueueId(this.getNode(), this.getNodeParameter('queueId', itemIndex), 'queueId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/tflow/${pathSegment(queueId)}`, itemIndex })) as IDataObject;
}
