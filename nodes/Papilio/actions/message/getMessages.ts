import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readReturnAllOrLimit } from '../../../shared/validation';
import { papilioList } from '../../transport';
import { userIdField } from '../common.descriptions';
import { userSegment } from '../parameters';

const properties: INodeProperties[] = [userIdField('User whose messages to list'), ...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['getReceived', 'getSent'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const box = operation === 'getSent' ? 'sent' : 'received';
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const { list } = await papilioList.call(
		this,
		{ path: `/messages/${box}${userSegment(this, itemIndex)}`, itemIndex },
		'messages',
		{ returnAll, limit },
	);
	return list as IDataObject[];
}
