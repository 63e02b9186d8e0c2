import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { EVENT_OPTIONS } from '../../helpers/events';
import { tflowRequest } from '../../transport';
import { readEventName, readSecurityKey, readWebhookUrl, withoutSecret } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: EVENT_OPTIONS,
		default: 'job.create',
		required: true,
		description:
			'The tFLOW event to subscribe to; "Job Transition" events (job.&lt;transition&gt;) fire when that transition runs',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/hooks/tflow',
		description: 'Where tFLOW posts the event (a form-encoded POST with event_name, job_id, …)',
	},
	{
		displayName: 'Security Key',
		name: 'securityKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'A secret tFLOW sends with every delivery, so the receiver can tell the request came from tFLOW',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['create'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const body: IDataObject = {
		name: readEventName(node, this.getNodeParameter('event', itemIndex), itemIndex),
		url: readWebhookUrl(node, this.getNodeParameter('url', itemIndex), itemIndex),
	};
	const securityKey = readSecurityKey(node, this.getNodeParameter('securityKey', itemIndex, ''), itemIndex);
	if (securityKey) body.security_key = securityKey;
	return body;
}

export function done(webhook: IDataObject, body: IDataObject) {
	return `created webhook ${String(webhook.id)} for ${String(body.name)}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return withoutSecret(await tflowRequest.call(this, { method: 'POST', path: '/webhook/create', body, itemIndex }));
}
