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
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a revision',
				description:
					'Deletes one artwork revision of a tFLOW job by its numeric revision ID. Changes tFLOW: the revision and its files are removed for good.',
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a revision file',
				description:
					'Downloads a file of a tFLOW revision (numeric revision ID) into a binary field: the original artwork, low-res PDF, preflighted PDF, proof or a page preview. Changes nothing.',
			},
		],
		default: 'download',
	},
	...del.description,
	...download.description,
];
