/**
 * The sandbox world: the three API emulators with their seed data, the model emulator (demo mode,
 * for example 06's AI Agent) and a real n8n with the packed package, the credentials that point at
 * the emulators, the example workflows imported (the tFLOW Trigger example published) and an owner
 * account. `npm run sandbox` starts it for a person
 * (scripts/sandbox.ts), the browser suite (test/browser) for Chromium, scripts/screenshot.ts for a
 * picture.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { ensureRuntime, killAll, N8nInstance, type WorkflowFixture } from './instance';
import { credentialFixtures, loadExamples, placeholders, startEmulators, stopEmulators, withPlaceholders, type Emulators } from './world';

export interface SandboxOptions {
	version: string;
	/** The packed package (scripts/lib/pack.sh). */
	tarball: string;
	/** n8n's user folder (N8N_USER_FOLDER). */
	userFolder: string;
	/** Editor port; a free one when left out. */
	port?: number;
	/** Keep the n8n data of an earlier run in `userFolder` (sign in instead of creating the owner). */
	keep?: boolean;
	/** One line per emulator request. */
	verbose?: boolean;
	/** Where started pids are appended (for cleanup after a crash, see scripts/e2e.sh). */
	pidFile?: string;
	/** Progress lines ("[sandbox] …"); silent when left out. */
	log?: (line: string) => void;
}

export interface Sandbox {
	n8n: N8nInstance;
	emulators: Emulators;
	/** The example workflows by file name without `.json`, as imported (placeholders replaced). */
	examples: Record<string, WorkflowFixture>;
	/** Stops n8n (and every process it started) and the emulators. */
	stop(): Promise<void>;
}

/** Workflows whose trigger should be live as soon as n8n runs (webhooks registered in tFLOW). */
export function isWebhookTriggered(workflow: { nodes: Array<Record<string, unknown>> }) {
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-print-workflow.tflowTrigger');
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
	const log = options.log ?? (() => undefined);
	const runtime = ensureRuntime(options.version);
	const reused = options.keep === true && existsSync(path.join(options.userFolder, '.n8n', 'database.sqlite'));
	let emulators: Emulators | undefined;
	let n8n: N8nInstance | undefined;
	const stop = async () => {
		await n8n?.stop().catch(() => undefined);
		killAll();
		await stopEmulators(emulators);
	};
	try {
		emulators = await startEmulators({ verbose: options.verbose });
		n8n = await new N8nInstance({
			runtime,
			userFolder: options.userFolder,
			fresh: !reused,
			port: options.port,
			pidFile: options.pidFile,
			encryptionKey: 'print-workflow-sandbox-key',
		}).init();
		mkdirSync(options.userFolder, { recursive: true });

		log(`installing ${path.basename(options.tarball)} into ${options.userFolder}/.n8n/nodes`);
		n8n.installPackage(options.tarball);
		log('importing credentials and example workflows (each n8n command takes a few seconds)');
		await n8n.importCredentials(credentialFixtures(emulators));
		const values = placeholders(emulators);
		const examples = Object.fromEntries(Object.entries(loadExamples()).map(([file, workflow]) => [file, withPlaceholders(workflow, values)]));
		if (Object.keys(examples).length) await n8n.importWorkflows(Object.values(examples));
		for (const workflow of Object.values(examples).filter(isWebhookTriggered)) await n8n.publish(workflow.id);

		log(`starting n8n ${options.version}`);
		await n8n.start(180_000);
		if (reused) await n8n.login();
		else await n8n.setupOwner();
		return { n8n, emulators, examples, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
