/** How papilio orders appear in the node's output. */
import type { IDataObject } from 'n8n-workflow';

import { decodeStatus } from './statusFlags';

/** An order as output: papilio's fields plus the status decoded into flag names. */
export function orderOutput(order: IDataObject): IDataObject {
	if (!order || typeof order !== 'object') return order;
	const numeric = typeof order.status === 'number' || (typeof order.status === 'string' && /^\d+$/.test(order.status));
	return numeric ? { ...order, status_flags: decodeStatus(order.status) } : order;
}
