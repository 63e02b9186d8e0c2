import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { papilioRequest } from '../../transport';
import { orderIdField } from '../common.descriptions';
import { getOrderId } from '../parameters';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: 'A PIN makes the order public: anyone who knows it can download the file',
		name: 'pinNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['createPin'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return getOrderId(this, itemIndex);
}

export function done(_output: IDataObject, id: ReturnType<typeof prepare>) {
	return `created a PIN for order ${id}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, id: ReturnType<typeof prepare>) {
	const answer = await papilioRequest.call(this, { method: 'POST', path: `/order/pin/${id}`, itemIndex });
	const pin = String(answer.pin ?? '');
	const path = String(answer.path ?? '');
	// papilio: "Combine path + pin to get a user readable PIN link".
	const link = path ? `${path}${path.endsWith('/') ? '' : '/'}${pin}` : undefined;
	return { id: String(id), ...answer, ...(link ? { link } : {}) } as IDataObject;
}
