/**
 * One world for the whole browser suite: the sandbox (emulators, the newest tested n8n with the
 * packed package, credentials, the examples, an owner) and one Chromium page signed in to the editor.
 * Starting n8n takes half a minute, so every part of the suite shares it (see editor.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium, newEditorContext } from '../../tools/browser/chromium';
import { Editor } from '../../tools/browser/editor';
import { packedTarball, REPO_ROOT } from '../../tools/n8n/instance';
import { startSandbox, type Sandbox } from '../../tools/n8n/sandbox';
import { NEWEST_N8N_VERSION } from '../../tools/n8n/versions';

export interface BrowserWorld extends Sandbox {
	browser: Browser;
	page: Page;
	editor: Editor;
	version: string;
}

/**
 * Where screenshots go: .tmp/browser/images on every run; BROWSER_IMAGES=docs refreshes the ones
 * the README shows (scripts/screenshot.sh).
 */
export const IMAGES_DIR = process.env.BROWSER_IMAGES === 'docs' ? path.join(REPO_ROOT, 'docs/images') : path.join(REPO_ROOT, '.tmp/browser/images');

export function imagePath(name: string) {
	return path.join(IMAGES_DIR, `${name}.png`);
}

let world: BrowserWorld | undefined;
let userFolder = '';

export async function startWorld(): Promise<BrowserWorld> {
	const version = process.env.E2E_N8N_VERSION ?? NEWEST_N8N_VERSION;
	// Outside the repository, so jest's module map does not see the installed package.
	userFolder = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-browser-${version}-`));
	const sandbox = await startSandbox({
		version,
		tarball: packedTarball(),
		userFolder,
		pidFile: process.env.E2E_PID_FILE,
		log: (line) => process.stdout.write(`[browser] ${line}\n`),
	});
	try {
		const browser = await launchChromium();
		const page = await (await newEditorContext(browser)).newPage();
		world = { ...sandbox, browser, page, editor: new Editor(page, sandbox.n8n.baseUrl), version };
		return world;
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

export async function stopWorld() {
	await world?.browser.close().catch(() => undefined);
	await world?.stop();
	world = undefined;
	if (process.env.E2E_KEEP === '1') console.log(`browser: n8n user folder kept in ${userFolder}`);
	else if (userFolder) rmSync(userFolder, { recursive: true, force: true });
}

export function currentWorld(): BrowserWorld {
	if (!world) throw new Error('the browser world did not start (see the first failure)');
	return world;
}
