import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyFields } from '../../../shared/simplify';
import { orderOutputs } from '../../helpers/orders';
import { papilioRequest, papilioServerUrl } from '../../transport';
import { expandOptions, orderIdField } from '../common.descriptions';
import { expandQuery, getOrderId } from '../parameters';
import { orderSimpleFields, ORDER_SIMPLE_SUMMARY } from './common';

const properties: INodeProperties[] = [
	orderIdField,
	...simplifyFields(ORDER_SIMPLE_SUMMARY),
	expandOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getOrderId(this, itemIndex);
	const qs = expandQuery(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const answer = await papilioRequest.call(this, { method: 'GET', path: `/order/${id}`, qs, itemIndex });
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	const [order] = orderOutputs([(answer.order ?? answer) as IDataObject], { serverUrl, simpleFields: simplify ? orderSimpleFields(qs) : undefined });
	return order;
}
