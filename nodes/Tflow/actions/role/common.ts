/** Role fields shared by the role operations. */
import type { INode, INodeProperties } from 'n8n-workflow';

import { invalidInput, parseId } from '../../../shared/validation';

export const roleIdField: INodeProperties = {
	displayName: 'Role Name or ID',
	name: 'roleId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	default: '',
	required: true,
	description:
		'The tFLOW role. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'What the role is for',
};

/** A list of ids from a multi-options picker or an expression (`[4, 7]`, `"4, 7"`). */
export function readIdList(node: INode, value: unknown, field: string, itemIndex: number): number[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).replace(/^\s*\[|\]\s*$/g, '').split(',');
	const ids = list.map((id) => String(id).trim()).filter((id) => id !== '');
	return [...new Set(ids.map((id) => parseId(node, id, field, itemIndex)))];
}

/** Permission names from a multi-options picker or an expression; each looks like `manage_jobs`. */
export function readPermissionNames(node: INode, value: unknown, itemIndex: number): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const names = list.map((name) => (typeof name === 'string' ? name.trim() : name)).filter((name) => name !== '');
	for (const name of names) {
		if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
			throw invalidInput(node, 'permissions', itemIndex, `${JSON.stringify(name)} is not a tFLOW permission name (e.g. manage_jobs)`);
		}
	}
	return [...new Set(names as string[])];
}
