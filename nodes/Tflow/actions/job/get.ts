import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowRequest } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const properties: INodeProperties[] = [jobIdLocator];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	return (await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}`, itemIndex })) as IDataObject;
}
