import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const operations: Record<string, Operation<unknown>> = { create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an order', description: 'Create an order for a client' },
			{ name: 'Get', value: 'get', action: 'Get an order' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many orders' },
			{ name: 'Update', value: 'update', action: 'Update an order' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
