import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { parseId } from '../../../shared/validation';
import { papilioRequest, succeeded } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2460',
		description: 'ID of a message you received',
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
