import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as getQueues from './getQueues';

export const operations: Record<string, Operation<unknown>> = { create, get, getMany, getQueues };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a client' },
			{ name: 'Get', value: 'get', action: 'Get a client' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many clients' },
			{
				name: 'Get Queues',
				value: 'getQueues',
				action: 'Get the production queues of a client',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getQueues.description,
];
