import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { orderOutput } from '../../helpers/orders';
import { papilioRequest } from '../../transport';
import { expandField, orderIdField } from '../common.descriptions';
import { expandQuery, getOrderId } from '../parameters';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [expandField()],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getOrderId(this, itemIndex);
	const qs = expandQuery(this, itemIndex);
	const answer = await papilioRequest.call(this, { method: 'GET', path: `/order/${id}`, qs, itemIndex });
	return orderOutput((answer.order ?? answer) as IDataObject);
}
