import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { parseQueueIdList } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { hiddenByRemoveAll, readReplacing, removeAllField } from '../parameters';
import { entityFields, readEntityPath } from './common';

const properties: INodeProperties[] = [
	...entityFields,
	removeAllField('Queues', 'Production Queue Names or IDs'),
	hiddenByRemoveAll({
		displayName: 'Production Queue Names or IDs',
		name: 'queueIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getQueues' },
		default: [],
		description:
			'The queues it has from now on, replacing its current ones (IDs look like 808:1); at least one: to remove them all, turn on Remove All Queues. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['queue'], operation: ['setForEntity'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const entity = readEntityPath.call(this, itemIndex);
	const queueIds = readReplacing.call(this, 'queueIds', itemIndex, 'Queues', (value) => parseQueueIdList(this.getNode(), value, 'queueIds', itemIndex));
	return { ...entity, queueIds };
}

export function done(_output: IDataObject, { entityType, entityId, queueIds }: ReturnType<typeof prepare>) {
	return `set the production queues of ${entityType} ${entityId} to [${queueIds.join(', ')}]`;
}

/** One item per queue the entity has afterwards (tFLOW's answer); none when they were all removed. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { path, queueIds }: ReturnType<typeof prepare>) {
	const answer = await tflowRequest.call(this, { method: 'POST', path, body: { tflowIds: queueIds }, itemIndex });
	return (Array.isArray(answer) ? answer : [answer]) as IDataObject[];
}
