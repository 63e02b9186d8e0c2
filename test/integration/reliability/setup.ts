/**
 * Shared pieces of the reliability suite: recognisable secrets, the tFLOW and D2S test beds with
 * those secrets, an n8n logger that records everything at debug level, and helpers to read what
 * the emulators received.
 */
import { Logger } from '@n8n/backend-common';
import { ClientOAuth2 } from '@n8n/client-oauth2';
import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { PapilioTrigger } from '../../../nodes/Papilio/PapilioTrigger.node';
import type { BinaryMode } from '../../../tools/harness';
import { serializeError, startD2s } from '../d2s/setup';
import { CLIENT_ID as PAPILIO_CLIENT_ID, createWorld } from '../papilio/world';
import { startTflow } from '../tflow/setup';

export { serializeError };

/** Secrets that are easy to search for in everything the nodes produce. */
export const TFLOW_CLIENT_SECRET = 'tflowSecret-RELIABILITY-7f3a9c';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A tFLOW emulator and harness whose credential uses TFLOW_CLIENT_SECRET. */
export async function startTflowBed(binaryMode: BinaryMode = 'default') {
	const bed = await startTflow({ binaryMode, emulator: { clientSecret: TFLOW_CLIENT_SECRET } });
	const reset = bed.reset.bind(bed);
	bed.reset = async (credentials = {}) => await reset({ clientSecret: TFLOW_CLIENT_SECRET, ...credentials });
	await bed.reset();
	return bed;
}

/** A resource locator in "By ID" mode whose value comes from the input item's `value` field. */
export const idFromItem = { __rl: true, mode: 'id', value: '={{ $json.value }}' };

/** One input item per value, each carrying it as `value` (read by expressions). */
export const itemsWithValues = (...values: unknown[]): INodeExecutionData[] => values.map((value) => ({ json: { value } as never }));

export interface LogRecord {
	level: string;
	message: string;
	meta?: unknown;
}

/**
 * Records everything n8n logs (LoggerProxy and the DI Logger the node contexts use) at every level,
 * debug included, as text that can be searched for secrets.
 */
export function recordN8nLogs() {
	const records: LogRecord[] = [];
	const record =
		(level: string) =>
		(message: string, meta?: unknown) =>
			records.push({ level, message: String(message), meta });
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		verbose: record('verbose'),
		scoped: () => logger,
	};
	LoggerProxy.init(logger as never);
	Container.set(Logger, logger as unknown as Logger);
	return {
		records,
		text: () => records.map((entry) => `${entry.level} ${entry.message} ${serializeError(entry.meta)}`).join('\n'),
	};
}

export const PAPILIO_CLIENT_SECRET = 'papilioSecret-RELIABILITY-c0ffee';
export const PAPILIO_PASSWORD = 'papilioPassword-RELIABILITY-b4d';

/** A papilio emulator and harness whose credentials use the recognisable client secret and password. */
export async function startPapilioBed(binaryMode: BinaryMode = 'default') {
	const world = await createWorld({
		binaryMode,
		emulator: { clientSecret: PAPILIO_CLIENT_SECRET, password: PAPILIO_PASSWORD },
		nodes: { papilioTrigger: PapilioTrigger as never },
	});
	const useCredentials = (extra: IDataObject = {}) => world.resetCredentials({ clientSecret: PAPILIO_CLIENT_SECRET, password: PAPILIO_PASSWORD, ...extra });
	useCredentials();
	return {
		...world,
		useCredentials,
		/** Seed data, no tokens, an empty log, fresh credentials. */
		reset() {
			world.emulator.reset();
			world.harness.credentials.events.length = 0;
			useCredentials();
		},
		/** What n8n's "Connect my account" does for papilioOAuth2Api: authorize, then the code exchange. */
		async connectOAuth2(): Promise<{ access_token: string; refresh_token: string }> {
			const credential = {
				serverUrl: world.emulator.url,
				clientId: PAPILIO_CLIENT_ID,
				clientSecret: PAPILIO_CLIENT_SECRET,
				allowInsecureHttp: true,
			};
			world.harness.setCredentials('papilioOAuth2Api', credential);
			const decrypted = world.harness.credentials.decrypted('papilioOAuth2Api');
			const client = new ClientOAuth2({
				clientId: PAPILIO_CLIENT_ID,
				clientSecret: PAPILIO_CLIENT_SECRET,
				accessTokenUri: decrypted.accessTokenUrl as string,
				authorizationUri: decrypted.authUrl as string,
				authentication: 'header',
				redirectUri: 'http://127.0.0.1:1/rest/oauth2-credential/callback',
			});
			const authorize = await fetch(client.code.getUri({ state: 'reliability' }), { redirect: 'manual' });
			const token = await client.code.getToken(authorize.headers.get('location')!);
			world.harness.setCredentials('papilioOAuth2Api', { ...world.harness.credentials.store.get('papilioOAuth2Api'), oauthTokenData: token.data });
			world.emulator.server.clearLog();
			return token.data as { access_token: string; refresh_token: string };
		},
	};
}

type TflowBed = Awaited<ReturnType<typeof startTflowBed>>;
type PapilioBed = Awaited<ReturnType<typeof startPapilioBed>>;

/** A started bed, reached before beforeAll has run: fails with a clear message instead of "undefined". */
function startedBed<T extends object>(name: string, current: () => T | undefined): T {
	return new Proxy({} as T, {
		get: (_target, key) => {
			const bed = current();
			if (!bed) throw new Error(`the ${name} test bed is started in beforeAll`);
			return Reflect.get(bed, key);
		},
	});
}

/** The tFLOW, papilio and D2S test beds, started once for the file and stopped after it. */
export function useReliabilityBeds() {
	let tflow: TflowBed | undefined;
	let papilio: PapilioBed | undefined;
	let d2s: Awaited<ReturnType<typeof startD2s>> | undefined;
	beforeAll(async () => {
		tflow = await startTflowBed();
		papilio = await startPapilioBed();
		d2s = await startD2s();
	});
	afterAll(async () => {
		await tflow?.stop();
		await papilio?.stop();
		await d2s?.stop();
	});
	return {
		tflow: startedBed('tFLOW', () => tflow),
		papilio: startedBed('papilio', () => papilio),
		d2s: startedBed('D2S', () => d2s),
	};
}
