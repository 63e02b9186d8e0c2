import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getUploadSource } from '../../../shared/binary';
import { binaryPropertyField, updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput, requireString } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { uploadWithTransition } from '../artwork';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { UPLOAD_TRANSITIONS, allowedTransitions } from '../transitions';

const properties: INodeProperties[] = [
	jobIdLocator,
	{
		displayName:
			'The job comes from an expression, so the list below offers every transition a tFLOW workflow has: the job\'s state decides at run time which ones tFLOW accepts',
		name: 'transitionNotice',
		type: 'notice',
		default: '',
		// regex, not startsWith: a job ID stored as a number must not break the check.
		displayOptions: { show: { jobId: [{ _cnd: { regex: '^=' } }] } },
	},
	{
		displayName: 'Transition Name or ID',
		name: 'transition',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAllowedTransitions', loadOptionsDependsOn: ['jobId.value'] },
		default: '',
		required: true,
		description:
			'The transition to execute; for a chosen job the list shows what its current state allows, for a job from an expression every transition tFLOW workflows have. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...binaryPropertyField('Name of the input binary field with the artwork file'),
		displayOptions: {
			show: { transition: [...UPLOAD_TRANSITIONS, { _cnd: { startsWith: '=' } }] },
		},
		hint: 'Used by the upload transitions (upload_first_revision, upload_next_revision) only',
	},
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
				description: 'Comment recorded with the transition, e.g. why a new revision is needed',
			},
			{
				displayName: 'Production Queue Name or ID',
				name: 'queueId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getQueues' },
				default: '',
				description:
					'For "release" (Send to Production): the queue to send the job to (IDs look like 808:1). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['executeTransition'] } },
	properties,
);

/** Reads the transition name; names are snake_case words such as approve or upload_first_revision. */
export function readTransition(this: IExecuteFunctions, itemIndex: number): string {
	const node = this.getNode();
	const name = requireString(node, this.getNodeParameter('transition', itemIndex), 'transition', itemIndex, 100);
	if (!/^[a-z][a-z0-9_]*$/i.test(name)) {
		throw invalidInput(node, 'transition', itemIndex, `"${name}" is not a transition name (e.g. approve)`);
	}
	return name;
}

/**
 * tFLOW answers a transition the job's state does not allow with 400 on `transition_name`. When
 * its message does not list the allowed transitions, they are fetched and added to the error.
 */
async function explainRejectedTransition(this: IExecuteFunctions, error: unknown, jobId: number, itemIndex: number) {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return error;
	const apiMessage = String((error.context.details as IDataObject | undefined)?.apiMessage ?? error.message);
	if (!apiMessage.includes('transition_name') || /allowed:/i.test(apiMessage)) return error;
	try {
		const allowed = await allowedTransitions.call(this, jobId, itemIndex);
		error.description = `${error.description ?? ''}\nTransitions job ${jobId} allows now: ${allowed.join(', ') || 'none'}`.trim();
	} catch {
		// The original error is what matters; the hint is best effort.
	}
	return error;
}

/** Reads and checks the item's parameters, and for an upload transition finds its (non-empty) file. */
export async function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const jobId = readId.call(this, 'jobId', itemIndex);
	const transition = readTransition.call(this, itemIndex);
	const extra = toApiBody(node, itemIndex, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, {
		comment: { api: 'comment', kind: 'text' },
		queueId: { api: 'tflow_id', kind: 'queue' },
	}, { skipEmpty: true });
	const source = UPLOAD_TRANSITIONS.includes(transition)
		? await getUploadSource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string)
		: undefined;
	return { jobId, transition, extra, source };
}

export function done(_output: IDataObject, { jobId, transition }: Awaited<ReturnType<typeof prepare>>) {
	return `executed ${transition} on job ${jobId}`;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ jobId, transition, extra, source }: Awaited<ReturnType<typeof prepare>>,
) {
	try {
		if (source) return await uploadWithTransition.call(this, { jobId, transition, source, itemIndex, extra });
		return (await tflowRequest.call(this, {
			method: 'POST',
			path: `/job/${jobId}/executeTransition`,
			body: { transition_name: transition, ...extra },
			itemIndex,
		})) as IDataObject;
	} catch (error) {
		throw await explainRejectedTransition.call(this, error, jobId, itemIndex);
	}
}
