import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { roleIdField } from './common';

const properties: INodeProperties[] = [roleIdField];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['getWorkflowPermissions'] } }, withConcurrencyOption(properties));

/** One item `{role_id, transitions: [...]}`: the workflow transitions the role's users may execute. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const roleId = readId.call(this, 'roleId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: '/role/getWorkflowPermissions', qs: { role_id: roleId }, itemIndex })) as IDataObject;
}
