import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { requireString } from '../../../shared/validation';
import { readText } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { descriptionField } from './common';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Prepress Operator' },
	{
		displayName: 'Owning Client Name or ID',
		name: 'owningClientId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getClients' },
		default: '',
		required: true,
		description:
			'The company the role belongs to; only its users can be given the role. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: [descriptionField] },
];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['create'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const body: IDataObject = {
		name: requireString(node, this.getNodeParameter('name', itemIndex), 'name', itemIndex, 255),
		owning_client_id: readId.call(this, 'owningClientId', itemIndex),
	};
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (fields.description !== undefined && fields.description !== '') body.description = readText(node, fields.description, 'description', itemIndex);
	return body;
}

export function done(role: IDataObject, body: IDataObject) {
	return `created role ${String(role.id)} (${String(body.name)})`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return (await tflowRequest.call(this, { method: 'POST', path: '/role/create', body, itemIndex })) as IDataObject;
}
