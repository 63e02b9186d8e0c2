import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const properties: INodeProperties[] = [jobIdLocator];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readId.call(this, 'jobId', itemIndex);
}

export function done(_output: IDataObject, jobId: number) {
	return `deleted job ${jobId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, jobId: number) {
	await tflowRequest.call(this, { method: 'DELETE', path: `/job/${jobId}`, itemIndex });
	// tFLOW documents no answer body for deletes; the output is n8n's usual one.
	return { deleted: true, id: jobId } as IDataObject;
}
