import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { allowedTransitions } from '../transitions';

const properties: INodeProperties[] = [
	{
		...jobIdLocator,
		hint: 'Outputs one item with the job ID and the names of the transitions its current state allows',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getAllowedTransitions'] } },
	withConcurrencyOption(properties),
);

// One item, not one per name: the usual next step is a single decision ("is approve allowed?").
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	return { job_id: jobId, allowed_transitions: await allowedTransitions.call(this, jobId, itemIndex) };
}
