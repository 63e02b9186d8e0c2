import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { requireString } from '../../../shared/validation';
import { toApiBody } from '../../helpers/parameters';
import { tflowRequest } from '../../transport';
import { queuesOption } from '../common.descriptions';
import { refuseEmptyOptions } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Acme Bakery',
		description: 'Name of the client company',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...queuesOption,
				typeOptions: { loadOptionsMethod: 'getClientQueues' },
				description:
					'Production queues available for this client\'s jobs, as tFLOW offers them for new clients (IDs look like 808:1). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Visible to Instance User Names or IDs',
				name: 'visibleToInstanceUserIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getClientInstanceUsers' },
				default: [],
				description:
					'Users of your own (instance) company who see the new client, as tFLOW offers them for new clients. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Visible to Non-Instance User Names or IDs',
				name: 'visibleToNonInstanceUserIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getClientNonInstanceUsers' },
				default: [],
				description:
					'Users of other companies who see the new client, as tFLOW offers them for new clients. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['client'], operation: ['create'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const name = requireString(node, this.getNodeParameter('name', itemIndex), 'name', itemIndex, 255);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// An empty list here replaces tFLOW's defaults for a new client (its queues: all of them) with none.
	refuseEmptyOptions(node, itemIndex, fields, ['queues', 'visibleToInstanceUserIds', 'visibleToNonInstanceUserIds'], 'Leave the field out to use tFLOW\'s defaults for a new client.');
	return {
		name,
		...toApiBody(node, itemIndex, fields, {
			queues: { api: 'tflows', kind: 'queues' },
			visibleToInstanceUserIds: { api: 'visible_to_instance_user_ids', kind: 'ids' },
			visibleToNonInstanceUserIds: { api: 'visible_to_non_instance_user_ids', kind: 'ids' },
		}),
	};
}

export function done(client: IDataObject) {
	return `created client ${String(client.id)}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, body: IDataObject) {
	return (await tflowRequest.call(this, { method: 'POST', path: '/client/create', body, itemIndex })) as IDataObject;
}
