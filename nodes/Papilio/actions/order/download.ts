import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryOutputField, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { orderIdField } from '../common.descriptions';
import { downloadItem } from '../download';
import { getOrderId } from '../parameters';

const properties: INodeProperties[] = [
	orderIdField,
	binaryOutputField,
	{
		displayName: 'Downloads the print file (usually a PDF). papilio refuses orders that are not downloadable yet, e.g. open or unreleased orders.',
		name: 'downloadNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['download'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getOrderId(this, itemIndex);
	return await downloadItem(this, itemIndex, { path: `/order/download/${id}`, fileName: `order_${id}.pdf` }, { id: String(id) });
}
