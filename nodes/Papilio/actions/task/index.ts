import type { INodeProperties } from 'n8n-workflow';

import * as getOrders from './getOrders';

export const operations = {
	getCompleted: getOrders,
	getLayoutable: getOrders,
	getPrintable: getOrders,
	getTranslatable: getOrders,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get Completed',
				value: 'getCompleted',
				action: 'Get completed orders of a user',
				description:
					'Lists the papilio orders a user (numeric user ID) has completed. Changes nothing.',
			},
			{
				name: 'Get Layoutable',
				value: 'getLayoutable',
				action: 'Get orders to layout',
				description:
					'Lists papilio orders that need to be laid out by a human. Needs the layoutOrders permission. Changes nothing.',
			},
			{
				name: 'Get Printable',
				value: 'getPrintable',
				action: 'Get orders to print',
				description:
					'Lists papilio orders to print and send, with recipient and address. Needs the printOrders permission. Changes nothing.',
			},
			{
				name: 'Get Translatable',
				value: 'getTranslatable',
				action: 'Get orders to translate',
				description:
					'Lists papilio orders to translate that the credential\'s user can translate. Needs the translateOrders permission. Changes nothing.',
			},
		],
		default: 'getPrintable',
	},
	...getOrders.description,
];
