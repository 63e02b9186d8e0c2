import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { readIsoDate, toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { propsAndAssignmentsFields, shipDateField } from '../common.descriptions';
import { readId, readPropsAndAssignments } from '../parameters';
import { ORDER_FIELDS, orderFieldOptions } from './common';

/** Create's wording of the properties: what is sent without any (Update sends nothing). */
const PROPS_SENT_BY_DEFAULT =
	'How to enter the dynamic properties (tFLOW "props", e.g. quantity, print_width). Without any, an empty object {} is sent (the API lists the field as required).';

const properties: INodeProperties[] = [
	{
		displayName: 'Client Name or ID',
		name: 'clientId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getClients' },
		default: '',
		required: true,
		description:
			'The client company the order belongs to (it cannot change later). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	shipDateField,
	...propsAndAssignmentsFields.map((property) => (property.name === 'propsInputMode' ? { ...property, description: PROPS_SENT_BY_DEFAULT } : property)),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...orderFieldOptions,
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'number',
				default: 2,
				description:
					'The tFLOW workflow of the order\'s jobs, fixed at creation (2 = one-step approval, 4 = automated release, 5 = no release, 8 = two-step approval, …). Leave it out to use the instance default.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['create'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	return {
		client_id: readId.call(this, 'clientId', itemIndex),
		ship_date: readIsoDate(node, this.getNodeParameter('shipDate', itemIndex), 'shipDate', itemIndex),
		// The Ruby client's apidoc lists props as required for order/create (client_id and ship_date are always sent).
		props: {},
		...toApiBody(node, itemIndex, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, ORDER_FIELDS),
		...(await readPropsAndAssignments.call(this, itemIndex, 'order')),
	};
}

export function done(order: IDataObject) {
	return `created order ${String(order.id)}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return (await tflowRequest.call(this, { method: 'POST', path: '/order/create', body, itemIndex })) as IDataObject;
}
