import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { containsText } from '../actions/filteredList';
import { tflowList, tflowRequest } from '../transport';

const PAGE_SIZE = 100;

/** tFLOW lists are not paged, so the list is cut into pages here (newest first). */
function page(items: INodeListSearchItems[], paginationToken?: string): INodeListSearchResult {
	const offset = Number(paginationToken) || 0;
	const end = offset + PAGE_SIZE;
	return { results: items.slice(offset, end), paginationToken: end < items.length ? String(end) : undefined };
}

function newestFirst(a: IDataObject, b: IDataObject) {
	return Number(b.id) - Number(a.id);
}

/** A typed number also finds the entity with that id, besides the name search. */
async function byId(this: ILoadOptionsFunctions, entity: 'job' | 'order', filter?: string): Promise<IDataObject[]> {
	if (!filter || !/^\d+$/.test(filter.trim())) return [];
	try {
		return [(await tflowRequest.call(this, { method: 'GET', path: `/${entity}/${filter.trim()}` })) as IDataObject];
	} catch {
		return [];
	}
}

/** The entries whose name holds the search text: an instance may ignore the (undocumented) name filter. */
function matching(entries: unknown, filter: string | undefined): IDataObject[] {
	const list = (Array.isArray(entries) ? entries : []) as IDataObject[];
	if (!filter) return list;
	const named = containsText('name');
	return list.filter((entry) => named(entry, filter));
}

export async function searchJobs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const jobs = matching(await tflowList.call(this, { path: '/job/list', qs: filter ? { job_name: filter } : undefined }), filter);
	const found = [...(await byId.call(this, 'job', filter)), ...jobs.sort(newestFirst)];
	const unique = found.filter((job, index) => found.findIndex((other) => other.id === job.id) === index);
	return page(
		unique.map((job) => ({
			name: `${String(job.name ?? `Job ${job.id}`)}${job.current_state_name ? ` (${String(job.current_state_name)})` : ''}`,
			value: String(job.id),
		})),
		paginationToken,
	);
}

export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const orders = matching(await tflowList.call(this, { path: '/order/list', qs: filter ? { name: filter } : undefined }), filter);
	const found = [...(await byId.call(this, 'order', filter)), ...orders.sort(newestFirst)];
	const unique = found.filter((order, index) => found.findIndex((other) => other.id === order.id) === index);
	return page(
		unique.map((order) => ({
			name: `${String(order.name ?? `Order ${order.id}`)}${order.description ? ` – ${String(order.description)}` : ''}`,
			value: String(order.id),
		})),
		paginationToken,
	);
}
