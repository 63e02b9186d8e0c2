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
				// Stored as `put` (the API's put-order); shown as what it does.
				name: 'Place Order',
				value: 'put',
				description: 'Send an order to the lab. The lab downloads every image before it answers.',
				action: 'Place an order at the lab',
			},
		],
		default: 'put',
	},
	...put.description,
];
