import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['api'], operation: ['getVersion'] } }, withConcurrencyOption(properties));

/** One item, tFLOW's answer as is, e.g. `{version: "0.2.6280", branch: "trunk"}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return (await tflowRequest.call(this, { method: 'GET', apiRoot: '/api', path: '/version', itemIndex })) as IDataObject;
}
