/** Command-line options and the life cycle of a benchmark process. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A command-line option `--name value`, or the fallback. */
export function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 || process.argv[index + 1] === undefined ? fallback : process.argv[index + 1];
}

/** NodeHarness keeps n8n's user folder (and its binary data) in a temporary folder; a benchmark removes it when done. */
function removeHarnessFolder() {
	const folder = process.env.N8N_USER_FOLDER;
	if (folder && path.basename(folder).startsWith('print-workflow-harness-') && path.dirname(folder) === tmpdir()) {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Runs a benchmark's main() and exits: 0 once it printed its table, 1 when it could not run at all. */
export function runMain(main: () => Promise<void>) {
	main()
		.finally(removeHarnessFolder)
		.then(
			() => process.exit(0),
			(error) => {
				console.error(error instanceof Error ? error.stack ?? error.message : error);
				process.exit(1);
			},
		);
}
