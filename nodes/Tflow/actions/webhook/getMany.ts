import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { readReturnAllOrLimit } from '../parameters';
import { withoutSecret } from './common';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['webhook'], operation: ['getMany'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const webhooks = (await tflowList.call(this, { path: '/webhook/list', itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as IDataObject[];
	return webhooks.map(withoutSecret);
}
