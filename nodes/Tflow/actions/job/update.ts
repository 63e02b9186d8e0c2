import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { jobIdLocator, propsAndAssignmentsFields, shipDateField } from '../common.descriptions';
import { readId, readPropsAndAssignments } from '../parameters';
import { JOB_FIELDS, jobFieldOptions } from './common';

const properties: INodeProperties[] = [
	jobIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...jobFieldOptions, { ...shipDateField, required: false }].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	...propsAndAssignmentsFields,
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['update'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const jobId = readId.call(this, 'jobId', itemIndex);
	const body: IDataObject = {
		...toApiBody(node, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, JOB_FIELDS),
		...(await readPropsAndAssignments.call(this, itemIndex, 'job')),
	};
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, 'updateFields', itemIndex, 'nothing to update', 'Add at least one field, property or assignment to change.');
	}
	return { jobId, body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { jobId, body }: Awaited<ReturnType<typeof prepare>>) {
	return (await tflowRequest.call(this, { method: 'POST', path: `/job/${jobId}/update`, body, itemIndex })) as IDataObject;
}

export function done(_job: IDataObject, { jobId }: Awaited<ReturnType<typeof prepare>>) {
	return `updated job ${jobId}`;
}
