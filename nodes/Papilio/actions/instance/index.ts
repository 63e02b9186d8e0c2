import type { INodeProperties } from 'n8n-workflow';

import * as checkInstance from './checkInstance';

export const operations = { checkInstance };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instance'] } },
		options: [
			{
				name: 'Check Instance',
				value: 'checkInstance',
				action: 'Check the instance',
				description:
					'Checks what this node assumes about the papilio server (login, token refresh, the access_token parameter, the search\'s status filter, expand on task lists) and outputs one item per check: {check, ok, seen, expected, hint}. Sends only reads and token requests. Changes nothing.',
			},
		],
		default: 'checkInstance',
	},
	...checkInstance.description,
];
