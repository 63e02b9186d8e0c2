import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/dispatcher';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as getPermissions from './getPermissions';
import * as getUsers from './getUsers';
import * as getWorkflowPermissions from './getWorkflowPermissions';
import * as setPermissions from './setPermissions';
import * as setUsers from './setUsers';
import * as setWorkflowPermissions from './setWorkflowPermissions';
import * as update from './update';

export const operations: Record<string, Operation<unknown>> = {
	create,
	get,
	getMany,
	getPermissions,
	getUsers,
	getWorkflowPermissions,
	setPermissions,
	setUsers,
	setWorkflowPermissions,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['role'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a role',
				description:
					'Creates a tFLOW role (a set of permissions) owned by one client company, without permissions or users yet. Changes tFLOW: adds one role and returns it with its numeric role ID.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a role',
				description: 'Returns one tFLOW role by its numeric role ID: name, description and owning client. Changes nothing.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many roles',
				description: 'Lists the tFLOW roles with their numeric IDs and owning clients, up to Limit unless Return All. Changes nothing.',
			},
			{
				name: 'Get Permissions',
				value: 'getPermissions',
				action: 'Get the permissions of a role',
				description:
					'Returns one item with the permission names a tFLOW role grants (e.g. manage_jobs, view_proof) for a numeric role ID. Changes nothing.',
			},
			{
				name: 'Get Users',
				value: 'getUsers',
				action: 'Get the users of a role',
				description: 'Lists the tFLOW users who have a role, one item per user, for a numeric role ID. Changes nothing.',
			},
			{
				name: 'Get Workflow Permissions',
				value: 'getWorkflowPermissions',
				action: 'Get the workflow permissions of a role',
				description:
					'Returns one item with the workflow transitions a tFLOW role\'s users may execute on jobs (e.g. approve, release) for a numeric role ID. Changes nothing.',
			},
			{
				name: 'Set Permissions',
				value: 'setPermissions',
				action: 'Set the permissions of a role',
				description:
					'Replaces the permissions a tFLOW role grants with the chosen permission names. Changes tFLOW: every user with the role gains or loses those rights at once.',
			},
			{
				name: 'Set Users',
				value: 'setUsers',
				action: 'Set the users of a role',
				description:
					'Replaces the members of a tFLOW role with the chosen users of its company. Changes tFLOW: those users leave their previous role (a user has one), users left out lose this one.',
			},
			{
				name: 'Set Workflow Permissions',
				value: 'setWorkflowPermissions',
				action: 'Set the workflow permissions of a role',
				description:
					'Replaces the workflow transitions a tFLOW role\'s users may execute on jobs (e.g. approve, release) with the chosen ones. Changes tFLOW: every user with the role gains or loses those buttons at once.',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a role',
				description: 'Changes the name or description of a tFLOW role; only the fields added are sent. Changes tFLOW: the role is renamed or redescribed.',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getPermissions.description,
	...getUsers.description,
	...getWorkflowPermissions.description,
	...setPermissions.description,
	...setUsers.description,
	...setWorkflowPermissions.description,
	...update.description,
];
