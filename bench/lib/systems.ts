/**
 * What the benchmarks need to know per credential: which emulator serves it, the credential data
 * that points at that emulator, a cheap read operation ("get" by id) and how to count the token
 * requests the emulator received. Papilio parts load lazily, so tFLOW figures never depend on them.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, INodeParameters, INodeType } from 'n8n-workflow';

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
};
