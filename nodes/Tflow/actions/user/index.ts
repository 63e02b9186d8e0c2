import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const operations: Record<string, Operation<unknown>> = { create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user',
				description:
					'Creates a tFLOW user, a login for a person such as a client\'s contact. Changes tFLOW: adds one user and returns it with its numeric user ID.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user',
				description:
					'Returns one tFLOW user by its numeric user ID. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many users',
				description:
					'Lists tFLOW users with their numeric IDs, optionally only the one with an exact e-mail address, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user',
				description:
					'Sets the given fields of a tFLOW user (numeric user ID). Changes tFLOW: those fields; the others stay as they are.',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
