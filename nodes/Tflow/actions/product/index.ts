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
		options: [{ name: 'Get Many', value: 'getMany', action: 'Get many products' }],
		default: 'getMany',
	},
	...getMany.description,
];
