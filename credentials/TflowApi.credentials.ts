import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { redact } from '../nodes/shared/redact';
import { TokenRequestError } from '../nodes/shared/token';
import { truncate } from '../nodes/shared/validation';
import { formatTflowMessages } from '../nodes/Tflow/helpers/messages';

/** `https://host/some/path/` → `https://host/some/path`: tFLOW may live under a path prefix. */
export function tflowBaseUrl(instanceUrl: unknown): string {
	return String(instanceUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/(api\/v2|oauth\/access_token|apidoc)$/i, '');
}

const VERSION_TEXT = /^[\w.+-]{1,40}$/;

/**
 * Why a token request failed, as far as `GET /api/version` (tFLOW answers it without a token) tells:
 * a tFLOW answering there means the Instance URL is right, no tFLOW there means it is not. Only a
 * version and branch that look like one are quoted, so nothing else the server says reaches an error.
 */
async function diagnoseServer(helper: IHttpRequestHelper, baseUrl: string, ignoreSslIssues: boolean, status: number): Promise<string> {
	let answer: { version?: unknown; branch?: unknown } | undefined;
	try {
		answer = (await helper.helpers.httpRequest({
			method: 'GET',
			url: `${baseUrl}/api/version`,
			headers: { Accept: 'application/json' },
			json: true,
			disableFollowRedirect: true,
			skipSslCertificateValidation: ignoreSslIssues,
			timeout: 10000,
		})) as typeof answer;
	} catch {
		answer = undefined;
	}
	const version = typeof answer?.version === 'string' && VERSION_TEXT.test(answer.version) ? answer.version : undefined;
	if (!version) return 'GET /api/version did not answer as tFLOW either: check that the Instance URL is the address of your tFLOW.';
	const branch = typeof answer?.branch === 'string' && VERSION_TEXT.test(answer.branch) ? ` (${answer.branch})` : '';
	const found = `tFLOW ${version}${branch} answers GET /api/version at this Instance URL`;
	return status === 400 || status === 401 ? `${found}, so the address is right: check the API Key and Secret Key.` : `${found}.`;
}

export class TflowApi implements ICredentialType {
	name = 'tflowApi';

	displayName = 'tFLOW API';

	icon: Icon = { light: 'file:../nodes/Tflow/tflow.svg', dark: 'file:../nodes/Tflow/tflow.dark.svg' };

	documentationUrl = 'https://github.com/print-workflow/n8n-nodes-print-workflow#tflow-credential';

	properties: INodeProperties[] = [
		{
			// Filled by preAuthentication and reused until tFLOW answers 401 (first hidden expirable field).
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://tflow.example.com',
			description:
				'Address of your tFLOW instance, as you open it in the browser. A trailing slash or /api/v2 is ignored.',
		},
		{
			displayName: 'API Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'In tFLOW: your user profile → "Show API credentials" → API key',
		},
		{
			displayName: 'Secret Key',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'In tFLOW: your user profile → "Show API credentials" → Secret key',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the SSL certificate cannot be verified, e.g. an on-premise instance with a self-signed certificate',
		},
	];

	/**
	 * Fetches the access token. A failure becomes a TokenRequestError, which tells the node that the
	 * request it wanted a token for was never sent. The client secret is in the body, so a redirect
	 * is never followed (it would carry the body to wherever it points).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		let response: { access_token?: unknown };
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${tflowBaseUrl(credentials.instanceUrl)}/oauth/access_token`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: String(credentials.clientId ?? ''),
					client_secret: String(credentials.clientSecret ?? ''),
				}).toString(),
				json: true,
				disableFollowRedirect: true,
				skipSslCertificateValidation: credentials.ignoreSslIssues === true,
			})) as { access_token?: unknown };
		} catch (error) {
			const answer = (error as { response?: { status?: number; data?: unknown } }).response;
			const status = answer?.status;
			const code = (error as { code?: string }).code;
			const reason = status === undefined ? `could not be reached (${code ?? 'network error'})` : `answered HTTP ${status}`;
			// tFLOW's own words ("Client authentication failed") are what a user needs in the credential test.
			// Read as every tFLOW error answer is; a page that is not JSON is left out, without the secret.
			const apiMessage = answer?.data && typeof answer.data === 'object' ? formatTflowMessages(answer.data) : undefined;
			const said = apiMessage ? `: ${truncate(redact(apiMessage, [credentials.clientSecret as string | undefined]), 300)}` : '';
			// With an answer from the server, ask it whether it is a tFLOW at all (a wrong Instance URL
			// and a wrong key read alike otherwise). Without one there is nobody to ask.
			const diagnosis = status === undefined ? undefined : await diagnoseServer(this, tflowBaseUrl(credentials.instanceUrl), credentials.ignoreSslIssues === true, status);
			// Only a 401 goes to n8n as an HTTP error (it then asks for a token once more); for any other
			// answer n8n's credential test shows this message, diagnosis included, instead of a generic text.
			throw new TokenRequestError(`tFLOW's token endpoint ${reason}${said}${diagnosis ? `. ${diagnosis}` : ''}`, status, answer?.data, {
				asHttpError: status === 401,
				code,
				diagnosis,
			});
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new TokenRequestError("tFLOW's token endpoint answered without an access token", undefined, undefined);
		}
		return { accessToken: response.access_token };
	}

	/**
	 * Signs a request with the token. A function rather than a generic block: n8n evaluates a generic
	 * block as an expression for every request, a quarter of its own work per read (bench/throughput.ts).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` } };
	}

	/**
	 * Proves the key: a fresh token (preAuthentication) and one read with it. The read is the catalogue
	 * of permission names, which no permission in that catalogue guards, so every user's role may read
	 * it (an assumption, see docs/tflow.md); client/list, read before, needs a role that may list clients.
	 * A permission the role lacks is reported by the operation that needs it.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.instanceUrl.trim().replace(/\\/+$/, "").replace(/\\/(api\\/v2|oauth\\/access_token|apidoc)$/i, "")}}',
			url: '/api/v2/permission/list',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
	};
}
