import type { INodeProperties } from 'n8n-workflow';

import * as getMessages from './getMessages';
import * as markAsRead from './markAsRead';

export const operations = {
	getReceived: getMessages,
	getSent: getMessages,
	markAsRead,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{ name: 'Get Received', value: 'getReceived', action: 'Get received messages' },
			{ name: 'Get Sent', value: 'getSent', action: 'Get sent messages' },
			{ name: 'Mark as Read', value: 'markAsRead', action: 'Mark a message as read' },
		],
		default: 'getReceived',
	},
	...getMessages.description,
	...markAsRead.description,
];
