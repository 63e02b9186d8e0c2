/**
 * The e2e world: the API emulators started in this process (so tests can read what they received),
 * the credentials that point n8n at them, and the workflow fixtures and examples to import.
 * The sandbox builds the same world for a person instead of a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createD2sEmulator } from '../emulators/d2s';
import { createImageServer, type ImageServer } from '../emulators/images';
import { createModelEmulator, type ModelEmulator } from '../emulators/model';
import { createPapilioEmulator, type PapilioEmulator } from '../emulators/papilio';
import { createTflowEmulator, type TflowEmulator } from '../emulators/tflow';
import type { CredentialFixture, WorkflowFixture } from './instance';
import { REPO_ROOT } from './instance';

/** Credential ids and names the fixtures and the examples refer to. */
export const CREDENTIALS = {
	tflow: { id: 'tflowCredential1', name: 'tFLOW account', type: 'tflowApi' },
	/** A second tFLOW instance that behaves by the strictest reading of the documents (the emulator's `documented` profile). */
	tflowDocumented: { id: 'tflowCredentDoc1', name: 'tFLOW account (documented profile)', type: 'tflowApi' },
	papilio: { id: 'papilioCredent01', name: 'brix:papilio account', type: 'papilioApi' },
	/** A second papilio server with the emulator's `documented` profile. */
	papilioDocumented: { id: 'papilioCredDoc01', name: 'brix:papilio account (documented profile)', type: 'papilioApi' },
	d2s: { id: 'd2sCredential001', name: 'D2S Workflow account', type: 'd2sWorkflowApi' },
	/** A second D2S lab with the emulator's `documented` profile. */
	d2sDocumented: { id: 'd2sCredentDoc001', name: 'D2S Workflow account (documented profile)', type: 'd2sWorkflowApi' },
	/** n8n's own OpenAI credential, its Base URL pointed at the model emulator. */
	openAi: { id: 'openAiEmulator01', name: 'OpenAI account (model emulator)', type: 'openAiApi' },
} as const;

export type D2sEmulator = ReturnType<typeof createD2sEmulator>;

export interface Emulators {
	tflow: TflowEmulator;
	/** The same API with the `documented` profile: webhooks without ids, required job fields, ignored list filters. */
	tflowDocumented: TflowEmulator;
	papilio: PapilioEmulator;
	/** papilio with the `documented` profile: the expand arguments only where the document names them. Optional: suites that build their own world may leave it out. */
	papilioDocumented?: PapilioEmulator;
	d2s: D2sEmulator;
	/** D2S with the `documented` profile: put-order is the only op. Optional like papilioDocumented. */
	d2sDocumented?: D2sEmulator;
	/** Serves the images the D2S lab downloads. */
	images: ImageServer;
	/** The scripted OpenAI-compatible chat model (demo mode unless a test sets a script). */
	model: ModelEmulator;
}

export interface EmulatorOptions {
	/** Print one line per request (the sandbox). */
	verbose?: boolean;
	host?: string;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
	const host = options.host ?? '127.0.0.1';
	const tflow = createTflowEmulator({ verbose: options.verbose });
	const tflowDocumented = createTflowEmulator({ verbose: options.verbose, profile: 'documented' });
	const papilio = createPapilioEmulator({ verbose: options.verbose });
	const papilioDocumented = createPapilioEmulator({ verbose: options.verbose, profile: 'documented' });
	const d2s = createD2sEmulator({ verbose: options.verbose });
	const d2sDocumented = createD2sEmulator({ verbose: options.verbose, profile: 'documented' });
	const images = createImageServer({ verbose: options.verbose });
	const model = createModelEmulator({ verbose: options.verbose });
	const all = { tflow, tflowDocumented, papilio, papilioDocumented, d2s, d2sDocumented, images, model };
	await Promise.all(Object.values(all).map((emulator) => emulator.start(0, host)));
	const emulators: Emulators = all;
	addOrdersDeliveredThisMonth(emulators);
	return emulators;
}

/** Orders delivered this month, so the monthly summary example has something to count. */
export const ORDERS_DELIVERED_THIS_MONTH = [
	{ id: 51101, title: 'Flyer Weinfest', template: 34, lang: 'de', pages: 2 },
	{ id: 51102, title: 'Inserat Weinfest', template: 34, lang: 'de', pages: 1 },
	{ id: 51103, title: 'Affiche Fête du vin', template: 40, lang: 'fr', pages: 4 },
];

export function addOrdersDeliveredThisMonth(emulators: Pick<Emulators, 'papilio'>) {
	const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
	for (const order of ORDERS_DELIVERED_THIS_MONTH) {
		// released (32) + delivered (256)
		emulators.papilio.addOrder({ ...order, status: 288, created: now, modified: now, released: now, delivered: now, delivery: 1 });
	}
}

export async function stopEmulators(emulators: Partial<Emulators> | undefined) {
	if (!emulators) return;
	await Promise.allSettled(Object.values(emulators).map((emulator) => emulator?.stop()));
}

/**
 * Credentials as n8n imports them (plain data, encrypted on import). The hidden expirable token
 * fields are empty, so n8n runs preAuthentication on first use, as for a credential a user created.
 */
export function credentialFixtures(emulators: Emulators): CredentialFixture[] {
	const papilioData = (papilio: PapilioEmulator) => ({
		serverUrl: papilio.url,
		clientId: papilio.config.clientId,
		clientSecret: papilio.config.clientSecret,
		username: papilio.state.users[0].username,
		password: papilio.state.users[0].password,
		// The emulator speaks plain HTTP, like papilio's "nossl" mode.
		allowInsecureHttp: true,
		accessToken: '',
		refreshToken: '',
		tokenOwner: '',
	});
	const d2sData = (d2s: D2sEmulator) => ({ baseUrl: `${d2s.url}/api/v1`, labId: d2s.labId, secret: d2s.secret });
	const documented: CredentialFixture[] = [
		...(emulators.papilioDocumented ? [{ ...CREDENTIALS.papilioDocumented, data: papilioData(emulators.papilioDocumented) }] : []),
		...(emulators.d2sDocumented ? [{ ...CREDENTIALS.d2sDocumented, data: d2sData(emulators.d2sDocumented) }] : []),
	];
	return [
		{
			...CREDENTIALS.tflow,
			data: {
				instanceUrl: emulators.tflow.url,
				clientId: emulators.tflow.clientId,
				clientSecret: emulators.tflow.clientSecret,
				ignoreSslIssues: false,
				accessToken: '',
			},
		},
		{
			...CREDENTIALS.tflowDocumented,
			data: {
				instanceUrl: emulators.tflowDocumented.url,
				clientId: emulators.tflowDocumented.clientId,
				clientSecret: emulators.tflowDocumented.clientSecret,
				ignoreSslIssues: false,
				accessToken: '',
			},
		},
		{ ...CREDENTIALS.papilio, data: papilioData(emulators.papilio) },
		{ ...CREDENTIALS.d2s, data: d2sData(emulators.d2s) },
		...documented,
		{
			...CREDENTIALS.openAi,
			data: { apiKey: emulators.model.apiKey, url: emulators.model.baseUrl, header: false },
		},
	];
}

/** Where the example workflows expect print images to be served (a public web server in production). */
export const EXAMPLE_IMAGE_BASE_URL = 'https://images.example.com/print';

/** Values of the workflow files that this installation replaces: images come from the image server. */
export function placeholders(emulators: Emulators): Record<string, string> {
	return { [EXAMPLE_IMAGE_BASE_URL]: `${emulators.images.url}/images` };
}

export function withPlaceholders(workflow: WorkflowFixture, values: Record<string, string>): WorkflowFixture {
	let text = JSON.stringify(workflow);
	for (const [placeholder, value] of Object.entries(values)) text = text.split(placeholder).join(value);
	return JSON.parse(text) as WorkflowFixture;
}

/** The seeded papilio user with every permission, whom the credential logs in as. */
export function papilioApiUser(emulators: Emulators) {
	return emulators.papilio.state.users[0];
}

function readWorkflow(file: string): WorkflowFixture {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowFixture;
	if (!workflow.id) throw new Error(`${file} has no fixed "id"`);
	return workflow;
}

export const FIXTURES_DIR = path.join(REPO_ROOT, 'test/e2e/fixtures');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Workflow fixtures by file name without `.workflow.json`. */
export function loadFixtures(): Record<string, WorkflowFixture> {
	const fixtures: Record<string, WorkflowFixture> = {};
	for (const file of readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.workflow.json')).sort()) {
		fixtures[file.replace(/\.workflow\.json$/, '')] = readWorkflow(path.join(FIXTURES_DIR, file));
	}
	return fixtures;
}

/** The example workflows (examples/*.json) by file name without `.json`. */
export function loadExamples(): Record<string, WorkflowFixture> {
	const examples: Record<string, WorkflowFixture> = {};
	let files: string[] = [];
	try {
		files = readdirSync(EXAMPLES_DIR).filter((name) => name.endsWith('.json')).sort();
	} catch {
		return examples;
	}
	for (const file of files) examples[file.replace(/\.json$/, '')] = readWorkflow(path.join(EXAMPLES_DIR, file));
	return examples;
}
