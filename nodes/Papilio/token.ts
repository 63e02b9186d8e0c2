/**
 * papilio's token client, shared by the papilioApi credential (its preAuthentication) and the
 * transport (renewals of papilioOAuth2Api tokens): server URL rules, Basic client auth and the
 * token endpoints' errors.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { TokenRequestError, tokenFailure } from '../shared/token';

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
	if (!URL.canParse(base)) {
		throw new Error(`Server URL: "${base.slice(0, 100)}" is not an absolute URL such as https://papilio.example.com`);
	}
	const url = new URL(base);
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
 * The HTTP status papilio answered a failed token request with (undefined for network failures).
 * Token failures are TokenRequestErrors: n8n shows their message in the credential test, and they
 * carry no HTTP status n8n would see, or it would replace the message with a generic one.
 */
export function tokenErrorStatus(error: unknown): number | undefined {
	return tokenFailure(error)?.status;
}

const TOKEN_ERROR_TEXT: Record<string, string> = {
	invalid_client: 'papilio does not know this API client or it may not be used this way: check Client ID and Client Secret (papilio → /admin/api)',
	invalid_user: 'papilio rejected the user: check Username and Password, and that this user may use this API client (a client can be restricted to one user)',
	invalid_grant: 'papilio rejected the grant (wrong credentials, or an expired code or refresh token)',
	invalid_request: 'papilio rejected the token request as malformed',
};

/**
 * POSTs form fields to one of papilio's token endpoints with Basic client auth and returns the
 * token answer. Failures become TokenRequestErrors that carry only papilio's answer. Redirects are
 * never followed: they would carry the Basic auth and the password elsewhere.
 */
export async function requestPapilioToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	endpoint: '/oauth/token/user' | '/oauth/token/refresh' | '/oauth/token/access',
	fields: Record<string, string>,
): Promise<{ access_token?: string; refresh_token?: string; expires_in?: number }> {
	const base = checkedPapilioBaseUrl(credentials);
	let response: unknown;
	let failure: unknown;
	try {
		response = await helpers.httpRequest({
			method: 'POST',
			url: `${base}${endpoint}`,
			auth: clientAuth(credentials),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(fields).toString(),
			json: true,
			disableFollowRedirect: true,
		});
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) throw tokenRequestError(failure, base);
	const token = response as { access_token?: unknown };
	if (typeof token?.access_token !== 'string' || token.access_token === '') {
		throw new TokenRequestError(`papilio answered ${endpoint} without an access token`, undefined, undefined);
	}
	return response as { access_token: string; refresh_token?: string; expires_in?: number };
}

/**
 * A failed token request as a TokenRequestError: papilio's answer (never the request, which holds
 * the secrets), or the network failure. Not a NodeApiError: the credential's preAuthentication has
 * no node to name, and n8n wraps it in one keeping this message.
 */
function tokenRequestError(error: unknown, base: string): TokenRequestError {
	const answer = (error as { response?: { status?: number; data?: unknown } }).response;
	if (!answer) {
		return new TokenRequestError(`Could not reach papilio at ${base}: ${(error as Error).message}`, undefined, undefined, { code: (error as { code?: string }).code });
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
	return new TokenRequestError(text, answer.status, data);
}

