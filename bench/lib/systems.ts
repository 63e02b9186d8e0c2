/**
 * What the benchmarks need to know per credential: which emulator serves it, the credential data
 * that points at that emulator, a cheap read operation ("get" by id) and how to count the token
 * requests the emulator received. Papilio parts load lazily, so tFLOW figures never depend on them.
 */
import type { AxiosInstance } from 'axios';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { EmulatorProcess } from './emulators';

export interface CredentialUnderTest {
	/** Credential type name, e.g. `tflowApi`. */
	credential: string;
	emulator: 'tflow' | 'papilio';
	/** Emulator settings (PATCH /__control/config) that make a token expire after `uses` authenticated calls. */
	tokenMaxUsesConfig(uses: number): Record<string, unknown>;
	load(): Promise<{ node: { name: string; type: new () => INodeType }; credentialTypes: Array<new () => ICredentialType> }>;
	/** Credential data for a user who has just saved (or, for OAuth2, connected) the credential: token requests made here count. */
	credentialData(emulator: EmulatorProcess): Promise<ICredentialDataDecryptedObject>;
	/** Node parameters of the read benchmarked: one GET of an existing record per item. */
	getParameters: INodeParameters;
	/** Path of that GET on the emulator, to count the calls it received. */
	getPath: RegExp;
	/** Token requests the emulator has answered so far (logins and refreshes). */
	tokenRequests(emulator: EmulatorProcess): Promise<number>;
	/** The same GET as a plain HTTP client makes it: a token fetched once, then one request per call. */
	rawClient(emulator: EmulatorProcess, http: AxiosInstance): Promise<{ url: string; get(): Promise<{ id?: unknown }> }>;
	/** Whether an output item of the node is the record the GET asked for. */
	isExpectedRecord(json: IDataObject): boolean;
}

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export const TFLOW: CredentialUnderTest = {
	credential: 'tflowApi',
	emulator: 'tflow',
	tokenMaxUsesConfig: (uses) => ({ tokenMaxUses: uses }),
	async load() {
		const { Tflow } = await import('../../nodes/Tflow/Tflow.node.js');
		const { TflowApi } = await import('../../credentials/TflowApi.credentials');
		return { node: { name: 'tflow', type: Tflow }, credentialTypes: [TflowApi] };
	},
	async credentialData(emulator) {
		return { instanceUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, accessToken: '' };
	},
	getParameters: { resource: 'job', operation: 'get', jobId: byId(2) },
	getPath: /^\/api\/v2\/job\/2$/,
	async tokenRequests(emulator) {
		return (await emulator.call<{ tokenRequests: number }>('GET', '/__control/token-requests')).tokenRequests;
	},
	async rawClient(emulator, http) {
		const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret });
		const token = (await http.post(`${emulator.url}/oauth/access_token`, form.toString())).data.access_token as string;
		const url = `${emulator.url}/api/v2/job/2`;
		return { url, get: async () => (await http.get(url, { headers: { Authorization: `Bearer ${token}` } })).data };
	},
	isExpectedRecord: (json) => json.id === 2,
};

const PAPILIO_ORDER = 51038;

async function loadPapilio() {
	const { Papilio } = await import('../../nodes/Papilio/Papilio.node.js');
	const { PapilioApi } = await import('../../credentials/PapilioApi.credentials');
	const { PapilioOAuth2Api } = await import('../../credentials/PapilioOAuth2Api.credentials');
	return { node: { name: 'papilio', type: Papilio }, credentialTypes: [PapilioApi, PapilioOAuth2Api] };
}

const papilioTokenRequests = async (emulator: EmulatorProcess) => {
	const counts = await emulator.call<{ user: number; access: number; refresh: number }>('GET', '/__control/token-requests');
	return counts.user + counts.access + counts.refresh;
};

/** The order as papilio answers it (`{order}`) or as the node outputs it (the order itself). */
const isPapilioOrder = (json: IDataObject) => Number(((json.order as IDataObject | undefined) ?? json).id) === PAPILIO_ORDER;

export const PAPILIO: CredentialUnderTest = {
	credential: 'papilioApi',
	emulator: 'papilio',
	tokenMaxUsesConfig: (uses) => ({ accessTokenMaxUses: uses }),
	load: loadPapilio,
	async credentialData(emulator) {
		return {
			serverUrl: emulator.url,
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			username: emulator.username!,
			password: emulator.password!,
			// The emulator serves plain HTTP, like a papilio server in its "nossl" mode.
			allowInsecureHttp: true,
		};
	},
	getParameters: { authentication: 'papilioApi', resource: 'order', operation: 'get', orderId: byId(PAPILIO_ORDER) },
	getPath: new RegExp(`^/api/v1/order/${PAPILIO_ORDER}$`),
	tokenRequests: papilioTokenRequests,
	async rawClient(emulator, http) {
		const form = new URLSearchParams({ username: emulator.username!, password: emulator.password! });
		const auth = { username: emulator.clientId, password: emulator.clientSecret };
		const token = (await http.post(`${emulator.url}/oauth/token/user`, form.toString(), { auth })).data.access_token as string;
		const url = `${emulator.url}/api/v1/order/${PAPILIO_ORDER}`;
		return { url, get: async () => (await http.get(url, { params: { access_token: token } })).data };
	},
	isExpectedRecord: isPapilioOrder,
};

/**
 * papilioOAuth2Api as a user leaves it after "Connect my account": n8n's OAuth2 client ran the
 * authorization-code flow (the emulator approves at once) and stored the token data.
 */
export const PAPILIO_OAUTH2: CredentialUnderTest = {
	...PAPILIO,
	credential: 'papilioOAuth2Api',
	async credentialData(emulator) {
		const { ClientOAuth2 } = await import('@n8n/client-oauth2');
		const client = new ClientOAuth2({
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			accessTokenUri: `${emulator.url}/oauth/token/access`,
			authorizationUri: `${emulator.url}/oauth/authorize`,
			authentication: 'header',
			redirectUri: 'http://127.0.0.1:1/rest/oauth2-credential/callback',
		});
		const authorize = await fetch(client.code.getUri({ state: 'bench' }), { redirect: 'manual' });
		const token = await client.code.getToken(authorize.headers.get('location')!);
		return {
			serverUrl: emulator.url,
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
			allowInsecureHttp: true,
			oauthTokenData: token.data as IDataObject,
		};
	},
	getParameters: { ...PAPILIO.getParameters, authentication: 'papilioOAuth2Api' },
};
