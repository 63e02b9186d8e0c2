import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { parseIdList } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { hiddenByRemoveAll, readId, readReplacing, removeAllField } from '../parameters';
import { roleIdField } from './common';

const properties: INodeProperties[] = [
	roleIdField,
	removeAllField('Users', 'User Names or IDs'),
	hiddenByRemoveAll({
		displayName: 'User Names or IDs',
		name: 'userIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		default: [],
		description:
			'The users the role has from now on, replacing its members; each must belong to the role\'s company. At least one: to empty the role, turn on Remove All Users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['setUsers'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const roleId = readId.call(this, 'roleId', itemIndex);
	const userIds = readReplacing.call(this, 'userIds', itemIndex, 'Users', (value) => parseIdList(this.getNode(), value, 'userIds', itemIndex));
	return { roleId, userIds };
}

export function done(_output: IDataObject, { roleId, userIds }: ReturnType<typeof prepare>) {
	return `set the users of role ${roleId} to [${userIds.join(', ')}]`;
}

/** One item per member afterwards (tFLOW's answer); none when the role was emptied. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { roleId, userIds }: ReturnType<typeof prepare>) {
	const answer = await tflowRequest.call(this, { method: 'POST', path: `/role/${roleId}/setUsers`, body: { user_ids: userIds }, itemIndex });
	return (Array.isArray(answer) ? answer : [answer]) as IDataObject[];
}
