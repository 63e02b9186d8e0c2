import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/validation';
import { EVENT_OPTIONS } from '../../helpers/events';
import { pathSegment } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { readEventName, readSecurityKey, readWebhookKey, readWebhookUrl, webhookIdField, withoutSecret } from './common';

const properties: INodeProperties[] = [
	webhookIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: EVENT_OPTIONS,
				default: 'job.create',
				description: 'The tFLOW event the subscription is for from now on',
			},
			{
				displayName: 'Security Key',
				name: 'securityKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'A new secret tFLOW sends with every delivery',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/hooks/tflow',
				description: 'Where tFLOW posts the event from now on',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const key = readWebhookKey(node, this.getNodeParameter('webhookId', itemIndex), itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.event !== undefined) body.name = readEventName(node, fields.event, itemIndex);
	if (fields.url !== undefined) body.url = readWebhookUrl(node, fields.url, itemIndex);
	const securityKey = readSecurityKey(node, fields.securityKey, itemIndex);
	if (securityKey) body.security_key = securityKey;
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, 'updateFields', itemIndex, 'nothing to update', 'Add the event, URL or security key to change.');
	}
	return { key, body };
}

export function done(_webhook: IDataObject, { key }: ReturnType<typeof prepare>) {
	return `updated webhook ${key}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { key, body }: ReturnType<typeof prepare>) {
	return withoutSecret(await tflowRequest.call(this, { method: 'POST', path: `/webhook/${pathSegment(key)}`, body, itemIndex }));
}
