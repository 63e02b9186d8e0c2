import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseId } from '../../../shared/validation';

import { jobIdLocator } from '../common.descriptions';
import { readOptionalId } from '../parameters';

/**
 * The revision, picked from the revisions of a job or given by ID. The Job field only fills the
 * list (it is not sent), so it is optional; a stored revision ID keeps working without it. A job
 * given is still checked (readRevisionId), so a wrong one is not silently ignored.
 */
export const revisionFields: INodeProperties[] = [
	{
		...jobIdLocator,
		required: false,
		description: 'The job whose revisions the Revision list shows. Only used to fill that list.',
	},
	{
		displayName: 'Revision Name or ID',
		name: 'revisionId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRevisions', loadOptionsDependsOn: ['jobId.value'] },
		default: '',
		required: true,
		description:
			'The revision, e.g. from the job\'s Get Revisions or a revision.create event. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** The revision ID, after checking the optional Job field. */
export function readRevisionId(this: IExecuteFunctions, itemIndex: number): number {
	readOptionalId.call(this, 'jobId', itemIndex);
	return parseId(this.getNode(), this.getNodeParameter('revisionId', itemIndex), 'revisionId', itemIndex);
}
