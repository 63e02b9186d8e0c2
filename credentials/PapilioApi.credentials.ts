import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ExecutionBaseError } from 'n8n-workflow';

/** `https://host/papilio/` or `…/api/v1` → `https://host/papilio`: papilio may live under a path prefix. */
export function papilioBaseUrl(serverUrl: unknown): string {
	return String(serverUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/(api\/v1|oauth)$/i, '');
}

/**
 * The server URL after the SSL check: papilio requires SSL unless a server runs in its "nossl"
 * mode, so plain http is refused unless the credential explicitly allows it. Throws a plain Error
 * with a readable message (no secrets in it).
 */
export function checkedPapilioBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = papilioBaseUrl(credentials.serverUrl);
	let url: URL;
	try {
		url = new URL(base);
	} catch {
		throw new Error(`Server URL: "${base.slice(0, 100)}" is not an absolute URL such as https://papilio.example.com`);
	}
	if (url.protocol === 'http:' && credentials.allowInsecureHttp !== true) {
		throw new Error(
			'Server URL: papilio requires SSL, so the URL must start with https://. Only for a server running in papilio\'s "nossl" mode (never in production), switch on "Allow Insecure HTTP" in the credential.',
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`Server URL: must start with https://, got "${url.protocol}"`);
	}
	return base;
}

/** Basic client authentication, required by all of papilio's token endpoints. */
export function clientAuth(credentials: ICredentialDataDecryptedObject) {
	return { username: String(credentials.clientId ?? ''), password: String(credentials.clientSecret ?? '') };
}

/**
 * A failed token request with a readable message. papilio's answer (never the request, which holds
 * the secrets) is kept in the context: n8n wraps errors of preAuthentication in a NodeApiError that
 * keeps the message and the context of an ExecutionBaseError, and shows the message in the
 * credential test. No HTTP status at the top level, or n8n would replace the message with a
 * generic one.
 */
export class PapilioTokenError extends ExecutionBaseError {
	constructor(message: string, status: number | undefined, body: unknown) {
		super(message, {});
		this.context = { papilioTokenAnswer: { status, body } as IDataObject };
	}
}

/** The HTTP status papilio answered a failed token request with (undefined for network failures). */
export function tokenErrorStatus(error: unknown): number | undefined {
	const answer = (error as PapilioTokenError)?.context?.papilioTokenAnswer as { status?: number } | undefined;
	return answer?.status;
}

const TOKEN_ERROR_TEXT: Record<string, string> = {
	invalid_client: 'papilio does not know this API client or it may not be used this way: check Client ID and Client Secret (papilio → /admin/api)',
	invalid_user: 'papilio rejected the user: check Username and Password, and that this user may use this API client (a client can be restricted to one user)',
	invalid_grant: 'papilio rejected the grant (wrong credentials, or an expired code or refresh token)',
	invalid_request: 'papilio rejected the token request as malformed',
};

/**
 * POSTs form fields to one of papilio's token endpoints with Basic client auth and returns the
 * token answer. Failures become PapilioTokenErrors that carry only papilio's answer.
 */
export async function requestPapilioToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	endpoint: '/oauth/token/user' | '/oauth/token/refresh' | '/oauth/token/access',
	fields: Record<string, string>,
): Promise<{ access_token?: string; refresh_token?: string; expires_in?: number }> {
	const base = checkedPapilioBaseUrl(credentials);
	let response: unknown;
	try {
		response = await helpers.httpRequest({
			method: 'POST',
			url: `${base}${endpoint}`,
			auth: clientAuth(credentials),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(fields).toString(),
			json: true,
		});
	} catch (error) {
		const answer = (error as { response?: { status?: number; data?: unknown } }).response;
		if (!answer) {
			throw new PapilioTokenError(`Could not reach papilio at ${base}: ${(error as Error).message}`, undefined, undefined);
		}
		let data = answer.data;
		if (Buffer.isBuffer(data)) data = data.toString('utf8');
		if (typeof data === 'string') {
			try {
				data = JSON.parse(data);
			} catch {
				// a framework error page ("httperror…"): reported as it is
			}
		}
		const code = typeof (data as IDataObject)?.error === 'string' ? String((data as IDataObject).error) : undefined;
		const detail = typeof (data as IDataObject)?.error_description === 'string' ? String((data as IDataObject).error_description) : undefined;
		const text = code
			? `${TOKEN_ERROR_TEXT[code] ?? 'papilio refused the token request'} [${code}${detail ? `: ${detail}` : ''}]`
			: `papilio refused the token request with HTTP ${answer.status}${typeof data === 'string' && data.trim() ? `: ${data.trim().slice(0, 200)}` : ''}`;
		throw new PapilioTokenError(text, answer.status, data);
	}
	const token = response as { access_token?: unknown };
	if (typeof token?.access_token !== 'string' || token.access_token === '') {
		throw new PapilioTokenError(`papilio answered ${endpoint} without an access token`, undefined, undefined);
	}
	return response as { access_token: string; refresh_token?: string; expires_in?: number };
}

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
