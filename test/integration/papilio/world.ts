/** A papilio emulator and an n8n harness with both papilio credentials, shared by the papilio tests. */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PapilioApi } from '../../../credentials/PapilioApi.credentials';
import { PapilioOAuth2Api } from '../../../credentials/PapilioOAuth2Api.credentials';
import { Papilio } from '../../../nodes/Papilio/Papilio.node';
import { createPapilioEmulator, type PapilioEmulator, type PapilioEmulatorOptions, type PapilioLogEntry } from '../../../tools/emulators/papilio';
import { NodeHarness, type BinaryMode, type RunNodeResult } from '../../../tools/harness';

export const CLIENT_ID = 'papilio-demo-client';
export const CLIENT_SECRET = 'papilio-demo-secret';
export const USERNAME = 'api-script';
export const PASSWORD = 'papilio-demo-password';

export interface PapilioWorld {
	emulator: PapilioEmulator;
	harness: NodeHarness;
	/** Runs the papilio node with the papilioApi credential (unless `authentication` says otherwise). */
	run(parameters: INodeParameters, options?: { input?: INodeExecutionData[]; continueOnFail?: boolean }): Promise<RunNodeResult>;
	/** The API calls the emulator received (token endpoints and control calls excluded). */
	apiCalls(method?: string, path?: string | RegExp): PapilioLogEntry[];
	/** Stores fresh papilioApi credentials pointing at the emulator (no token yet). */
	resetCredentials(extra?: IDataObject): void;
	stop(): Promise<void>;
}

export async function createWorld(
	options: { binaryMode?: BinaryMode; emulator?: PapilioEmulatorOptions; nodes?: Record<string, new () => never> } = {},
): Promise<PapilioWorld> {
	const emulator = createPapilioEmulator(options.emulator);
	await emulator.start(0, '127.0.0.1');
	const harness = await new NodeHarness({
		nodes: { papilio: Papilio, ...(options.nodes ?? {}) },
		credentialTypes: [PapilioApi, PapilioOAuth2Api],
		binaryMode: options.binaryMode ?? 'default',
	}).init();
	const resetCredentials = (extra: IDataObject = {}) =>
		harness.setCredentials('papilioApi', {
			serverUrl: emulator.url,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			username: USERNAME,
			password: PASSWORD,
			allowInsecureHttp: true,
			...extra,
		});
	resetCredentials();
	return {
		emulator,
		harness,
		resetCredentials,
		run: async (parameters, runOptions = {}) => {
			const authentication = (parameters.authentication as string | undefined) ?? 'papilioApi';
			return await harness.runNode({
				type: 'papilio',
				parameters: { authentication, ...parameters },
				credentials: [authentication],
				input: runOptions.input,
				continueOnFail: runOptions.continueOnFail,
			});
		},
		apiCalls: (method, path) =>
			(emulator.server.requests(method, path) as PapilioLogEntry[]).filter((entry) => entry.path.startsWith('/api/v1')),
		stop: () => emulator.stop(),
	};
}

/**
 * One world for a test file: started before its tests, stopped after them, and the emulator and
 * credentials reset before each test (a file's own beforeEach runs after this one).
 */
export function useWorld(options: Parameters<typeof createWorld>[0] = {}): PapilioWorld {
	let world: PapilioWorld | undefined;
	const current = () => {
		if (!world) throw new Error('the papilio world is started in beforeAll');
		return world;
	};
	beforeAll(async () => {
		world = await createWorld(options);
	});
	afterAll(() => world?.stop());
	beforeEach(() => {
		current().emulator.reset();
		current().resetCredentials();
	});
	return {
		get emulator() {
			return current().emulator;
		},
		get harness() {
			return current().harness;
		},
		run: (parameters, runOptions) => current().run(parameters, runOptions),
		apiCalls: (method, path) => current().apiCalls(method, path),
		resetCredentials: (extra) => current().resetCredentials(extra),
		stop: () => current().stop(),
	};
}

/** The order locator as n8n stores it for the "By ID" mode. */
export function orderById(id: string | number) {
	return { __rl: true, mode: 'id', value: String(id) };
}

export const OAUTH2_REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/** What n8n's "Connect my account" does: the authorize redirect, then the code exchange at the access token URL. */
export async function connectOAuth2(world: PapilioWorld, redirectUri = OAUTH2_REDIRECT_URI) {
	world.harness.setCredentials('papilioOAuth2Api', {
		serverUrl: world.emulator.url,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		allowInsecureHttp: true,
	});
	const credential = world.harness.credentials.decrypted('papilioOAuth2Api');
	expect(credential).toMatchObject({
		authUrl: `${world.emulator.url}/oauth/authorize`,
		accessTokenUrl: `${world.emulator.url}/oauth/token/access`,
		grantType: 'authorizationCode',
		authentication: 'header',
	});
	const client = new ClientOAuth2({
		clientId: credential.clientId as string,
		clientSecret: credential.clientSecret as string,
		accessTokenUri: credential.accessTokenUrl as string,
		authorizationUri: credential.authUrl as string,
		authentication: credential.authentication as 'header',
		redirectUri,
		scopes: String(credential.scope ?? '').split(','),
	});
	const authorize = await fetch(client.code.getUri({ state: 'n8n-state' }), { redirect: 'manual' });
	expect(authorize.status).toBe(302);
	const token = await client.code.getToken(authorize.headers.get('location')!);
	world.harness.setCredentials('papilioOAuth2Api', { ...world.harness.credentials.store.get('papilioOAuth2Api'), oauthTokenData: token.data });
	world.emulator.server.clearLog();
	return token.data as { access_token: string; refresh_token: string };
}
