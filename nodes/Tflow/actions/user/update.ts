import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readId, refuseEmptyOptions } from '../parameters';
import { ONLY_OWN_COMPANY, USER_FIELDS, userFieldOptions, userIdField } from './common';

const properties: INodeProperties[] = [
	userIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...userFieldOptions,
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' } as INodeProperties,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const userId = readId.call(this, 'userId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	refuseEmptyOptions(node, itemIndex, fields, ['visibleClientIds'], ONLY_OWN_COMPANY);
	const body = toApiBody(node, itemIndex, fields, USER_FIELDS, {
		skipEmpty: true,
	});
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, 'updateFields', itemIndex, 'nothing to update', 'Add at least one field to change.');
	}
	return { userId, body };
}

export function done(_user: IDataObject, { userId }: ReturnType<typeof prepare>) {
	return `updated user ${userId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { userId, body }: ReturnType<typeof prepare>) {
	return (await tflowRequest.call(this, { method: 'POST', path: `/user/${userId}`, body, itemIndex })) as IDataObject;
}
