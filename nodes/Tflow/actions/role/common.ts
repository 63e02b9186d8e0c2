/** Role fields shared by the role operations. */
import type { INode, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/validation';

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

/**
 * Names such as `manage_jobs` (permissions) or `approve` (workflow transitions) from a multi-options
 * picker or an expression, each checked to look like a tFLOW name, repeats dropped.
 */
export function readNames(node: INode, value: unknown, field: string, itemIndex: number, kind: string, example: string): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const names = list.map((name) => (typeof name === 'string' ? name.trim() : name)).filter((name) => name !== '');
	for (const name of names) {
		if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
			throw invalidInput(node, field, itemIndex, `${JSON.stringify(name)} is not a tFLOW ${kind} (e.g. ${example})`);
		}
	}
	return [...new Set(names as string[])];
}

/** Permission names from a multi-options picker or an expression; each looks like `manage_jobs`. */
export function readPermissionNames(node: INode, value: unknown, itemIndex: number): string[] {
	return readNames(node, value, 'permissions', itemIndex, 'permission name', 'manage_jobs');
}
