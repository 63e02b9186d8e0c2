import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as get from './get';
import * as getInitialInfo from './getInitialInfo';
import * as getMany from './getMany';
import * as getQueues from './getQueues';

export const operations: Record<string, Operation<unknown>> = { create, get, getInitialInfo, getMany, getQueues };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a client',
				description:
					'Creates a tFLOW client, the customer account that orders belong to. Changes tFLOW: adds one client and returns it with its numeric client ID.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a client',
				description:
					'Returns one tFLOW client by its numeric client ID. Changes nothing.',
			},
			{
				name: 'Get Initial Info',
				value: 'getInitialInfo',
				action: 'Get the initial info for a new client',
				description:
					'Returns what a new tFLOW client may be given and what it gets by default: the production queues and the users it can be made visible to, with their IDs. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many clients',
				description:
					'Lists tFLOW clients with their numeric IDs, optionally only the one with an exact name, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Get Queues',
				value: 'getQueues',
				action: 'Get the production queues of a client',
				description:
					'Lists the production queues a tFLOW client\'s jobs can be sent to (queue IDs look like 808:1) for a numeric client ID. Changes nothing.',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getInitialInfo.description,
	...getMany.description,
	...getQueues.description,
];
