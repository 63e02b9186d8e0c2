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
	/** Credential data for a user who has just saved the credential (no token yet). */
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
