import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// The server URL without trailing slashes or /api/v1 (as papilioBaseUrl does), inside n8n expressions.
const BASE = '{{$self["serverUrl"].trim().replace(/\\/+$/, "").replace(/\\/(api\\/v1|oauth)$/i, "")}}';

/**
 * Authorization Code grant through n8n's OAuth2 "Connect" flow. n8n fetches the first tokens at
 * /oauth/token/access; the node's transport sends the access token as papilio's access_token
 * parameter and renews it at /oauth/token/refresh itself, because n8n's built-in OAuth2 signing
 * (Bearer header) and refresh (grant_type=refresh_token at the access token URL) do not match
 * papilio's API.
 */
export class PapilioOAuth2Api implements ICredentialType {
	name = 'papilioOAuth2Api';

	extends = ['oAuth2Api'];

	// Title Case, as n8n asks of credential names (the product writes itself brix:papilio).
	displayName = 'Brix:Papilio OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Papilio/papilio.svg', dark: 'file:../nodes/Papilio/papilio.dark.svg' };

	documentationUrl = 'https://github.com/print-workflow/n8n-nodes-print-workflow#papilio-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://papilio.example.com',
			description: 'Address of your papilio server, as you open it in the browser',
		},
		{
			displayName: 'Allow Insecure HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow an http:// server URL. papilio requires SSL; only a server in its "nossl" mode answers plain HTTP. Never use this in production.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `=${BASE}/oauth/authorize`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `=${BASE}/oauth/token/access`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// papilio wants the client as HTTP Basic auth on its token endpoints.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
