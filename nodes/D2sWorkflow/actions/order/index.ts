import type { INodeProperties } from 'n8n-workflow';

import * as checkInstance from './checkInstance';
import * as put from './put';

export { checkInstance, put };

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
				description:
					'Places a paid print order at the D2S lab: the lab downloads every unit\'s images from their URLs before it answers with its order number. Changes the lab: each input item (each tool call) places one order that the lab produces and charges for; it is sent once, never retried.',
				action: 'Place an order at the lab',
			},
			{
				name: 'Check Instance',
				value: 'checkInstance',
				description:
					'Checks what this node can about the D2S lab without placing an order (the lab answers, the secret is accepted, the error answers) and outputs one item per check: {check, ok, seen, expected, hint}. Sends one put-order the document makes invalid, which the lab refuses. Changes nothing.',
				action: 'Check the lab',
			},
		],
		default: 'put',
	},
	...put.description,
	...checkInstance.description,
];
