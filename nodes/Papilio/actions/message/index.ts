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
			{
				name: 'Get Received',
				value: 'getReceived',
				action: 'Get received messages',
				description:
					'Lists the messages the credential\'s papilio user received, with their numeric message IDs. Changes nothing.',
			},
			{
				name: 'Get Sent',
				value: 'getSent',
				action: 'Get sent messages',
				description:
					'Lists the messages the credential\'s papilio user sent, with their numeric message IDs. Changes nothing.',
			},
			{
				name: 'Mark as Read',
				value: 'markAsRead',
				action: 'Mark a message as read',
				description:
					'Marks a received papilio message (numeric message ID) as read. Changes papilio: the message\'s read state.',
			},
		],
		default: 'getReceived',
	},
	...getMessages.description,
	...markAsRead.description,
];
