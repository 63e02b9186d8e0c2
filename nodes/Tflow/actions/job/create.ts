import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { readIsoDate, toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { orderIdLocator, propsAndAssignmentsFields, shipDateField } from '../common.descriptions';
import { readId, readPropsAndAssignments } from '../parameters';
import { JOB_FIELDS, jobFieldOptions } from './common';

const properties: INodeProperties[] = [
	{ ...orderIdLocator, description: 'The order the job is created in' },
	shipDateField,
	...propsAndAssignmentsFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: jobFieldOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['create'] } }, properties);

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	return {
		order_id: readId.call(this, 'orderId', itemIndex),
		ship_date: readIsoDate(node, this.getNodeParameter('shipDate', itemIndex), 'shipDate', itemIndex),
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
