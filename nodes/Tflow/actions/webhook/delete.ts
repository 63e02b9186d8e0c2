import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { pathSegment } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readWebhookKey, webhookIdField } from './common';

const properties: INodeProperties[] = [webhookIdField];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readWebhookKey(this.getNode(), this.getNodeParameter('webhookId', itemIndex), itemIndex);
}

export function done(_output: IDataObject, key: string) {
	return `deleted webhook ${key}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, key: string) {
	await tflowRequest.call(this, { method: 'DELETE', path: `/webhook/${pathSegment(key)}`, itemIndex });
	// tFLOW documents no answer body for deletes; the output is n8n's usual one. A key is a webhook ID
	// or an event name (which removes that event's subscriptions).
	return (/^\d+$/.test(key) ? { deleted: true, id: Number(key) } : { deleted: true, event: key }) as IDataObject;
}
