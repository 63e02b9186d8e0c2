import type { INodeProperties } from 'n8n-workflow';

/** The template dropdown (loaded from papilio's template tree); an expression may give the ID. */
export const templateIdField: INodeProperties = {
	displayName: 'Template Name or ID',
	name: 'templateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTemplates' },
	default: '',
	required: true,
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
