import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyAnswer, simplifyFields } from '../../../shared/simplify';
import type { CheckedFilter } from '../filteredList';
import { checkedList, containsText, sameId } from '../filteredList';
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
				description: 'Only orders whose name contains this text (ignoring case)',
			},
		],
	},
	...simplifyFields(ORDER_SIMPLE_SUMMARY),
];

/** No source documents order/list parameters, so the node checks both on tFLOW's answer. */
const CHECKED_FILTERS: CheckedFilter[] = [
	{ param: 'client_id', label: 'Client', matches: sameId('client_id') },
	{ param: 'name', label: 'Order Name', matches: containsText('name') },
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		clientId: { api: 'client_id', kind: 'id' },
		name: { api: 'name', kind: 'text' },
	});
	const limits = readReturnAllOrLimit.call(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const orders = await checkedList.call(this, { path: '/order/list', qs, itemIndex }, limits, CHECKED_FILTERS, 'orders');
	return simplifyAnswer(orders, ORDER_SIMPLE_FIELDS, simplify);
}
