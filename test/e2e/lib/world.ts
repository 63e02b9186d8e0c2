/**
 * The e2e world: the API emulators started in this process (so tests can read what they received),
 * the credentials that point n8n at them, and the workflow fixtures and examples to import.
 * The sandbox builds the same world for a person instead of a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createTflowEmulator, type TflowEmulator } from '../../emulators/tflow';
import type { CredentialFixture, WorkflowFixture } from './n8n';
import { REPO_ROOT } from './n8n';

/** Credential ids and names the fixtures and the examples refer to. */
export const CREDENTIALS = {
	tflow: { id: 'tflowCredential1', name: 'tFLOW account', type: 'tflowApi' },
	papilio: { id: 'papilioCredent01', name: 'brix:papilio account', type: 'papilioApi' },
	d2s: { id: 'd2sCredential001', name: 'D2S Workflow account', type: 'd2sWorkflowApi' },
} as const;

export interface Emulators {
	tflow: TflowEmulator;
}

export interface EmulatorOptions {
	/** Print one line per request (the sandbox). */
	verbose?: boolean;
	host?: string;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
	const tflow = createTflowEmulator({ verbose: options.verbose });
	await tflow.start(0, options.host ?? '127.0.0.1');
	return { tflow };
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
	return [
		{
			...CREDENTIALS.tflow,
			data: {
				instanceUrl: emulators.tflow.url,
				clientId: emulators.tflow.clientId,
				clientSecret: emulators.tflow.clientSecret,
				allowUnauthorizedCerts: false,
				accessToken: '',
			},
		},
	];
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
