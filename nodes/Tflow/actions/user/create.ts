import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { requireEmail } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { refuseEmptyOptions } from '../parameters';
import { ONLY_OWN_COMPANY, USER_FIELDS, userFieldOptions } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'E-mail address; it identifies the user in tFLOW and must be unique',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: userFieldOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['create'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const email = requireEmail(node, this.getNodeParameter('email', itemIndex), 'email', itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	refuseEmptyOptions(node, itemIndex, fields, ['visibleClientIds'], ONLY_OWN_COMPANY);
	return {
		email,
		...toApiBody(node, itemIndex, fields, USER_FIELDS, {
			skipEmpty: true,
		}),
	};
}

export function done(user: IDataObject) {
	return `created user ${String(user.id)}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return (await tflowRequest.call(this, { method: 'POST', path: '/user/create', body, itemIndex })) as IDataObject;
}
