/** How papilio orders and deletions appear in the node's output. */
import type { IDataObject, INode } from 'n8n-workflow';

import { apiError } from '../../shared/http';
import { truncate } from '../../shared/validation';
import { succeeded } from '../transport';
import { decodeStatus } from './statusFlags';

/** An order as output: papilio's fields plus the status decoded into flag names. */
export function orderOutput(order: IDataObject): IDataObject {
	if (!order || typeof order !== 'object') return order;
	const numeric = typeof order.status === 'number' || (typeof order.status === 'string' && /^\d+$/.test(order.status));
	return numeric ? { ...order, status_flags: decodeStatus(order.status) } : order;
}

/**
 * What a delete outputs, as n8n's own nodes do: `{deleted: true, id}`, once papilio confirmed it
 * with `{"success": "true"}`. Any other answer is an error: the node never reports a deletion it
 * cannot vouch for.
 */
export function deletedOutput(node: INode, answer: IDataObject, id: number, request: { path: string; itemIndex: number }): IDataObject {
	if (succeeded(answer)) return { deleted: true, id: String(id) };
	throw apiError(node, {
		message: 'papilio did not confirm the deletion',
		description: `DELETE /api/v1${request.path} answered ${truncate(JSON.stringify(answer ?? null), 500)} instead of {"success": "true"}`,
		itemIndex: request.itemIndex,
		details: { papilioResponse: answer ?? null },
	});
}
