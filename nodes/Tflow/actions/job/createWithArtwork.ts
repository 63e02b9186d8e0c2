import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getUploadSource } from '../../../shared/binary';
import { binaryPropertyField, updateDisplayOptions } from '../../../shared/descriptions';
import { tflowRequest, tflowUpload } from '../../transport';
import * as create from './create';

const OPERATION = 'createWithArtwork';

/**
 * Job Create's own fields (imported, so that they cannot drift from Create), shown for this
 * operation instead, with the artwork file after them.
 */
export const description: INodeProperties[] = [
	...create.description.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, operation: [OPERATION] } },
	})),
	...updateDisplayOptions({ show: { resource: ['job'], operation: [OPERATION] } }, [
		binaryPropertyField('Name of the input binary field with the artwork file, uploaded as the job\'s first revision'),
	]),
];

/** The job's fields exactly as Job Create sends them, and the item's (non-empty) file; nothing is sent yet. */
export async function prepare(this: IExecuteFunctions, itemIndex: number) {
	const job = await create.prepare.call(this, itemIndex);
	const source = await getUploadSource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	return { job, source };
}

/**
 * One request creates the job and its first revision (tFLOW's job/uploadAndCreate): a refused or
 * broken upload leaves no job without artwork behind, as creating first and uploading after would.
 * Reading the order first proves the token before the file is streamed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, { job, source }: Awaited<ReturnType<typeof prepare>>) {
	return (await tflowUpload.call(this, {
		path: '/job/uploadAndCreate',
		json: job,
		source,
		itemIndex,
		warmUp: async () => await tflowRequest.call(this, { method: 'GET', path: `/order/${String(job.order_id)}`, itemIndex }),
	})) as IDataObject;
}

export function done(created: IDataObject) {
	return `created job ${String(created.id)} with its first revision`;
}
