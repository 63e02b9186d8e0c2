import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as del from './delete';
import * as download from './download';

export const operations: Record<string, Operation<unknown>> = { delete: del, download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['revision'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a revision' },
			{
				name: 'Download',
				value: 'download',
				action: 'Download a revision file',
				description: 'Download the original artwork, low-res PDF, preflighted PDF, proof or a page preview',
			},
		],
		default: 'download',
	},
	...del.description,
	...download.description,
];
