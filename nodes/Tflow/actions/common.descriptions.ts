/** Parameters used by several tFLOW operations. */
import type { INodeProperties } from 'n8n-workflow';
export { binaryOutputField } from '../../shared/descriptions';

export const jobIdLocator: INodeProperties = {
	displayName: 'Job',
	name: 'jobId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The tFLOW job',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search jobs by name…',
			typeOptions: { searchListMethod: 'searchJobs', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1234',
			validation: [
				{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A job ID is a number' } },
			],
		},
	],
};

export const orderIdLocator: INodeProperties = {
	displayName: 'Order',
	name: 'orderId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The tFLOW order',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search orders by name…',
			typeOptions: { searchListMethod: 'searchOrders', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [
				{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'An order ID is a number' } },
			],
		},
	],
};

export const shipDateField: INodeProperties = {
	displayName: 'Ship Date',
	name: 'shipDate',
	type: 'dateTime',
	default: '',
	required: true,
	description: 'When it must ship, as an ISO 8601 date (e.g. 2026-05-01T12:00:00+02:00)',
};

/** Collection option: production queues (tFLOW "tflows"), offered from the queue list. */
export const queuesOption: INodeProperties = {
	displayName: 'Production Queue Names or IDs',
	name: 'queues',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getQueues' },
	default: [],
	description:
		'Queues the artwork can be sent to (IDs look like 808:1). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Collection option: a product from tFLOW's product list. */
export const productOption: INodeProperties = {
	displayName: 'Product Name or ID',
	name: 'productId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getProducts' },
	default: '',
	description:
		'The product whose preflight, proof and finishing scripts process the artwork. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * Dynamic properties (`props`) and `assignments`, each as key/value pairs or JSON. The property names
 * are offered from the instance's definitions for the node's resource (order or job).
 */
export const propsAndAssignmentsFields: INodeProperties[] = [
	{
		displayName: 'Properties Input Mode',
		name: 'propsInputMode',
		type: 'options',
		options: [
			{ name: 'Key/Value Pairs', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'keyValue',
		description: 'How to enter the dynamic properties (tFLOW "props", e.g. quantity, print_width)',
	},
	{
		displayName: 'Properties',
		name: 'props',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		displayOptions: { show: { propsInputMode: ['keyValue'] } },
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Property Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPropertyDefinitions' },
						default: '',
						description:
							'One of the properties this tFLOW instance defines for the resource (its type in the description). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'Text for a text property; one of its values (name or ID) for a select property; a comma-separated list or JSON array of them for a multiselect property',
					},
				],
			},
		],
	},
	{
		displayName: 'Properties (JSON)',
		name: 'propsJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { propsInputMode: ['json'] } },
		description:
			'The dynamic properties as a JSON object, e.g. {"quantity": "500", "print_width": "85"}. Each name must be a property the instance defines; values are checked like the key/value pairs.',
	},
	{
		displayName: 'Assignments Input Mode',
		name: 'assignmentsInputMode',
		type: 'options',
		options: [
			{ name: 'Key/Value Pairs', value: 'keyValue' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'keyValue',
		description: 'How to enter the users assigned (tFLOW "assignments")',
	},
	{
		displayName: 'Assignments',
		name: 'assignments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Assignment',
		default: {},
		displayOptions: { show: { assignmentsInputMode: ['keyValue'] } },
		options: [
			{
				displayName: 'Assignment',
				name: 'assignment',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'string',
						default: 'instance_user_ids',
						description: 'Assignment key as tFLOW names it, e.g. instance_user_ids',
					},
					{
						displayName: 'User IDs',
						name: 'userIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12, 14',
						description: 'Comma-separated tFLOW user IDs',
					},
				],
			},
		],
	},
	{
		displayName: 'Assignments (JSON)',
		name: 'assignmentsJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { assignmentsInputMode: ['json'] } },
		description: 'The assignments as a JSON object, e.g. {"instance_user_ids": [12, 14]}',
	},
];

