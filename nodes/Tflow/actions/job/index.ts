import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as createWithArtwork from './createWithArtwork';
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
	createWithArtwork,
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
			{
				name: 'Create',
				value: 'create',
				action: 'Create a job',
				description:
					'Creates a job (one printed item, e.g. a flyer) in a tFLOW order given by its numeric order ID. Changes tFLOW: adds one job and returns it with its numeric job ID.',
			},
			{
				name: 'Create With Artwork',
				value: 'createWithArtwork',
				action: 'Create a job with artwork',
				description:
					'Creates a tFLOW job in an order together with its first artwork revision, in one request, from a file in the input item\'s binary field. Changes tFLOW: adds one job with one revision, or nothing when it fails. Needs binary input, so the AI tool does not offer it.',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a job',
				description:
					'Deletes a tFLOW job by its numeric job ID. Changes tFLOW: the job is removed for good.',
			},
			{
				name: 'Execute Transition',
				value: 'executeTransition',
				action: 'Execute a transition on a job',
				description:
					'Moves a tFLOW job (numeric job ID) through its approval workflow by a transition name such as approve, reject or release; Get Allowed Transitions lists the names its state accepts now. Changes tFLOW: the job\'s state. The upload transitions need a file and are refused when run as an AI tool.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job',
				description:
					'Returns one tFLOW job by its numeric job ID (e.g. 3): name, order, current state, ship date, priority, product, rush and revision count (the full record with Simplify off). Changes nothing.',
			},
			{
				name: 'Get Allowed Transitions',
				value: 'getAllowedTransitions',
				action: 'Get the allowed transitions of a job',
				description:
					'Lists the transition names a tFLOW job (numeric job ID) accepts in its current state, e.g. approve or reject, for Execute Transition. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many jobs',
				description:
					'Lists tFLOW jobs with their numeric IDs and states, optionally only those of one order or whose name contains a text, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Get Revisions',
				value: 'getRevisions',
				action: 'Get the revisions of a job',
				description:
					'Lists the artwork revisions of a tFLOW job (numeric job ID) with their numeric revision IDs, which Revision › Download takes. Changes nothing.',
			},
			{
				name: 'Re-Preflight',
				value: 'repreflight',
				action: 'Preflight a job again',
				description:
					'Runs the product\'s preflight again on the latest artwork revision of a tFLOW job (numeric job ID). Changes tFLOW: a new preflight result for that revision.',
			},
			{
				name: 'Rush',
				value: 'rush',
				action: 'Request undo or clear rush for a job',
				description:
					'Requests RUSH (priority) status for a tFLOW job (numeric job ID), withdraws that request or clears the status. Changes tFLOW: the job\'s rush status.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a job',
				description:
					'Sets the given fields of a tFLOW job (numeric job ID), e.g. name, description, ship date, priority or product. Changes tFLOW: those fields; the others stay as they are.',
			},
			{
				name: 'Upload Artwork',
				value: 'uploadArtwork',
				action: 'Upload artwork to a job',
				description:
					'Uploads a file from the input item\'s binary field as a tFLOW job\'s first or next revision (chosen from the job\'s state). Changes tFLOW: adds a revision to the job. Needs binary input, so the AI tool does not offer it.',
			},
		],
		default: 'get',
	},
	...create.description,
	...createWithArtwork.description,
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
