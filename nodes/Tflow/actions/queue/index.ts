import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as get from './get';
import * as getForEntity from './getForEntity';
import * as getMany from './getMany';
import * as setForEntity from './setForEntity';

export const operations: Record<string, Operation<unknown>> = { get, getForEntity, getMany, setForEntity };

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
				name: 'Get for Order, Job or Client',
				value: 'getForEntity',
				action: 'Get the production queues of an entity',
				description:
					'Lists the production queues an order, a job or a client has (queue IDs look like 808:1), one item per queue, for its numeric ID. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many production queues',
				description:
					'Lists the tFLOW production queues that released jobs are sent to, with their IDs (e.g. 808:1). Changes nothing.',
			},
			{
				name: 'Set for Order, Job or Client',
				value: 'setForEntity',
				action: 'Set the production queues of an entity',
				description:
					'Replaces the production queues of an order, a job or a client with the chosen ones (IDs like 808:1); none removes them all. Changes tFLOW: where its jobs can be sent to production.',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getForEntity.description,
	...getMany.description,
	...setForEntity.description,
];
