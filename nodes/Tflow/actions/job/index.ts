import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as del from './delete';
import * as executeTransition from './executeTransition';
import * as get from './get';
import * as getAllowedTransitions from './getAllowedTransitions';
import * as getMany from './getMany';
import * as getRevisions from './getRevisions';
import * as repreflight from './repreflight';
import * as rush from './rush';
import * as update from './update';
import * as uploadArtwork from './uploadArtwork';

export const operations: Record<string, Operation<unknown>> = {
	create,
	delete: del,
	executeTransition,
	get,
	getAllowedTransitions,
	getMany,
	getRevisions,
	repreflight,
	rush,
	update,
	uploadArtwork,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a job', description: 'Create a job in an order' },
			{ name: 'Delete', value: 'delete', action: 'Delete a job' },
			{
				name: 'Execute Transition',
				value: 'executeTransition',
				action: 'Execute a transition on a job',
				description: 'Move a job through its workflow, e.g. approve, reject or send to production',
			},
			{ name: 'Get', value: 'get', action: 'Get a job' },
			{
				name: 'Get Allowed Transitions',
				value: 'getAllowedTransitions',
				action: 'Get the allowed transitions of a job',
			},
			{ name: 'Get Many', value: 'getMany', action: 'Get many jobs' },
			{ name: 'Get Revisions', value: 'getRevisions', action: 'Get the revisions of a job' },
			{
				name: 'Re-Preflight',
				value: 'repreflight',
				action: 'Preflight a job again',
				description: 'Run the product\'s preflight on the latest revision again',
			},
			{ name: 'Rush', value: 'rush', action: 'Request undo or clear rush for a job' },
			{ name: 'Update', value: 'update', action: 'Update a job' },
			{
				name: 'Upload Artwork',
				value: 'uploadArtwork',
				action: 'Upload artwork to a job',
				description: 'Upload a file as the job\'s first or next revision (chosen from the job\'s state)',
			},
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...executeTransition.description,
	...get.description,
	...getAllowedTransitions.description,
	...getMany.description,
	...getRevisions.description,
	...repreflight.description,
	...rush.description,
	...update.description,
	...uploadArtwork.description,
];
