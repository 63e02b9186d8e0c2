import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest } from '../../transport';
import { hiddenByRemoveAll, readId, readReplacing, removeAllField } from '../parameters';
import { readPermissionNames, roleIdField } from './common';

const properties: INodeProperties[] = [
	roleIdField,
	removeAllField('Permissions', 'Permission Names or IDs'),
	hiddenByRemoveAll({
		displayName: 'Permission Names or IDs',
		name: 'permissions',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPermissions' },
		default: [],
		description:
			'The permissions the role has from now on, replacing its current ones (e.g. manage_jobs, view_proof); at least one: to take them all away, turn on Remove All Permissions. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['setPermissions'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const roleId = readId.call(this, 'roleId', itemIndex);
	const permissions = readReplacing.call(this, 'permissions', itemIndex, 'Permissions', (value) => readPermissionNames(this.getNode(), value, itemIndex));
	return { roleId, permissions };
}

export function done(_output: IDataObject, { roleId }: ReturnType<typeof prepare>) {
	return `set the permissions of role ${roleId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { roleId, permissions }: ReturnType<typeof prepare>) {
	const body = { role_id: roleId, permissions };
	return (await tflowRequest.call(this, { method: 'POST', path: '/role/setPermissions', body, itemIndex })) as IDataObject;
}
