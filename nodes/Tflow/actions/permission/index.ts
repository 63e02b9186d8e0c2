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
		displayOptions: { show: { resource: ['permission'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many permissions',
				description:
					'Lists the permission names tFLOW knows (e.g. manage_jobs, admin_users), one item {name} each, for Role: Set Permissions. Changes nothing.',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
