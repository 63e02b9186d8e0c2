import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest } from '../../transport';
import { USER_TRANSITIONS, transitionLabel } from '../transitions';
import { hiddenByRemoveAll, readId, readReplacing, removeAllField } from '../parameters';
import { readNames, roleIdField } from './common';

const properties: INodeProperties[] = [
	roleIdField,
	removeAllField('Transitions', 'Transitions'),
	hiddenByRemoveAll({
		displayName: 'Transitions',
		name: 'transitions',
		type: 'multiOptions',
		options: USER_TRANSITIONS.map((name) => ({ name: transitionLabel(name) === name ? name : `${transitionLabel(name)} (${name})`, value: name })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		default: [],
		description:
			'The workflow transitions the role\'s users may execute from now on, replacing the current ones (e.g. approve, release); at least one: to take them all away, turn on Remove All Transitions. An expression may give names too.',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['setWorkflowPermissions'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const roleId = readId.call(this, 'roleId', itemIndex);
	const transitions = readReplacing.call(this, 'transitions', itemIndex, 'Transitions', (value) =>
		readNames(this.getNode(), value, 'transitions', itemIndex, 'transition name', 'approve'),
	);
	return { roleId, transitions };
}

export function done(_output: IDataObject, { roleId }: ReturnType<typeof prepare>) {
	return `set the workflow permissions of role ${roleId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { roleId, transitions }: ReturnType<typeof prepare>) {
	const body = { role_id: roleId, transitions };
	return (await tflowRequest.call(this, { method: 'POST', path: '/role/setWorkflowPermissions', body, itemIndex })) as IDataObject;
}
