import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as getVersion from './getVersion';

export const operations: Record<string, Operation<unknown>> = { getVersion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['api'] } },
		options: [
			{
				name: 'Get Version',
				value: 'getVersion',
				action: 'Get the API version',
				description:
					'Returns the version and branch of the tFLOW instance\'s API (e.g. 0.2.6280, trunk), to check which tFLOW a workflow talks to or to report a problem. Changes nothing.',
			},
		],
		default: 'getVersion',
	},
	...getVersion.description,
];
