/** How papilio orders appear in the node's output. */
import type { IDataObject } from 'n8n-workflow';

import { simplifyAnswer } from '../../shared/simplify';
import { orderEditorLinks } from './editorLinks';
import { decodeStatus } from './statusFlags';

/** An order as output: papilio's fields plus the status decoded into flag names. */
export function orderOutput(order: IDataObject): IDataObject {
	if (!order || typeof order !== 'object') return order;
	const numeric = typeof order.status === 'number' || (typeof order.status === 'string' && /^\d+$/.test(order.status));
	return numeric ? { ...order, status_flags: decodeStatus(order.status) } : order;
}

export interface OrderOutputOptions {
	/** Server URL of the editor links. */
	serverUrl: string;
	/** The fields Simplify keeps, when it is on. */
	simpleFields?: readonly string[];
	/** Every order is a translation (the translatable tasks); the list of deleted orders. */
	translation?: boolean;
	deleted?: boolean;
}

/** Orders as output: decoded status, simplified when asked, and the editor links that apply to each. */
export function orderOutputs(orders: IDataObject[], options: OrderOutputOptions): IDataObject[] {
	return orders.map((order) => {
		const full = orderOutput(order);
		if (!full || typeof full !== 'object') return full;
		const shown = options.simpleFields ? simplifyAnswer(full, options.simpleFields, true) : full;
		return { ...shown, ...orderEditorLinks(full, options.serverUrl, options) };
	});
}
