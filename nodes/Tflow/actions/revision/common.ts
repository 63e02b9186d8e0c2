import type { INodeProperties } from 'n8n-workflow';

export const revisionIdField: INodeProperties = {
	displayName: 'Revision ID',
	name: 'revisionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 17',
	description: 'ID of the revision, e.g. from the job\'s Get Revisions or a revision.create event',
};
