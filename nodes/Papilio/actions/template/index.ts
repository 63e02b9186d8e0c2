import type { INodeProperties } from 'n8n-workflow';

import * as get from './get';
import * as getChildren from './getChildren';
import * as getExamples from './getExamples';
import * as getNested from './getNested';
import * as search from './search';

export const operations = { get, getChildren, getExamples, getNested, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a template' },
			{ name: 'Get Children', value: 'getChildren', action: 'Get the children of a template group', description: 'Templates and groups in a group, with breadcrumbs. Needs createOrders.' },
			{ name: 'Get Examples', value: 'getExamples', action: 'Get example orders of a template', description: 'Prefilled example orders of a template. Needs createOrders.' },
			{ name: 'Get Nested', value: 'getNested', action: 'Get the template tree', description: 'All template groups and templates. Needs createOrders.' },
			{ name: 'Search', value: 'search', action: 'Search templates', description: 'Find templates and example orders by a term' },
		],
		default: 'get',
	},
	...get.description,
	...getChildren.description,
	...getExamples.description,
	...getNested.description,
	...search.description,
];
