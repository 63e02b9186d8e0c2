import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const operations: Record<string, Operation<unknown>> = { create, delete: del, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook subscription',
				description:
					'Subscribes a URL to tFLOW events such as job.approve, so tFLOW posts them there (the tFLOW Trigger does this by itself). Changes tFLOW: adds one webhook subscription.',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook subscription',
				description:
					'Deletes a tFLOW webhook subscription by its ID, so tFLOW stops posting those events. Changes tFLOW: the subscription is removed.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a webhook subscription',
				description:
					'Returns one tFLOW webhook subscription by its ID: its URL and events. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many webhook subscriptions',
				description:
					'Lists the tFLOW webhook subscriptions with their IDs, URLs and events. Changes nothing.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a webhook subscription',
				description:
					'Changes the event, URL or security key of a tFLOW webhook subscription picked by its ID; only the fields added are sent. Changes tFLOW: the subscription posts to its new URL or for its new event from then on.',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...del.description,
	...get.description,
	...getMany.description,
	...update.description,
];
