/** Job fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import type { FieldSpec } from '../../helpers/parameters';
import { productOption, queuesOption } from '../common.descriptions';

/** What a simplified job keeps: who and where it is, not its props, assignments or queues. */
export const JOB_SIMPLE_FIELDS = [
	'id',
	'order_id',
	'name',
	'description',
	'current_state_name',
	'ship_date',
	'priority',
	'product_id',
	'rush_status',
	'revision_count',
	'updated_at',
] as const;

export const JOB_SIMPLE_SUMMARY = 'ID, order, name, description, state, ship date, priority, product, rush, revision count, last change';

export const jobFieldOptions: INodeProperties[] = [
	{
		displayName: 'Attach Proofs',
		name: 'attachProofs',
		type: 'boolean',
		default: false,
		description: 'Whether proof PDFs are attached to the e-mails tFLOW sends about this job',
	},
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{
		displayName: 'KFPX',
		name: 'kfpx',
		type: 'string',
		default: '',
		placeholder: 'e.g. CMYK',
		description: 'Color/processing profile, e.g. CMYK or Passthrough',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Job name. If empty on create, tFLOW names it after the order (e.g. TF000001-3).',
	},
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '' },
	{ displayName: 'Priority', name: 'priority', type: 'number', default: 0, description: 'Higher runs first' },
	{ ...productOption, description: `${productOption.description} Defaults to the order's product.` },
	queuesOption,
];

export const JOB_FIELDS: Record<string, FieldSpec> = {
	name: { api: 'name', kind: 'text' },
	description: { api: 'description', kind: 'text' },
	notes: { api: 'notes', kind: 'text' },
	shipDate: { api: 'ship_date', kind: 'date' },
	priority: { api: 'priority', kind: 'number' },
	attachProofs: { api: 'attach_proofs', kind: 'boolean' },
	productId: { api: 'product_id', kind: 'id' },
	kfpx: { api: 'kfpx', kind: 'text' },
	queues: { api: 'tflows', kind: 'queues' },
};
