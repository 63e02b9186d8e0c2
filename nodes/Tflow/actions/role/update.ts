import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput, requireString } from '../../../shared/validation';
import { readText } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { descriptionField, roleIdField } from './common';

const properties: INodeProperties[] = [
	roleIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [descriptionField, { displayName: 'Name', name: 'name', type: 'string', default: '' }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const roleId = readId.call(this, 'roleId', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined) body.name = requireString(node, fields.name, 'name', itemIndex, 255);
	if (fields.description !== undefined) body.description = readText(node, fields.description, 'description', itemIndex);
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, 'updateFields', itemIndex, 'nothing to update', 'Add the name or description to change.');
	}
	return { roleId, body };
}

export function done(_role: IDataObject, { roleId }: ReturnType<typeof prepare>) {
	return `updated role ${roleId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { roleId, body }: ReturnType<typeof prepare>) {
	return (await tflowRequest.call(this, { method: 'POST', path: `/role/${roleId}`, body, itemIndex })) as IDataObject;
}
