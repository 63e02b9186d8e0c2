import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { parseId } from '../../../shared/validation';
import { tflowRequest } from '../../transport';
import { revisionIdField } from './common';

const properties: INodeProperties[] = [revisionIdField];

export const description = updateDisplayOptions({ show: { resource: ['revision'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const revisionId = parseId(this.getNode(), this.getNodeParameter('revisionId', itemIndex), 'revisionId', itemIndex);
	return (await tflowRequest.call(this, { method: 'DELETE', path: `/revision/${revisionId}`, itemIndex })) as IDataObject;
}
