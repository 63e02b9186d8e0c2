import type { INodeProperties } from 'n8n-workflow';

import * as createPin from './createPin';
import * as deleteOrder from './delete';
import * as deletePin from './deletePin';
import * as download from './download';
import * as downloadByPin from './downloadByPin';
import * as downloadPreview from './downloadPreview';
import * as get from './get';
import * as getMany from './getMany';
import * as search from './search';
import * as update from './update';

export const operations = {
	createPin,
	delete: deleteOrder,
	deletePin,
	download,
	downloadByPin,
	downloadPreview,
	get,
	getMany,
	search,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Create PIN', value: 'createPin', action: 'Create a PIN for an order', description: 'Make an order public with a PIN and get the PIN link' },
			{ name: 'Delete', value: 'delete', action: 'Delete an order', description: 'Delete a delivered order or one that is only open' },
			{ name: 'Delete PIN', value: 'deletePin', action: 'Delete the PIN of an order' },
			{ name: 'Download', value: 'download', action: 'Download an order', description: 'Download the print file of an order' },
			{ name: 'Download by PIN', value: 'downloadByPin', action: 'Download an order by PIN', description: 'Download the file of an order made public with a PIN' },
			{ name: 'Download Preview', value: 'downloadPreview', action: 'Download an order preview', description: 'Render a 72 DPI preview PDF of an order' },
			{ name: 'Get', value: 'get', action: 'Get an order' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many orders', description: 'List your orders, all orders of a year or deleted orders' },
			{ name: 'Search', value: 'search', action: 'Search orders', description: 'Find orders by title, status, template, owner, language, dates…' },
			{ name: 'Update', value: 'update', action: 'Update an order', description: 'Change the title, status flags or delivery of an order' },
		],
		default: 'get',
	},
	...createPin.description,
	...deleteOrder.description,
	...deletePin.description,
	...download.description,
	...downloadByPin.description,
	...downloadPreview.description,
	...get.description,
	...getMany.description,
	...search.description,
	...update.description,
];
