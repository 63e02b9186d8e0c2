import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { downloadRevisionFile, readFileChoice, revisionFileFields } from './files';

const properties: INodeProperties[] = [
	{ ...jobIdLocator, description: 'The job whose latest revision is downloaded' },
	...revisionFileFields('proof'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['revision'], operation: ['downloadLatest'] } },
	withConcurrencyOption(properties),
);

/**
 * The latest revision is the one with the highest ID: tFLOW numbers revisions as they are
 * uploaded, and its revision list carries no upload time (only id, job_id and the exception).
 */
function latestRevisionId(revisions: IDataObject[]): number | undefined {
	const ids = revisions.map((revision) => Number(revision.id)).filter((id) => Number.isSafeInteger(id) && id > 0);
	return ids.length ? Math.max(...ids) : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	const choice = readFileChoice.call(this, itemIndex);
	const revisions = (await tflowList.call(this, { path: `/job/${jobId}/revisions`, itemIndex })) as IDataObject[];
	const revisionId = latestRevisionId(revisions);
	if (revisionId === undefined) {
		throw new NodeOperationError(this.getNode(), `Job ${jobId} has no revisions yet, so there is no file to download (item ${itemIndex})`, {
			itemIndex,
			description: 'Upload artwork to the job first (Job › Upload Artwork, or create it with Job › Create With Artwork).',
		});
	}
	return await downloadRevisionFile.call(this, itemIndex, revisionId, choice, { job_id: jobId });
}
