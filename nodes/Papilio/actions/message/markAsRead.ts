import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { parseId } from '../../../shared/validation';
import { papilioRequest, succeeded } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Message Name or ID',
		name: 'messageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getReceivedMessages' },
		default: '',
		required: true,
		description:
			'A message you received, unread ones first. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['markAsRead'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return parseId(this.getNode(), this.getNodeParameter('messageId', itemIndex), 'Message ID', itemIndex);
}

export function done(_output: IDataObject, id: number) {
	return `marked message ${id} as read`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, id: number) {
	const answer = await papilioRequest.call(this, {
		method: 'POST',
		path: `/messages/read/${id}`,
		itemIndex,
		forbiddenExplanation: 'papilio only lets you mark your own messages as read.',
	});
	return { id: String(id), read: succeeded(answer), success: succeeded(answer) };
}
