/** User fields shared by create and update. */
import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../../helpers/events';
import type { FieldSpec } from '../../helpers/parameters';

export const userIdField: INodeProperties = {
	displayName: 'User Name or ID',
	name: 'userId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: '',
	required: true,
	description:
		'The tFLOW user. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const userFieldOptions: INodeProperties[] = [
	{
		displayName: 'E-Mail Alerts',
		name: 'alertTypes',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [],
		description: 'Events tFLOW e-mails this user about',
	},
	{
		displayName: 'Client Name or ID',
		name: 'clientId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getClients' },
		default: '',
		description:
			'The company that owns the user. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether the user can log in' },
	{ displayName: 'Locale', name: 'locale', type: 'string', default: '', placeholder: 'e.g. en_US' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Jane Doe' },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Password for logging in to tFLOW; tFLOW never returns it',
	},
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
	{
		displayName: 'Role Name or ID',
		name: 'roleId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRoles' },
		default: '',
		description:
			'The user\'s role (a user has one); it must belong to the user\'s company. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Visible Client Names or IDs',
		name: 'visibleClientIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getClients' },
		default: [],
		description:
			'The client companies the user can see, replacing those it saw; tFLOW always adds the user\'s own company. Once added, the field must name at least one: an expression that resolves to nothing is refused. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** What to do instead of an empty Visible Client list, which the node refuses. */
export const ONLY_OWN_COMPANY = 'To let the user see only its own company, give that company\'s client ID (tFLOW always adds it).';

export const USER_FIELDS: Record<string, FieldSpec> = {
	email: { api: 'email', kind: 'email' },
	name: { api: 'name', kind: 'text' },
	password: { api: 'password', kind: 'text' },
	clientId: { api: 'client_id', kind: 'id' },
	phoneNumber: { api: 'phonenumber', kind: 'text' },
	enabled: { api: 'enabled', kind: 'boolean' },
	locale: { api: 'locale', kind: 'text' },
	alertTypes: { api: 'alertTypes', kind: 'list' },
	roleId: { api: 'role_id', kind: 'id' },
	visibleClientIds: { api: 'visibleClientIds', kind: 'ids' },
};
