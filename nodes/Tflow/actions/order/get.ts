import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { orderIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const properties: INodeProperties[] = [orderIdLocator];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const orderId = readId.call(this, 'orderId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/order/${orderId}`, itemIndex })) as IDataObject;
}
