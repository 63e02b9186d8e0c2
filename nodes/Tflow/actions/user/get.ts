import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { userIdField } from './common';

const properties: INodeProperties[] = [userIdField];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const userId = readId.call(this, 'userId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/user/${userId}`, itemIndex })) as IDataObject;
}
