import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { userIdField, userSegment } from '../../helpers/users';
import { papilioList } from '../../transport';

const properties: INodeProperties[] = [userIdField('User whose messages to list'), ...returnAllOrLimit()];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['getReceived', 'getSent'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const box = operation === 'getSent' ? 'sent' : 'received';
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const { list } = await papilioList.call(
		this,
		{ path: `/messages/${box}${userSegment(this, itemIndex)}`, itemIndex },
		'messages',
		{ returnAll, limit },
	);
	return list as IDataObject[];
}
