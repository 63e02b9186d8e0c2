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
			{ displayName: 'Queue Name', name: 'queueName', type: 'string', default: '', placeholder: 'e.g. Full Color' },
			{
				displayName: 'Station Name',
				name: 'tflowName',
				type: 'string',
				default: '',
				placeholder: 'e.g. TURBINE_F_808',
				description: 'Name of the tBot/Turbine station that registered the queues',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		tflowName: { api: 'tflow_name', kind: 'text' },
		queueName: { api: 'queue_name', kind: 'text' },
	});
	return (await tflowList.call(this, { path: '/tflow/list', qs, itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
}
