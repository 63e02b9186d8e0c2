import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { pathSegment } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readWebhookKey, webhookIdField, withoutSecret } from './common';

const properties: INodeProperties[] = [webhookIdField];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const key = readWebhookKey(this.getNode(), this.getNodeParameter('webhookId', itemIndex), itemIndex);
	return withoutSecret(await tflowRequest.call(this, { method: 'GET', path: `/webhook/${pathSegment(key)}`, itemIndex }));
}
