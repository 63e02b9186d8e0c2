import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const properties: INodeProperties[] = [jobIdLocator];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['repreflight'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readId.call(this, 'jobId', itemIndex);
}

export function done(_output: IDataObject, jobId: number) {
	return `started a new preflight of job ${jobId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, jobId: number) {
	return (await tflowRequest.call(this, { method: 'POST', path: `/job/${jobId}/repreflight`, itemIndex })) as IDataObject;
}
