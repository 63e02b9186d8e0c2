import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getUploadSource } from '../../../shared/binary';
import { binaryPropertyField, updateDisplayOptions } from '../../../shared/descriptions';
import type { TflowJob } from '../../helpers/interfaces';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { uploadWithTransition } from '../artwork';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { UPLOAD_TRANSITIONS, allowedTransitions } from '../transitions';

/** States of tFLOW's workflows that wait for artwork, and the transition that uploads it. */
const UPLOAD_BY_STATE: Record<string, string> = {
	to_upload_first: 'upload_first_revision',
	to_upload_again: 'upload_next_revision',
};

const properties: INodeProperties[] = [
	{
		...jobIdLocator,
		hint: 'The job must wait for artwork: its first revision, or a new one after "Request New Revision"',
	},
	binaryPropertyField('Name of the input binary field with the artwork file'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Comment recorded with the upload',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['uploadArtwork'] } }, properties);

/** The upload transition the job's state calls for; other workflows' states are resolved by what tFLOW allows. */
async function uploadTransitionFor(this: IExecuteFunctions, job: TflowJob, itemIndex: number): Promise<string> {
	const state = job.current_state_name ?? 'unknown';
	if (UPLOAD_BY_STATE[state]) return UPLOAD_BY_STATE[state];
	const allowed = await allowedTransitions.call(this, job.id, itemIndex);
	const transition = UPLOAD_TRANSITIONS.find((name) => allowed.includes(name));
	if (transition) return transition;
	throw new NodeOperationError(
		this.getNode(),
		`Job ${job.id} is in state "${state}", which does not accept artwork (item ${itemIndex})`,
		{
			itemIndex,
			description:
				'Artwork can be uploaded while a job waits for its first revision (to_upload_first) or for a new one (to_upload_again). ' +
				'To replace the artwork of a job under review, execute the "reject" transition (Request New Revision) first. ' +
				`Transitions the job allows now: ${allowed.join(', ') || 'none'}.`,
		},
	);
}

/** Reads and checks the item's parameters and finds its (non-empty) file; the job's state is read when it is sent. */
export async function prepare(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	const extra = toApiBody(this.getNode(), itemIndex, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, {
		comment: { api: 'comment', kind: 'text' },
	}, { skipEmpty: true });
	const source = await getUploadSource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	return { jobId, extra, source };
}

export function done(_output: IDataObject, { jobId }: Awaited<ReturnType<typeof prepare>>) {
	return `uploaded a new revision to job ${jobId}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { jobId, extra, source }: Awaited<ReturnType<typeof prepare>>) {
	const job = (await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}`, itemIndex })) as IDataObject;
	const transition = await uploadTransitionFor.call(this, { ...job, id: jobId }, itemIndex);
	return await uploadWithTransition.call(this, { jobId, transition, source, itemIndex, extra, tokenJustChecked: true });
}
