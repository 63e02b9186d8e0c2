import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { getOrderId, orderIdField } from '../../helpers/orders';
import { papilioRequest, succeeded } from '../../transport';

const properties: INodeProperties[] = [orderIdField];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['deletePin'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getOrderId(this, itemIndex);
	const answer = await papilioRequest.call(this, { method: 'DELETE', path: `/order/pin/${id}`, itemIndex });
	return { id: String(id), success: succeeded(answer) };
}
