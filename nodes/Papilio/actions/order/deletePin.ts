import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { papilioRequest } from '../../transport';
import { orderIdField } from '../common.descriptions';
import { getOrderId } from '../parameters';
import { deletedOutput } from './common';

const properties: INodeProperties[] = [orderIdField];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['deletePin'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return getOrderId(this, itemIndex);
}

export function done(_output: IDataObject, id: ReturnType<typeof prepare>) {
	return `deleted the PIN of order ${id}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, id: ReturnType<typeof prepare>) {
	const path = `/order/pin/${id}`;
	const answer = await papilioRequest.call(this, { method: 'DELETE', path, itemIndex });
	return deletedOutput(this.getNode(), answer, id, { path, itemIndex });
}
