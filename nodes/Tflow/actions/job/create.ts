import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { readIsoDate, toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { orderIdLocator, propsAndAssignmentsFields, shipDateField } from '../common.descriptions';
import { readId, readPropsAndAssignments } from '../parameters';
import { JOB_FIELDS, jobFieldOptions } from './common';

/**
 * What Create sends for the fields left out: the Ruby client's apidoc lists `priority`, `attach_proofs`
 * and `props` as required for job/create, and the vendor SDK sends priority 0 and attach_proofs false.
 */
function createDefaults(): IDataObject {
	return { priority: 0, attach_proofs: false, props: {} };
}

/** Create's own wording of the shared fields: what is sent when they are left out (Update sends nothing). */
const SENT_BY_DEFAULT: Record<string, string> = {
	priority: 'Higher runs first. Left out, 0 is sent (the API lists the field as required).',
	attachProofs: 'Whether proof PDFs are attached to the e-mails tFLOW sends about this job. Left out, false is sent (the API lists the field as required).',
	propsInputMode: 'How to enter the dynamic properties (tFLOW "props", e.g. quantity, print_width). Without any, an empty object {} is sent (the API lists the field as required).',
};

function withDefaultsSaid(property: INodeProperties): INodeProperties {
	return SENT_BY_DEFAULT[property.name] ? { ...property, description: SENT_BY_DEFAULT[property.name] } : property;
}

const properties: INodeProperties[] = [
	{ ...orderIdLocator, description: 'The order the job is created in' },
	shipDateField,
	...propsAndAssignmentsFields.map(withDefaultsSaid),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: jobFieldOptions.map(withDefaultsSaid),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['create'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	return {
		order_id: readId.call(this, 'orderId', itemIndex),
		ship_date: readIsoDate(node, this.getNodeParameter('shipDate', itemIndex), 'shipDate', itemIndex),
		...createDefaults(),
		...toApiBody(node, itemIndex, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, JOB_FIELDS),
		...(await readPropsAndAssignments.call(this, itemIndex, 'job')),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return (await tflowRequest.call(this, { method: 'POST', path: '/job/create', body, itemIndex })) as IDataObject;
}

export function done(job: IDataObject) {
	return `created job ${String(job.id)}`;
}
