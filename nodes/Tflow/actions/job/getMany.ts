import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyAnswer, simplifyFields } from '../../../shared/simplify';
import type { CheckedFilter } from '../filteredList';
import { checkedList, containsText, sameId } from '../filteredList';
import { readFilters, readReturnAllOrLimit } from '../parameters';
import { JOB_SIMPLE_FIELDS, JOB_SIMPLE_SUMMARY } from './common';

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
				description: 'Only jobs whose name contains this text (ignoring case)',
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
	...simplifyFields(JOB_SIMPLE_SUMMARY),
];

/** The API document names no job/list parameter, so the node checks both on tFLOW's answer. */
const CHECKED_FILTERS: CheckedFilter[] = [
	{ param: 'order_id', label: 'Order', matches: sameId('order_id') },
	{ param: 'job_name', label: 'Job Name', matches: containsText('name') },
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = readFilters.call(this, itemIndex, {
		orderId: { api: 'order_id', kind: 'id' },
		jobName: { api: 'job_name', kind: 'text' },
	});
	const limits = readReturnAllOrLimit.call(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const jobs = await checkedList.call(this, { path: '/job/list', qs, itemIndex }, limits, CHECKED_FILTERS, 'jobs');
	return simplifyAnswer(jobs, JOB_SIMPLE_FIELDS, simplify);
}
