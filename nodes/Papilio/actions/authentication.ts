import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The two papilio credentials, each shown only for its choice of the `authentication` parameter. */
export const papilioCredentials: INodeCredentialDescription[] = [
	{ name: 'papilioApi', required: true, displayOptions: { show: { authentication: ['papilioApi'] } } },
	{ name: 'papilioOAuth2Api', required: true, displayOptions: { show: { authentication: ['papilioOAuth2Api'] } } },
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Username & Password (Scripts)', value: 'papilioApi' },
		{ name: 'OAuth2 (Log In as a Person)', value: 'papilioOAuth2Api' },
	],
	default: 'papilioApi',
};
