import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyFields } from '../../../shared/simplify';
import { invalidInput, readReturnAllOrLimit } from '../../../shared/validation';
import { orderOutputs } from '../../helpers/orders';
import { papilioList, papilioServerUrl } from '../../transport';
import { expandOptions } from '../common.descriptions';
import { expandQuery } from '../parameters';
import { orderSimpleFields, ORDER_SIMPLE_SUMMARY } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Orders',
		name: 'scope',
		type: 'options',
		options: [
			{ name: 'Mine (Completed)', value: 'mine', description: 'Completed orders of the credential\'s user (not open, not deleted)' },
			{ name: 'All Users (Completed, One Year)', value: 'all', description: 'Completed orders of all users created in a year. Needs editUsers.' },
			{ name: 'Deleted', value: 'deleted', description: 'Orders marked deleted. Needs editClients.' },
		],
		default: 'mine',
	},
	{
		displayName: 'Year',
		name: 'year',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 9999, numberPrecision: 0 },
		hint: '0 means the current year',
		description: 'Year in which the orders were created',
		displayOptions: { show: { scope: ['all'] } },
	},
	...returnAllOrLimit(),
	...simplifyFields(ORDER_SIMPLE_SUMMARY),
	expandOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const scope = this.getNodeParameter('scope', itemIndex) as string;
	let path: string;
	if (scope === 'mine') path = '/orders';
	else if (scope === 'deleted') path = '/orders/deleted';
	else if (scope === 'all') {
		const given = this.getNodeParameter('year', itemIndex, 0) as unknown;
		const year = typeof given === 'number' || typeof given === 'string' ? Number(given) : NaN;
		// papilio knows the years 1970 to 9999.
		if (!Number.isInteger(year) || (year !== 0 && (year < 1970 || year > 9999))) {
			throw invalidInput(this.getNode(), 'Year', itemIndex, `must be a year such as 2024 (0 = current year), got ${JSON.stringify(given)}`);
		}
		path = `/orders/all/${year === 0 ? new Date().getFullYear() : year}`;
	} else {
		throw invalidInput(this.getNode(), 'Orders', itemIndex, `"${scope}" is not one of mine, all, deleted`);
	}
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const expand = expandQuery(this, itemIndex);
	const { list } = await papilioList.call(this, { path, qs: expand, itemIndex }, 'orders', { returnAll, limit });
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	return orderOutputs(list, { serverUrl, simpleFields: simplify ? orderSimpleFields(expand) : undefined, deleted: scope === 'deleted' });
}
