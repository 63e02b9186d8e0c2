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
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description:
					'Returns one papilio template by its numeric template ID. Changes nothing.',
			},
			{
				name: 'Get Children',
				value: 'getChildren',
				action: 'Get the children of a template group',
				description:
					'Lists the templates and groups in a papilio template group (numeric group ID), with breadcrumbs. Needs createOrders. Changes nothing.',
			},
			{
				name: 'Get Examples',
				value: 'getExamples',
				action: 'Get example orders of a template',
				description:
					'Lists the prefilled example orders of a papilio template (numeric template ID). Needs createOrders. Changes nothing.',
			},
			{
				name: 'Get Nested',
				value: 'getNested',
				action: 'Get the template tree',
				description:
					'Returns all papilio template groups and templates as a tree, or as a flat list. Needs createOrders. Changes nothing.',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search templates',
				description:
					'Finds papilio templates and example orders by a search term. Changes nothing.',
			},
		],
		default: 'get',
	},
	...get.description,
	...getChildren.description,
	...getExamples.description,
	...getNested.description,
	...search.description,
];
