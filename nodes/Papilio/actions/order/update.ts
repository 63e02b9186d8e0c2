import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput, requireString } from '../../../shared/validation';
import { decodeStatus } from '../../helpers/statusFlags';
import { papilioRequest, succeeded } from '../../transport';
import { orderIdField, statusFlagsField } from '../common.descriptions';
import { encodeFlags, getOrderId } from '../parameters';

const FLAG_FIELDS: Array<[key: string, label: string]> = [
	['status', 'Status'],
	['set_flag', 'Set Flags'],
	['unset_flag', 'Unset Flags'],
];

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Delivery',
				name: 'delivery',
				type: 'options',
				options: [
					{ name: 'Download', value: 1 },
					{ name: 'Postage', value: 2 },
				],
				default: 1,
				description: 'How the order is delivered',
			},
			statusFlagsField(
				'Set Flags',
				'set_flag',
				'Status flags to turn on, keeping the others (e.g. Control on an open order gives Open + Control)',
			),
			{
				...statusFlagsField(
					'Status (Overwrite)',
					'status',
					'Replaces all status flags of the order. Needs the editUsers permission; keep Open set until the order is released.',
				),
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'New title of the order',
			},
			statusFlagsField('Unset Flags', 'unset_flag', 'Status flags to turn off, keeping the others'),
		],
	},
	{
		displayName:
			'Use Set Flags / Unset Flags to move an order through its workflow; Status (Overwrite) replaces every flag and needs the editUsers permission',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = getOrderId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form: IDataObject = {};
	if (fields.title !== undefined) form.title = requireString(node, fields.title, 'Title', itemIndex, 255);
	for (const [key, label] of FLAG_FIELDS) {
		if (fields[key] === undefined) continue;
		const mask = encodeFlags(this, fields[key], itemIndex, label);
		if (mask !== undefined) form[key] = mask;
	}
	if (fields.delivery !== undefined) {
		const delivery = Number(fields.delivery);
		if (delivery !== 1 && delivery !== 2) {
			throw invalidInput(node, 'Delivery', itemIndex, `must be 1 (download) or 2 (postage), got "${String(fields.delivery)}"`);
		}
		form.delivery = delivery;
	}
	if (Object.keys(form).length === 0) {
		throw invalidInput(node, 'Update Fields', itemIndex, 'nothing to update', 'Add at least one field: Title, Status, Set Flags, Unset Flags or Delivery.');
	}
	return { id, form };
}

export function done(_output: IDataObject, { id }: ReturnType<typeof prepare>) {
	return `updated order ${id}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { id, form }: ReturnType<typeof prepare>) {
	const answer = await papilioRequest.call(this, { method: 'POST', path: `/order/${id}`, form, itemIndex });
	const changes: IDataObject = { ...form };
	for (const [key] of FLAG_FIELDS) {
		if (typeof form[key] === 'number') changes[`${key}_flags`] = decodeStatus(form[key]);
	}
	return { id: String(id), success: succeeded(answer), changes };
}
