import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { roleIdField } from './common';

const properties: INodeProperties[] = [roleIdField];

export const description = updateDisplayOptions({ show: { resource: ['role'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const roleId = readId.call(this, 'roleId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/role/${roleId}`, itemIndex })) as IDataObject;
}
