import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as get from './get';
import * as getMany from './getMany';

export const operations: Record<string, Operation<unknown>> = { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a production queue' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many production queues' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
