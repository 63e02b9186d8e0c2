import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalidInput, requireHttpUrl, requireString } from '../../../shared/validation';
import { isValidEventName, normalizeEventName } from '../../helpers/events';
import { withoutUrlSecret } from '../../helpers/webhookUrls';

/** Picked from the subscriptions (valued by ID); an expression may give an ID or an event name. */
export const webhookIdField: INodeProperties = {
	displayName: 'Webhook Name or ID',
	name: 'webhookId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getWebhooks' },
	default: '',
	required: true,
	description:
		'The subscription, listed by event and URL; an expression may also give the event name it subscribes to, e.g. job.approve. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** A webhook key as tFLOW accepts it in the path: a numeric id or an event name such as job.approve. */
export function readWebhookKey(node: INode, value: unknown, itemIndex: number): string {
	const key = requireString(node, value, 'webhookId', itemIndex, 200);
	if (!/^\d+$/.test(key) && !/^[a-z_]+\.[a-z0-9_]+$/i.test(key)) {
		throw invalidInput(node, 'webhookId', itemIndex, `"${key}" is neither a webhook ID nor an event name (e.g. job.approve)`);
	}
	return key;
}

/**
 * The security key and the `secret` in the URL (the tFLOW Trigger's, or one typed by hand) are
 * shared secrets: they are never put into the node's output.
 */
export function withoutSecret(webhook: unknown): IDataObject {
	if (!webhook || typeof webhook !== 'object' || Array.isArray(webhook)) return { result: webhook as IDataObject[keyof IDataObject] };
	const copy = { ...(webhook as IDataObject) };
	if (typeof copy.security_key === 'string' && copy.security_key !== '') copy.security_key = '***';
	if (typeof copy.url === 'string') copy.url = withoutUrlSecret(copy.url);
	return copy;
}

/** The event a subscription is for (tFLOW's `name`), checked against the event name pattern. */
export function readEventName(node: INode, value: unknown, itemIndex: number): string {
	const event = normalizeEventName(requireString(node, value, 'event', itemIndex, 200))!;
	if (!isValidEventName(event)) {
		throw invalidInput(node, 'event', itemIndex, `"${event}" is not a tFLOW event name (e.g. job.approve)`);
	}
	return event;
}

export function readWebhookUrl(node: INode, value: unknown, itemIndex: number): string {
	return requireHttpUrl(node, value, 'url', itemIndex);
}

/** The optional security key: text, or nothing when left empty. */
export function readSecurityKey(node: INode, value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidInput(node, 'securityKey', itemIndex, `must be text, got ${typeof value}`);
	return value === '' ? undefined : value;
}
