import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { entityFields, readEntityPath } from './common';

const properties: INodeProperties[] = [...entityFields];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['getForEntity'] } }, withConcurrencyOption(properties));

/** One item per queue of the order, job or client (`{id: "808:1", tflow_name, queue_name}`). */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { path } = readEntityPath.call(this, itemIndex);
	return (await tflowList.call(this, { path, itemIndex })) as IDataObject[];
}
