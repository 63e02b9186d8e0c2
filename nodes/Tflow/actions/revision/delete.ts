import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest } from '../../transport';
import { readRevisionId, revisionFields } from './common';

const properties: INodeProperties[] = [...revisionFields];

export const description = updateDisplayOptions({ show: { resource: ['revision'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readRevisionId.call(this, itemIndex);
}

export function done(_output: IDataObject, revisionId: number) {
	return `deleted revision ${revisionId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, revisionId: number) {
	await tflowRequest.call(this, { method: 'DELETE', path: `/revision/${revisionId}`, itemIndex });
	// tFLOW documents no answer body for deletes; the output is n8n's usual one.
	return { deleted: true, id: revisionId } as IDataObject;
}
