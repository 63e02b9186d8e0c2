/** The start and end of an e2e suite: n8n with the packed package and the emulators, in a user folder of its own. */
import { rmSync } from 'node:fs';

import { ensureRuntime, killAll, N8nInstance, packedTarball, type CredentialFixture, type WorkflowFixture } from '../../../tools/n8n/instance';
import { credentialFixtures, startEmulators, stopEmulators, type Emulators } from '../../../tools/n8n/world';

export interface N8nSuite {
	n8n: N8nInstance;
	emulators: Emulators;
	/** Where npm installed the package in the user folder. */
	installedPackage: string;
}

/**
 * n8n `version` in `userFolder` with the packed package installed, the emulators started, their
 * credentials (and `extraCredentials`) imported, then `workflows` (a function when they need the
 * emulators' addresses). n8n is not started: the CLI cases run first.
 */
export async function setUpN8n(
	version: string,
	userFolder: string,
	workflows: WorkflowFixture[] | ((emulators: Emulators) => WorkflowFixture[]),
	extraCredentials: CredentialFixture[] = [],
): Promise<N8nSuite> {
	const runtime = ensureRuntime(version);
	const tarball = packedTarball();
	const emulators = await startEmulators();
	const n8n = await new N8nInstance({ runtime, userFolder, pidFile: process.env.E2E_PID_FILE }).init();
	const installedPackage = n8n.installPackage(tarball);
	await n8n.importCredentials([...credentialFixtures(emulators), ...extraCredentials]);
	await n8n.importWorkflows(typeof workflows === 'function' ? workflows(emulators) : workflows);
	return { n8n, emulators, installedPackage };
}

/** Stops n8n, every process the harness started and the emulators; keeps the user folder only with E2E_KEEP=1. */
export async function tearDownN8n(n8n: N8nInstance | undefined, emulators: Partial<Emulators> | undefined, userFolder: string) {
	await n8n?.stop();
	killAll();
	await stopEmulators(emulators);
	if (process.env.E2E_KEEP === '1') console.log(`e2e: n8n user folder kept in ${userFolder}`);
	else rmSync(userFolder, { recursive: true, force: true });
}
