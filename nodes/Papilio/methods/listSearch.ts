import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { asNodeError, describeFailure } from '../../shared/http';
import { papilioList } from '../transport';

const MAX_RESULTS = 200;

function toResults(orders: IDataObject[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const matching = needle
		? orders.filter((order) => String(order.title ?? '').toLowerCase().includes(needle) || String(order.id) === needle)
		: orders;
	return {
		results: matching.slice(0, MAX_RESULTS).map((order) => ({
			name: `${String(order.title ?? 'Untitled')} (#${String(order.id)})`,
			value: String(order.id),
		})),
	};
}

/**
 * Orders for the order picker: a title search (/orders/search/and?title=…), falling back to the
 * user's own orders (/orders) when the user may not search (it needs editUsers).
 */
export async function searchOrders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const title = filter?.trim();
	if (title) {
		try {
			const { list } = await papilioList.call(this, { path: '/orders/search/and', qs: { title } }, 'orders');
			return toResults(list);
		} catch (error) {
			// Without editUsers papilio forbids the search; the user's own orders still help.
			if (describeFailure(error).status !== 403) throw asNodeError(this.getNode(), error);
		}
	}
	const { list } = await papilioList.call(this, { path: '/orders' }, 'orders');
	return toResults(list, title);
}
