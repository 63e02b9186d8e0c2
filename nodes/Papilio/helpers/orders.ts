import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../shared/http';
import { invalidInput, parseId, truncate } from '../../shared/validation';
import { succeeded } from '../transport';
import { decodeStatus } from './statusFlags';

/** The order chosen by the `orderId` resource locator (or a plain id given by expression). */
export const orderIdField: INodeProperties = {
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The papilio order',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an order…',
			typeOptions: { searchListMethod: 'searchOrders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 51038',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'An order ID is a number, e.g. 51038' },
				},
			],
		},
	],
};

export function getOrderId(context: IExecuteFunctions, itemIndex: number): number {
	const value = context.getNodeParameter('orderId', itemIndex, undefined, { extractValue: true });
	return parseId(context.getNode(), value, 'Order', itemIndex);
}

export const EXPAND_OPTIONS = [
	{ name: 'Owner', value: 'owner', description: 'Whether to return the owner as a user object' },
	{ name: 'Released By', value: 'released_by', description: 'Whether to return the controller who released the order as a user object' },
	{ name: 'Status Names', value: 'status', description: 'Whether papilio returns the status as named codes instead of the number' },
	{ name: 'Template', value: 'template', description: 'Whether to return the template as a template object' },
];

type ExpandName = 'owner' | 'released_by' | 'status' | 'template';

const ALL_EXPANDS: ExpandName[] = ['owner', 'released_by', 'status', 'template'];

/**
 * The "Expand" multi-select (papilio's status, owner, template and released_by arguments). Order
 * search uses status, owner and template as filters, so there only released_by can be expanded.
 */
export function expandField(allowed: ExpandName[] = ALL_EXPANDS): INodeProperties {
	return {
		displayName: 'Expand',
		name: 'expand',
		type: 'multiOptions',
		options: EXPAND_OPTIONS.filter((option) => allowed.includes(option.value as ExpandName)),
		default: [],
		description: 'Related data papilio should return as objects instead of IDs',
	};
}

/** The expand selection (options.expand) as papilio's boolean query arguments. */
export function expandQuery(context: IExecuteFunctions, itemIndex: number, allowed: ExpandName[] = ALL_EXPANDS): IDataObject {
	const value = context.getNodeParameter('options.expand', itemIndex, []) as unknown;
	const selected = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : [];
	const known = new Set<string>(allowed);
	const query: IDataObject = {};
	for (const entry of selected) {
		const name = String(entry).trim();
		if (!known.has(name)) {
			throw invalidInput(context.getNode(), 'Expand', itemIndex, `"${name}" is not one of ${[...known].join(', ')}`);
		}
		query[name] = 'true';
	}
	return query;
}

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
