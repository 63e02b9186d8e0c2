import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { listFilterQuery, readReturnAllOrLimit } from '../../helpers/parameters';
import { tflowList } from '../../transport';

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
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only the client with exactly this name (case-insensitive)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['client'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = listFilterQuery.call(this, itemIndex, 'name');
	return (await tflowList.call(this, { path: '/client/list', qs, itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
}
