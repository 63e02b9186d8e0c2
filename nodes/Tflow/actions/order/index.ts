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
			{
				name: 'Create',
				value: 'create',
				action: 'Create an order',
				description:
					'Creates an order (a customer\'s purchase that holds jobs) for a tFLOW client given by its numeric client ID. Changes tFLOW: adds one order and returns it with its numeric order ID.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description:
					'Returns one tFLOW order by its numeric order ID (e.g. 1): client, name, state and dates (the full record with Simplify off). Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many orders',
				description:
					'Lists tFLOW orders with their numeric IDs, optionally only those of one client or whose name contains a text, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an order',
				description:
					'Sets the given fields of a tFLOW order (numeric order ID). Changes tFLOW: those fields; the others stay as they are.',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
