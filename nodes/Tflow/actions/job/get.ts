import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyAnswer, simplifyFields } from '../../../shared/simplify';
import { tflowRequest } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';
import { JOB_SIMPLE_FIELDS, JOB_SIMPLE_SUMMARY } from './common';

const properties: INodeProperties[] = [jobIdLocator, ...simplifyFields(JOB_SIMPLE_SUMMARY)];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const job = (await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}`, itemIndex })) as IDataObject;
	return simplifyAnswer(job, JOB_SIMPLE_FIELDS, simplify);
}
