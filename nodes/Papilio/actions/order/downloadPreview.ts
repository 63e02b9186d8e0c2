import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryOutputField, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { orderIdField } from '../common.descriptions';
import { downloadItem } from '../download';
import { getOrderId } from '../parameters';

const properties: INodeProperties[] = [orderIdField, binaryOutputField];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['downloadPreview'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = getOrderId(this, itemIndex);
	return await downloadItem(
		this,
		itemIndex,
		{ path: `/order/preview/${id}`, fileName: `order_${id}_preview.pdf`, mimeType: 'application/pdf' },
		{ id: String(id) },
	);
}
