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
			{ name: 'Get Completed', value: 'getCompleted', action: 'Get completed orders of a user', description: 'Orders a user has completed' },
			{ name: 'Get Layoutable', value: 'getLayoutable', action: 'Get orders to layout', description: 'Orders that need to be layouted by a human. Needs layoutOrders.' },
			{ name: 'Get Printable', value: 'getPrintable', action: 'Get orders to print', description: 'Orders to print and send, with recipient and address. Needs printOrders.' },
			{ name: 'Get Translatable', value: 'getTranslatable', action: 'Get orders to translate', description: 'Orders to translate that your user can translate. Needs translateOrders.' },
		],
		default: 'getPrintable',
	},
	...getOrders.description,
];
