import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as del from './delete';
import * as download from './download';
import * as downloadLatest from './downloadLatest';

export const operations: Record<string, Operation<unknown>> = { delete: del, download, downloadLatest };

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
			{
				name: 'Download Latest',
				value: 'downloadLatest',
				action: 'Download the latest revision of a job',
				description:
					'Downloads a file of the latest revision (the highest revision ID) of a tFLOW job (numeric job ID) into a binary field: the proof, a page preview, the preflighted PDF, low-res PDF or original artwork. Changes nothing.',
			},
		],
		default: 'download',
	},
	...del.description,
	...download.description,
	...downloadLatest.description,
];
