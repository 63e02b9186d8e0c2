/** Order fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec } from '../../helpers/parameters';
import { productOption, queuesOption } from '../common.descriptions';

/** What a simplified order keeps: not its props, assignments or queues. */
export const ORDER_SIMPLE_FIELDS = [
	'id',
	'client_id',
	'name',
	'description',
	'ship_date',
	'external_id',
	'product_id',
	'planned_number_of_jobs',
	'workflow_id',
	'updated_at',
] as const;

export const ORDER_SIMPLE_SUMMARY = 'ID, client, name, description, ship date, external ID, product, planned jobs, workflow, last change';

export const orderFieldOptions: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'Your own reference for the order, e.g. the shop order number',
	},
	{
		displayName: 'KFPX',
		name: 'kfpx',
		type: 'string',
		default: '',
		placeholder: 'e.g. CMYK',
		description: 'Color/processing profile inherited by the jobs, e.g. CMYK or Passthrough',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Order name. If empty on create, tFLOW generates one (e.g. TF000003).',
	},
	{
		displayName: 'Planned Number of Jobs',
		name: 'plannedNumberOfJobs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'The order review e-mail goes out once this many jobs have artwork',
	},
	{ ...productOption, description: `${productOption.description} Jobs inherit it.` },
	queuesOption,
];

export const ORDER_FIELDS: Record<string, FieldSpec> = {
	name: { api: 'name', kind: 'text' },
	description: { api: 'description', kind: 'text' },
	shipDate: { api: 'ship_date', kind: 'date' },
	kfpx: { api: 'kfpx', kind: 'text' },
	productId: { api: 'product_id', kind: 'id' },
	plannedNumberOfJobs: { api: 'planned_number_of_jobs', kind: 'number' },
	externalId: { api: 'external_id', kind: 'text' },
	queues: { api: 'tflows', kind: 'queues' },
	workflowId: { api: 'workflow_id', kind: 'id' },
};
