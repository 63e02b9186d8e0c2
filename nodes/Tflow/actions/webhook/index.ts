import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getMany from './getMany';

export const operations: Record<string, Operation<unknown>> = { create, delete: del, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a webhook subscription' },
			{ name: 'Delete', value: 'delete', action: 'Delete a webhook subscription' },
			{ name: 'Get', value: 'get', action: 'Get a webhook subscription' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many webhook subscriptions' },
		],
		default: 'getMany',
	},
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
];
