import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyAnswer, simplifyFields } from '../../../shared/simplify';
import { tflowList } from '../../transport';
import { readFilters, readReturnAllOrLimit } from '../parameters';
import { ORDER_SIMPLE_FIELDS, ORDER_SIMPLE_SUMMARY } from './common';

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
	...simplifyFields(ORDER_SIMPLE_SUMMARY),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		clientId: { api: 'client_id', kind: 'id' },
		name: { api: 'name', kind: 'text' },
	});
	const limits = readReturnAllOrLimit.call(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const orders = (await tflowList.call(this, { path: '/order/list', qs, itemIndex }, limits)) as IDataObject[];
	return simplifyAnswer(orders, ORDER_SIMPLE_FIELDS, simplify);
}
