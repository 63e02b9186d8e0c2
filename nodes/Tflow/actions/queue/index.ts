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
			{
				name: 'Get',
				value: 'get',
				action: 'Get a production queue',
				description:
					'Returns one tFLOW production queue by its ID (queue IDs look like 808:1). Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many production queues',
				description:
					'Lists the tFLOW production queues that released jobs are sent to, with their IDs (e.g. 808:1). Changes nothing.',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
