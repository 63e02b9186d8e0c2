/**
 * The end of an e2e suite: n8n and everything it started stopped, the emulators stopped, the user
 * folder removed (kept with E2E_KEEP=1, its path printed).
 */
import { rmSync } from 'node:fs';

import { killAll, type N8nInstance } from '../../../tools/n8n/instance';
import { stopEmulators, type Emulators } from '../../../tools/n8n/world';

export async function tearDownSuite(n8n: N8nInstance | undefined, emulators: Emulators | undefined, userFolder: string) {
	await n8n?.stop();
	killAll();
	await stopEmulators(emulators);
	if (process.env.E2E_KEEP === '1') console.log(`e2e: n8n user folder kept in ${userFolder}`);
	else rmSync(userFolder, { recursive: true, force: true });
}
