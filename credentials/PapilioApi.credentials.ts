import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { papilioBaseUrl, requestPapilioToken, tokenErrorStatus } from '../nodes/Papilio/token';

/**
 * Which login a stored refresh token belongs to. When the user edits the server, client or user of
 * the credential, the old refresh token must not be used (the Test button must check the new
 * values), so a refresh is only tried when this still matches.
 */
function loginFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				papilioBaseUrl(credentials.serverUrl),
				credentials.clientId,
				credentials.clientSecret,
				credentials.username,
				credentials.password,
			]),
		)
		.digest('hex');
}

export class PapilioApi implements ICredentialType {
	name = 'papilioApi';

	// Title Case, as n8n asks of credential names (the product writes itself brix:papilio).
	displayName = 'Brix:Papilio API';

	icon: Icon = { light: 'file:../nodes/Papilio/papilio.svg', dark: 'file:../nodes/Papilio/papilio.dark.svg' };

	documentationUrl = 'https://github.com/print-workflow/n8n-nodes-print-workflow#papilio-credentials';

	properties: INodeProperties[] = [
		{
			// Filled by preAuthentication and reused until papilio answers invalid_token (HTTP 401).
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Kept so an expired access token is renewed at /oauth/token/refresh (valid 30 days).
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Token Owner',
			name: 'tokenOwner',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://papilio.example.com',
			description: 'Address of your papilio server, as you open it in the browser. A trailing slash or /api/v1 is ignored.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the API client a papilio administrator created under /admin/api',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Secret of that API client',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The papilio user the workflows act as. Its permissions decide what the node may do.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Allow Insecure HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow an http:// server URL. papilio requires SSL; only a server in its "nossl" mode answers plain HTTP. Never use this in production: the password and tokens would travel unencrypted.',
		},
	];

	/**
	 * Called by n8n when there is no access token yet and again whenever papilio answers 401
	 * (invalid_token): renews the access token with the refresh token, and logs in again with the
	 * User Credentials grant when there is none or papilio rejects it (refresh tokens expire after
	 * 30 days).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const owner = loginFingerprint(credentials);
		const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
		if (refreshToken && credentials.accessToken && credentials.tokenOwner === owner) {
			try {
				const renewed = await requestPapilioToken(this.helpers, credentials, '/oauth/token/refresh', {
					refresh_token: refreshToken,
				});
				return { accessToken: renewed.access_token, refreshToken: renewed.refresh_token ?? refreshToken, tokenOwner: owner };
			} catch (error) {
				const status = tokenErrorStatus(error);
				// A rejected refresh token (4xx) means: log in again. Anything else is a real failure.
				if (status === undefined || status >= 500) throw error;
			}
		}
		const login = await requestPapilioToken(this.helpers, credentials, '/oauth/token/user', {
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		});
		return { accessToken: login.access_token, refreshToken: login.refresh_token ?? '', tokenOwner: owner };
	}

	/**
	 * papilio reads the token from the access_token request parameter (API document, "OAuth 2"). A
	 * function rather than a generic block: n8n evaluates a generic block as an expression for every
	 * request, a quarter of its own work per read (bench/throughput.ts).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, qs: { ...requestOptions.qs, access_token: String(credentials.accessToken ?? '') } };
	}

	// Logging in (preAuthentication) tells invalid_client and invalid_user apart; this call then
	// proves the token works.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/(api\\/v1|oauth)$/i, "")}}',
			url: '/api/v1/messages/received',
		},
	};
}
