import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['client'], operation: ['getInitialInfo'] } }, withConcurrencyOption(properties));

/**
 * One item: the queues and users a new client may be given and tFLOW's defaults for them
 * (`allowedTflows`, `allowedVisibleToInstanceUsers`, `allowedVisibleToNonInstanceUsers`, `defaults`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await tflowRequest.call(this, { method: 'GET', path: '/client/getInitialInfo', itemIndex })) as IDataObject;
}
