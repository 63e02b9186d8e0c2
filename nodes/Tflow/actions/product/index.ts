import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as getMany from './getMany';

export const operations: Record<string, Operation<unknown>> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many products',
				description:
					'Lists tFLOW products (what a job is produced as, with its preflight) with their numeric IDs, optionally only the one with an exact name. Changes nothing.',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
