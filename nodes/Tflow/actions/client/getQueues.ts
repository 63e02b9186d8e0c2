import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { tflowList } from '../../transport';
import { readId } from '../parameters';
import { clientIdField } from './common';

const properties: INodeProperties[] = [clientIdField];

export const description = updateDisplayOptions({ show: { resource: ['client'], operation: ['getQueues'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const clientId = readId.call(this, 'clientId', itemIndex);
	return (await tflowList.call(this, { path: `/client/${clientId}/tflows`, itemIndex })) as IDataObject[];
}
