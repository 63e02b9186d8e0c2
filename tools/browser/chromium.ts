/**
 * Chromium from Debian's `chromium` package, driven by playwright-core (no browser download).
 * scripts/browser.sh installs the package when it is missing; CHROMIUM_PATH points elsewhere.
 */
import { existsSync } from 'node:fs';

import { chromium, selectors, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The window the editor is shown in: also the size of every screenshot. */
export const VIEWPORT = { width: 1440, height: 860 };

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run "apt-get install -y chromium" as root (scripts/browser.sh does when it runs as root), or set CHROMIUM_PATH`);
	}
	// n8n marks its elements with data-test-id (Playwright's getByTestId reads data-testid by default).
	selectors.setTestIdAttribute('data-test-id');
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		// Chromium refuses its sandbox as root (CI containers); /dev/shm is small in containers.
		args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', '--disable-gpu', '--hide-scrollbars'],
	});
}

export async function newEditorContext(browser: Browser): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
	context.setDefaultTimeout(20_000);
	return context;
}
