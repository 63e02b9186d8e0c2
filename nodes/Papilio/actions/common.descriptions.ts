/** Parameters used by several papilio operations. */
import type { INodeProperties } from 'n8n-workflow';

import { STATUS_FLAG_OPTIONS } from '../helpers/statusFlags';

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

export const EXPAND_OPTIONS = [
	{ name: 'Owner', value: 'owner', description: 'Whether to return the owner as a user object' },
	{ name: 'Released By', value: 'released_by', description: 'Whether to return the controller who released the order as a user object' },
	{ name: 'Status Names', value: 'status', description: 'Whether papilio returns the status as named codes instead of the number' },
	{ name: 'Template', value: 'template', description: 'Whether to return the template as a template object' },
];

export type ExpandName = 'owner' | 'released_by' | 'status' | 'template';

export const ALL_EXPANDS: ExpandName[] = ['owner', 'released_by', 'status', 'template'];

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

/** The Options collection of the operations whose only option is Expand (Concurrency joins it later). */
export function expandOptions(allowed: ExpandName[] = ALL_EXPANDS): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [expandField(allowed)] };
}

/** A multi-select of status flags; an expression may give a number (e.g. 288) instead. */
export function statusFlagsField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options: STATUS_FLAG_OPTIONS,
		default: [],
		description: `${description}. Pick flags, or give a bitmask number by expression (e.g. 288 = Released + Delivered).`,
	};
}

/** An optional user ID: empty means the credential's own user. */
export function userIdField(description: string): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'Leave empty for your own user',
		description: `${description}. Other users than your own need the editUsers permission.`,
	};
}

/** The template dropdown (loaded from papilio's template tree); an expression may give the ID. */
export const templateIdField: INodeProperties = {
	displayName: 'Template Name or ID',
	name: 'templateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTemplates' },
	default: '',
	required: true,
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

