import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { USER_TRANSITIONS, allowedTransitions, transitionLabel } from '../actions/transitions';
import { tflowList } from '../transport';

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

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = (await tflowList.call(this, { path: '/user/list' })) as IDataObject[];
	return users
		.map((user) => ({
			name: user.name ? `${String(user.name)} (${String(user.email)})` : String(user.email ?? user.id),
			value: Number(user.id),
		}))
		.sort(byName);
}

export async function getQueues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const queues = (await tflowList.call(this, { path: '/tflow/list' })) as IDataObject[];
	return queues
		.map((queue) => ({
			name: `${String(queue.queue_name ?? queue.id)} (${String(queue.tflow_name ?? '')})`,
			value: String(queue.id),
			description: `Queue ID ${String(queue.id)}`,
		}))
		.sort(byName);
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
	return names.map(transitionOption);
}
