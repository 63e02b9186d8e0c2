import type { INodeProperties } from 'n8n-workflow';

export const clientIdField: INodeProperties = {
	displayName: 'Client Name or ID',
	name: 'clientId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getClients' },
	default: '',
	required: true,
	description:
		'The client company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
