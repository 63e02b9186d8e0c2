/**
 * One screenshot of the editor: starts the sandbox world (tools/n8n/sandbox.ts) on free ports, signs
 * in with Debian's Chromium (playwright-core), opens a workflow, runs it and saves a PNG once every
 * node shows its success mark. Stops everything again. Called by scripts/screenshot.sh.
 *
 *   npx tsx scripts/screenshot.ts --tarball <packed .tgz> [--n8n <version>] [--workflow <id>] [--out <file.png>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { launchChromium, newEditorContext } from '../tools/browser/chromium';
import { Editor } from '../tools/browser/editor';
import { killAll, REPO_ROOT } from '../tools/n8n/instance';
import { startSandbox, type Sandbox } from '../tools/n8n/sandbox';
import { NEWEST_N8N_VERSION } from '../tools/n8n/versions';

function option(name: string, fallback?: string): string {
	const index = process.argv.indexOf(`--${name}`);
	const value = index === -1 ? fallback : process.argv[index + 1];
	if (value === undefined) throw new Error(`--${name} is required`);
	return value;
}

async function main() {
	const version = option('n8n', NEWEST_N8N_VERSION);
	const workflowId = option('workflow', 'exPapilioToTflow');
	const out = path.resolve(REPO_ROOT, option('out', 'docs/images/example-01.png'));
	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-print-workflow-screenshot-'));
	let sandbox: Sandbox | undefined;
	const browser = await launchChromium();
	try {
		sandbox = await startSandbox({ version, tarball: option('tarball'), userFolder, log: (line) => console.log(`[screenshot] ${line}`) });
		const workflow = Object.values(sandbox.examples).find((candidate) => candidate.id === workflowId);
		if (!workflow) throw new Error(`no example workflow has the id ${workflowId}`);
		const editor = new Editor(await (await newEditorContext(browser)).newPage(), sandbox.n8n.baseUrl);
		await editor.signIn();
		await editor.openWorkflow(workflowId);
		await editor.clickExecuteWorkflow();
		await editor.waitForSuccess(Editor.runnableNodes(workflow));
		await editor.zoomToFit();
		await editor.screenshot(out);
		console.log(`[screenshot] wrote ${path.relative(REPO_ROOT, out)}`);
	} finally {
		await browser.close();
		await sandbox?.stop();
		killAll();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`[screenshot] ${error.message}`);
		process.exit(1);
	},
);
