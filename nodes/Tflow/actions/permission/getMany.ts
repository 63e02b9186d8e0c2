import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { readReturnAllOrLimit } from '../parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['permission'], operation: ['getMany'] } }, withConcurrencyOption(properties));

/** tFLOW answers a list of names; each becomes an item `{name}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const names = (await tflowList.call(this, { path: '/permission/list', itemIndex }, readReturnAllOrLimit.call(this, itemIndex))) as unknown[];
	return names.map((name) => (name !== null && typeof name === 'object' ? (name as IDataObject) : { name: String(name) }));
}
