import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { readId } from '../parameters';
import { clientIdField } from './common';

const properties: INodeProperties[] = [clientIdField];

export const description = updateDisplayOptions({ show: { resource: ['client'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clientId = readId.call(this, 'clientId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/client/${clientId}`, itemIndex })) as IDataObject;
}
