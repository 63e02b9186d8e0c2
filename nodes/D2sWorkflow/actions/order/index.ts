import type { INodeProperties } from 'n8n-workflow';

import * as put from './put';

export { put };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Put',
				value: 'put',
				description: 'Send an order to the lab. The lab downloads every image before it answers.',
				action: 'Put an order',
			},
		],
		default: 'put',
	},
	...put.description,
];
