import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readPropertyDefinitions } from '../actions/properties';
import { USER_TRANSITIONS, allowedTransitions, transitionLabel } from '../actions/transitions';
import type { PropertyEntity } from '../helpers/properties';
import { propertyOptions } from '../helpers/properties';
import { withoutUrlSecret } from '../helpers/webhookUrls';
import { tflowList, tflowRequest } from '../transport';

function byName(a: INodePropertyOptions, b: INodePropertyOptions) {
	return a.name.localeCompare(b.name);
}

export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const products = (await tflowList.call(this, { path: '/product/list' })) as IDataObject[];
	return products
		.map((product) => ({
			name: String(product.name ?? product.id),
			value: Number(product.id),
			description: product.description ? String(product.description) : undefined,
		}))
		.sort(byName);
}

export async function getClients(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const clients = (await tflowList.call(this, { path: '/client/list' })) as IDataObject[];
	return clients.map((client) => ({ name: String(client.name ?? client.id), value: Number(client.id) })).sort(byName);
}

/** A user that client/getInitialInfo offers (`{user_id, user_name, user_email, client_name}`). */
function initialInfoUser(user: IDataObject): INodePropertyOptions {
	const name = user.user_name ? `${String(user.user_name)} (${String(user.user_email ?? user.user_id)})` : String(user.user_email ?? user.user_id);
	return { name, value: Number(user.user_id), description: user.client_name ? `User ID ${String(user.user_id)} of ${String(user.client_name)}` : undefined };
}

/** One list of client/getInitialInfo's answer (an empty one when tFLOW leaves it out). */
async function initialInfoList(context: ILoadOptionsFunctions, key: string): Promise<IDataObject[]> {
	const info = (await tflowRequest.call(context, { method: 'GET', path: '/client/getInitialInfo' })) as IDataObject;
	return Array.isArray(info?.[key]) ? (info[key] as IDataObject[]) : [];
}

async function initialInfoUsers(context: ILoadOptionsFunctions, key: string): Promise<INodePropertyOptions[]> {
	return (await initialInfoList(context, key)).map(initialInfoUser).sort(byName);
}

/** The production queues a new client can be given (client/getInitialInfo's `allowedTflows`). */
export async function getClientQueues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await initialInfoList(this, 'allowedTflows')).map(queueOption).sort(byName);
}

/** The instance users a new client can be made visible to (client/getInitialInfo). */
export async function getClientInstanceUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await initialInfoUsers(this, 'allowedVisibleToInstanceUsers');
}

/** The users of other companies a new client can be made visible to (client/getInitialInfo). */
export async function getClientNonInstanceUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await initialInfoUsers(this, 'allowedVisibleToNonInstanceUsers');
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = (await tflowList.call(this, { path: '/user/list' })) as IDataObject[];
	return users
		.map((user) => ({
			name: user.name ? `${String(user.name)} (${String(user.email)})` : String(user.email ?? user.id),
			value: Number(user.id),
		}))
		.sort(byName);
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const roles = (await tflowList.call(this, { path: '/role/list' })) as IDataObject[];
	return roles
		.map((role) => ({
			name: String(role.name ?? role.id),
			value: Number(role.id),
			description: role.description ? String(role.description) : undefined,
		}))
		.sort(byName);
}

/** tFLOW's permission names (permission/list answers a list of strings). */
export async function getPermissions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const names = (await tflowList.call(this, { path: '/permission/list' })) as unknown[];
	return names.map((name) => ({ name: String(name), value: String(name) })).sort(byName);
}

function queueOption(queue: IDataObject): INodePropertyOptions {
	return {
		name: `${String(queue.queue_name ?? queue.id)} (${String(queue.tflow_name ?? '')})`,
		value: String(queue.id),
		description: `Queue ID ${String(queue.id)}`,
	};
}

export async function getQueues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const queues = (await tflowList.call(this, { path: '/tflow/list' })) as IDataObject[];
	return queues.map(queueOption).sort(byName);
}

/** The dynamic properties the instance defines for the node's resource (order or job). */
export async function getPropertyDefinitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = this.getCurrentNodeParameter('resource') as PropertyEntity;
	return propertyOptions(await readPropertyDefinitions.call(this, entity));
}

export async function getOrders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const orders = (await tflowList.call(this, { path: '/order/list' })) as IDataObject[];
	return orders
		.sort((a: IDataObject, b: IDataObject) => Number(b.id) - Number(a.id))
		.map((order) => ({ name: String(order.name ?? order.id), value: Number(order.id) }));
}

function transitionOption(name: string): INodePropertyOptions {
	return { name: transitionLabel(name) === name ? name : `${transitionLabel(name)} (${name})`, value: name };
}

/**
 * The transitions the chosen job's current state allows (depends on the jobId parameter). Without a
 * job number to ask about (none chosen yet, or an expression such as {{ $json.id }} that only has a
 * value at run time) it offers every transition the tFLOW workflows let a user execute, and says that
 * the job's state decides at run time.
 */
export async function getAllowedTransitions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const jobId = String(this.getCurrentNodeParameter('jobId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(jobId)) {
		return USER_TRANSITIONS.map((name) => ({
			...transitionOption(name),
			description: 'Allowed only in some job states: the job\'s state decides at run time, and tFLOW names the allowed ones if it refuses',
		})).sort(byName);
	}
	const names = await allowedTransitions.call(this, jobId);
	const options = names.map(transitionOption);
	// The editor resolves a job expression with the last run's first item, whose state may have moved
	// on (a released job no longer allows "release"): the saved transition stays a valid choice.
	const saved = storedValue(this, 'transition');
	if (saved && !saved.startsWith('=') && !names.includes(saved)) {
		options.push({
			...transitionOption(saved),
			description: `Not allowed in job ${jobId}'s current state. With the job from an expression, each item's job state decides at run time`,
		});
	}
	return options;
}

/** The plain (not expression) value stored in a parameter of the open node, trimmed. */
function storedValue(context: ILoadOptionsFunctions, parameter: string): string {
	const value = context.getCurrentNodeParameter(parameter);
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/**
 * The revisions of the job chosen in the Job field, newest first. Without a job number (none chosen,
 * or one from an expression) tFLOW has nothing to list; a revision ID saved before the list existed
 * is offered as itself, so the field keeps it.
 */
export async function getRevisions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const jobId = String(this.getCurrentNodeParameter('jobId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(jobId)) {
		const saved = storedValue(this, 'revisionId');
		return /^\d+$/.test(saved)
			? [{ name: `Revision ID ${saved}`, value: saved, description: 'Choose the job above to list its revisions' }]
			: [];
	}
	const revisions = (await tflowList.call(this, { path: `/job/${jobId}/revisions` })) as IDataObject[];
	return revisions
		.sort((a, b) => Number(b.number ?? b.id) - Number(a.number ?? a.id))
		.map((revision) => ({
			name: `Revision ${String(revision.number ?? revision.id)}${revision.file_name ? `: ${String(revision.file_name)}` : ''}`,
			value: String(revision.id),
			description: `Revision ID ${String(revision.id)}${revision.created_at ? `, uploaded ${String(revision.created_at)}` : ''}`,
		}));
}

/**
 * The webhook subscriptions, by event and URL (the URL's secret hidden), valued by their ID. An event
 * name saved before the list existed (tFLOW also finds a subscription by it) is offered too while a
 * subscription to that event exists, so the field keeps it.
 */
export async function getWebhooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const webhooks = (await tflowList.call(this, { path: '/webhook/list' })) as IDataObject[];
	const options: INodePropertyOptions[] = webhooks.map((webhook) => ({
		name: `${String(webhook.name ?? webhook.id)} → ${withoutUrlSecret(String(webhook.url ?? ''))}`,
		value: String(webhook.id),
		description: `Webhook ID ${String(webhook.id)}`,
	}));
	const saved = storedValue(this, 'webhookId');
	if (!/^\d+$/.test(saved) && webhooks.some((webhook) => webhook.name === saved)) {
		options.push({ name: `${saved} (its first subscription)`, value: saved, description: 'Found by event name' });
	}
	return options.sort(byName);
}
