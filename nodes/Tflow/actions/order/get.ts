import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyAnswer, simplifyFields } from '../../../shared/simplify';
import { tflowRequest } from '../../transport';
import { orderIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { ORDER_SIMPLE_FIELDS, ORDER_SIMPLE_SUMMARY } from './common';

const properties: INodeProperties[] = [orderIdLocator, ...simplifyFields(ORDER_SIMPLE_SUMMARY)];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const orderId = readId.call(this, 'orderId', itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const order = (await tflowRequest.call(this, { method: 'GET', path: `/order/${orderId}`, itemIndex })) as IDataObject;
	return simplifyAnswer(order, ORDER_SIMPLE_FIELDS, simplify);
}
