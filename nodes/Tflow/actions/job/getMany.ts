import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { readFilters, readReturnAllOrLimit } from '../parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Job Name',
				name: 'jobName',
				type: 'string',
				default: '',
				description: 'Only jobs whose name contains this text',
			},
			{
				displayName: 'Order Name or ID',
				name: 'orderId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getOrders' },
				default: '',
				description:
					'Only jobs of this order. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		orderId: { api: 'order_id', kind: 'id' },
		jobName: { api: 'job_name', kind: 'text' },
	});
	return (await tflowList.call(this, { path: '/job/list', qs, itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
}
