/** The end of an e2e suite that started n8n and the emulators in a user folder of its own. */
import { rmSync } from 'node:fs';

import { killAll, type N8nInstance } from '../../../tools/n8n/instance';
import { stopEmulators, type Emulators } from '../../../tools/n8n/world';

/** Stops n8n, every process the harness started and the emulators; keeps the user folder only with E2E_KEEP=1. */
export async function tearDownN8n(n8n: N8nInstance | undefined, emulators: Partial<Emulators> | undefined, userFolder: string) {
	await n8n?.stop();
	killAll();
	await stopEmulators(emulators);
	if (process.env.E2E_KEEP === '1') console.log(`e2e: n8n user folder kept in ${userFolder}`);
	else rmSync(userFolder, { recursive: true, force: true });
}
