/**
 * One tFLOW emulator and one n8n harness per test file, with helpers to run the tFLOW node and to
 * read what the emulator received.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TflowApi } from '../../../credentials/TflowApi.credentials';
import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import type { TflowEmulatorOptions, TflowProfile } from '../../../tools/emulators/tflow';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, PROFILE_NAMES, createTflowEmulator } from '../../../tools/emulators/tflow';
import type { LogEntry } from '../../../tools/emulators/common/server';
import type { BinaryMode } from '../../../tools/harness';
import { NodeHarness } from '../../../tools/harness';

export type TflowSetup = Awaited<ReturnType<typeof startTflow>>;

/** A job or order id as n8n stores a resource locator in "By ID" mode. */
export function byId(value: string | number) {
	return { __rl: true, mode: 'id', value: String(value) };
}

export async function startTflow(options: { binaryMode?: BinaryMode; emulator?: TflowEmulatorOptions } = {}) {
	const emulator = createTflowEmulator(options.emulator);
	await emulator.start();
	const harness = await new NodeHarness({
		// tflowTool: the AI tool variant, which n8n runs with the node's own class and properties.
		nodes: { tflow: Tflow, tflowTool: Tflow },
		credentialTypes: [TflowApi],
		binaryMode: options.binaryMode ?? 'default',
	}).init();

	const setup = {
		emulator,
		harness,
		/** Fresh seed data, fresh credentials (no token yet) and an empty request log. */
		async reset(credentials: IDataObject = {}) {
			await emulator.reset();
			emulator.server.faults.length = 0;
			emulator.configure({ tokenMaxUses: 0 });
			harness.setCredentials('tflowApi', {
				instanceUrl: emulator.url,
				clientId: DEMO_CLIENT_ID,
				clientSecret: DEMO_CLIENT_SECRET,
				...credentials,
			});
			harness.credentials.events.length = 0;
			emulator.server.clearLog();
		},
		async run(parameters: INodeParameters, input?: INodeExecutionData[], options: { continueOnFail?: boolean } = {}) {
			return await harness.runNode({
				type: 'tflow',
				parameters,
				credentials: ['tflowApi'],
				input,
				continueOnFail: options.continueOnFail,
			});
		},
		/** API calls the emulator received (token requests and control calls left out). */
		apiCalls(method?: string, path?: string | RegExp): LogEntry[] {
			return emulator.server.requests(method, path).filter((entry) => entry.path.startsWith('/api/v2/'));
		},
		tokenCalls(): LogEntry[] {
			return emulator.server.requests('POST', '/oauth/access_token');
		},
		/** The token the credential holds now. */
		token(): string {
			return String(harness.credentials.store.get('tflowApi')?.accessToken ?? '');
		},
		async stop() {
			await emulator.stop();
		},
	};
	await setup.reset();
	return setup;
}

/**
 * The tFLOW test bed of a test file: started before its tests, stopped after them, and reset (seed
 * data, credentials, faults, log) before each one, ahead of the file's own beforeEach steps. Read it
 * only inside hooks and tests.
 */
export function useTflow(options: Parameters<typeof startTflow>[0] = {}): TflowSetup {
	let setup: TflowSetup | undefined;
	const current = () => {
		if (!setup) throw new Error('the tFLOW test bed is started in beforeAll');
		return setup;
	};
	beforeAll(async () => {
		setup = await startTflow(options);
	});
	afterAll(async () => await setup?.stop());
	beforeEach(async () => await current().reset());
	return new Proxy({} as TflowSetup, { get: (_target, key) => Reflect.get(current(), key) });
}

export { PROFILE_NAMES };

/**
 * One test bed per emulator profile (`kind`, and `documented`: required job fields, ignored list
 * filters; see PROFILES in the emulator's config.ts), each started once per file, for suites that run
 * against both with `describe.each(PROFILE_NAMES)`. Other tests of the file can use `beds.kind`.
 */
export function useTflowProfiles(options: Parameters<typeof startTflow>[0] = {}): Record<TflowProfile, TflowSetup> {
	const beds = {} as Record<TflowProfile, TflowSetup>;
	for (const profile of PROFILE_NAMES) beds[profile] = useTflow({ ...options, emulator: { ...options.emulator, profile } });
	return beds;
}

/** Every API call carried the credential's current token as a Bearer header and nothing in the query. */
export function expectBearer(calls: LogEntry[], token: string) {
	expect(token).toMatch(/^\S{40}$/);
	for (const call of calls) {
		expect(call.headers.authorization).toBe(`Bearer ${token}`);
		expect(JSON.stringify(call.query)).not.toContain(token);
	}
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An input item with a PDF in a binary field, its file name also in the JSON as `source`. */
export async function artworkItem(tflow: TflowSetup, bytes: Buffer, fileName = 'flyer-a5.pdf', property = 'data') {
	return await tflow.harness.binaryItem(bytes, fileName, 'application/pdf', property, { source: fileName });
}
