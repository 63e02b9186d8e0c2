import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as checkInstance from './checkInstance';
import * as getVersion from './getVersion';

export const operations: Record<string, Operation<unknown>> = { checkInstance, getVersion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['api'] } },
		options: [
			{
				name: 'Check Instance',
				value: 'checkInstance',
				action: 'Check the instance',
				description:
					'Checks what this node assumes about the tFLOW instance (version, token, lists, webhook shape, property definitions, transitions, list filters) and outputs one item per check: {check, ok, seen, expected, hint}. Sends only reads. Changes nothing.',
			},
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
	...checkInstance.description,
	...getVersion.description,
];
