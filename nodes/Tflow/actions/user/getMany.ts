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
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user with this e-mail address (case-insensitive)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const qs = listFilterQuery.call(this, itemIndex, 'email');
	return (await tflowList.call(this, { path: '/user/list', qs, itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
}
