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
				displayName: 'Client Name or ID',
				name: 'clientId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getClients' },
				default: '',
				description:
					'Only orders of this client. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Order Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only orders whose name contains this text',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		clientId: { api: 'client_id', kind: 'id' },
		name: { api: 'name', kind: 'text' },
	});
	return (await tflowList.call(this, { path: '/order/list', qs, itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
}
