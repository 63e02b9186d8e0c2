import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { papilioRequest } from '../../transport';
import { orderIdField } from '../common.descriptions';
import { getOrderId } from '../parameters';
import { deletedOutput } from './common';

// The API document's rule, shown when papilio answers forbidden.
const DELETE_RULE =
	'papilio only deletes an order that has the Delivered flag (it is then marked deleted and a superadmin can undelete it) or that has only the Open flag (it is then really deleted), so that orders do not disappear from running workflows. Deleting orders of other users also needs editUserOrders or editClients.';

const properties: INodeProperties[] = [
	orderIdField,
	{
		displayName: `Only delivered orders (marked deleted) or orders with only the Open flag (really deleted) can be deleted`,
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return getOrderId(this, itemIndex);
}

export function done(_output: IDataObject, id: ReturnType<typeof prepare>) {
	return `deleted order ${id}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, id: ReturnType<typeof prepare>) {
	const path = `/order/${id}`;
	const answer = await papilioRequest.call(this, { method: 'DELETE', path, itemIndex, forbiddenExplanation: DELETE_RULE });
	return deletedOutput(this.getNode(), answer, id, { path, itemIndex });
}
