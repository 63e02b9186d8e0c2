import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { orderIdLocator, propsAndAssignmentsFields, shipDateField } from '../common.descriptions';
import { readId, readPropsAndAssignments } from '../parameters';
import { ORDER_FIELDS, orderFieldOptions } from './common';

const properties: INodeProperties[] = [
	orderIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...orderFieldOptions, { ...shipDateField, required: false }].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	...propsAndAssignmentsFields,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['update'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const orderId = readId.call(this, 'orderId', itemIndex);
	const body: IDataObject = {
		...toApiBody(node, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, ORDER_FIELDS),
		...(await readPropsAndAssignments.call(this, itemIndex, 'order')),
	};
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, 'updateFields', itemIndex, 'nothing to update', 'Add at least one field, property or assignment to change.');
	}
	return { orderId, body };
}

export function done(_order: IDataObject, { orderId }: Awaited<ReturnType<typeof prepare>>) {
	return `updated order ${orderId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { orderId, body }: Awaited<ReturnType<typeof prepare>>) {
	return (await tflowRequest.call(this, { method: 'POST', path: `/order/${orderId}/update`, body, itemIndex })) as IDataObject;
}
