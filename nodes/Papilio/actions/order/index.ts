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
			{
				name: 'Create PIN',
				value: 'createPin',
				action: 'Create a PIN for an order',
				description:
					'Makes a papilio order (numeric order ID) public with a PIN and returns the PIN link; anyone with the PIN can download the file. Changes papilio: the order gets a PIN.',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an order',
				description:
					'Deletes a papilio order by its numeric order ID; papilio allows it for delivered orders and for orders that are only open. Changes papilio: the order is marked deleted.',
			},
			{
				name: 'Delete PIN',
				value: 'deletePin',
				action: 'Delete the PIN of an order',
				description:
					'Removes the PIN of a papilio order (numeric order ID), so its PIN link stops working. Changes papilio: the order is no longer public.',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download an order',
				description:
					'Downloads the print file (usually a PDF) of a papilio order (numeric order ID) into a binary field. Changes nothing.',
			},
			{
				name: 'Download by PIN',
				value: 'downloadByPin',
				action: 'Download an order by PIN',
				description:
					'Downloads the file of a papilio order made public with a PIN, given the PIN, into a binary field. Changes nothing.',
			},
			{
				name: 'Download Preview',
				value: 'downloadPreview',
				action: 'Download an order preview',
				description:
					'Renders a 72 DPI preview PDF of a papilio order (numeric order ID) into a binary field. Changes nothing.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description:
					'Returns one papilio order by its numeric order ID (e.g. 51038): title, status flags, template, owner, language and dates (the full record with Simplify off). Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many orders',
				description:
					'Lists papilio orders: the credential user\'s completed orders, all users\' orders of a year or deleted orders, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search orders',
				description:
					'Finds papilio orders by title, status flags (e.g. released, not delivered), template, owner, language, format and created, modified, released or delivered dates, matching all or any filter. Changes nothing.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an order',
				description:
					'Sets the title, status flags or delivery method of a papilio order (numeric order ID). Changes papilio: those fields; the others stay as they are.',
			},
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
