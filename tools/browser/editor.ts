/**
 * n8n's editor as a user meets it, for the browser suite and scripts/screenshot.ts: sign in, open a
 * workflow, run it, open a node's panel, create a credential. Selectors are n8n's own data-test-id
 * attributes (those its Playwright suite uses), checked on the newest tested n8n.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { DEFAULT_OWNER, type Owner } from '../n8n/instance';

/** The DOM as the in-page checks below use it (the tools' tsconfig has no DOM library). */
interface DomElement {
	getAttribute(name: string): string | null;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
	closest(selector: string): DomElement | null;
	getBoundingClientRect(): { width: number; height: number };
	textContent: string | null;
	innerText: string;
	value: string;
	type: string;
	blur(): void;
}
declare const document: { body: DomElement; activeElement: DomElement | null; querySelectorAll(selector: string): ArrayLike<DomElement> };

/** Canvas nodes that never run (notes). */
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

export class Editor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	/** Signs in through the sign-in form, as a user does. */
	async signIn(owner: Owner = DEFAULT_OWNER) {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.getByLabel('Email').fill(owner.email);
		await this.page.getByLabel('Password').fill(owner.password);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	}

	/** Opens a workflow and waits until its nodes are drawn. */
	async openWorkflow(workflowId: string) {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`);
		await this.page.getByTestId('canvas-node').first().waitFor({ state: 'visible', timeout: 30_000 });
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** Fits the whole workflow into the window. */
	async zoomToFit() {
		await this.page.getByTestId('zoom-to-fit').click();
		await this.settle();
	}

	/** Clicks "Execute workflow" (a trigger that waits for an event then listens for it). */
	async clickExecuteWorkflow() {
		await this.page.getByTestId('execute-workflow-button').click();
	}

	/** Waits until every node of `names` shows the success mark on the canvas. */
	async waitForSuccess(names: string[], timeoutMs = 60_000) {
		for (const name of names) {
			await this.canvasNode(name).getByTestId('canvas-node-status-success').waitFor({ state: 'visible', timeout: timeoutMs });
		}
	}

	/** Names of the canvas nodes that show an error or a warning (issues, failed run). */
	async nodesWithProblems(): Promise<string[]> {
		return this.page.evaluate(() =>
			Array.from(document.querySelectorAll('[data-test-id="canvas-node"]'))
				.filter((node) => node.querySelector('[data-test-id="node-issues"], [data-test-id="canvas-node-status-warning"], [data-test-id="canvas-node-status-error"]'))
				.map((node) => node.getAttribute('data-node-name') ?? '?'),
		);
	}

	/** Opens a node's panel (NDV) by double-clicking it on the canvas. */
	async openNode(name: string): Promise<Locator> {
		await this.canvasNode(name).dblclick();
		const panel = this.page.getByTestId('ndv');
		await panel.waitFor({ state: 'visible' });
		// Dropdowns and locators load their entries after the panel opens.
		await this.page.waitForLoadState('networkidle').catch(() => undefined);
		await this.settle();
		return panel;
	}

	async closeNode() {
		await this.page.getByTestId('ndv-close-button').click();
		await this.page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	/**
	 * What a node's panel shows as a problem: parameter issue marks and their texts, "Error fetching
	 * options", and error callouts. Empty when the panel is clean.
	 */
	async panelProblems(panel: Locator): Promise<string[]> {
		// No named functions inside: tsx (esbuild) would wrap them in a helper the page does not have.
		return panel.evaluate((root: DomElement) => {
			const problems: string[] = [];
			const issues = Array.from(root.querySelectorAll('[data-test-id="parameter-issues"], [data-test-id="node-issues"]')).filter(
				(element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().height > 0,
			);
			for (const issue of issues) {
				const field = issue.closest('[data-test-id^="parameter-input-"], [data-test-id="parameter-item"]');
				problems.push(`issue at ${field?.getAttribute('data-test-id') ?? 'node'}: ${(issue.getAttribute('title') ?? issue.textContent ?? '').trim()}`);
			}
			const text = root.innerText;
			for (const phrase of ['Error fetching options', 'Could not load', 'Issues:', 'Parameter issue']) {
				if (text.includes(phrase)) problems.push(`panel says "${text.slice(text.indexOf(phrase), text.indexOf(phrase) + 160).split('\n').slice(0, 3).join(' ')}"`);
			}
			return problems;
		});
	}

	/** The nodes of a workflow that run (notes left out). */
	static runnableNodes(workflow: { nodes: Array<Record<string, unknown>> }): string[] {
		return workflow.nodes.filter((node) => node.type !== STICKY_NOTE).map((node) => String(node.name));
	}

	/** Everything the page shows as text, dialogs included (for "no secret on screen"). */
	async visibleText(): Promise<string> {
		return this.page.evaluate(() => document.body.innerText);
	}

	/** Values of form fields that show their content (not password fields). */
	async shownFieldValues(): Promise<string[]> {
		return this.page.evaluate(() =>
			Array.from(document.querySelectorAll('input, textarea'))
				.filter((field) => field.type !== 'password' && field.type !== 'hidden')
				.map((field) => field.value)
				.filter((value) => value !== ''),
		);
	}

	/** Lets animations end and the canvas redraw (before a screenshot or a check of what is drawn). */
	async settle(ms = 600) {
		await this.page.waitForTimeout(ms);
	}

	async screenshot(file: string) {
		mkdirSync(path.dirname(file), { recursive: true });
		await this.page.evaluate(() => document.activeElement?.blur());
		await this.page.screenshot({ path: file });
	}

	/** Chooses an option of a dropdown parameter (resource, operation, …) by its shown name. */
	async selectOption(panel: Locator, name: string, optionName: string) {
		const items = this.page.locator('.el-select-dropdown__item:visible');
		for (let attempt = 0; ; attempt++) {
			await panel.getByTestId(`parameter-input-${name}`).click();
			await items.first().waitFor({ state: 'visible' });
			await this.settle(300);
			// An option shows its name on the first line, its description below.
			const index = (await items.allInnerTexts()).findIndex((text) => text.split('\n')[0].trim() === optionName);
			if (index !== -1) {
				await items.nth(index).click();
				await this.settle(300);
				return;
			}
			// Another list was still closing: close what is open and open this one again.
			await this.page.keyboard.press('Escape');
			if (attempt === 2) throw new Error(`${name} offers no option "${optionName}"`);
		}
	}

	/**
	 * Opens a dropdown parameter and returns what it offers once its options have loaded, or the
	 * error it shows instead. Closes it again.
	 */
	async dropdownOptions(panel: Locator, name: string): Promise<{ options: string[]; error?: string }> {
		const first = await this.openDropdown(panel, name);
		// A list the editor had not loaded within the wait (a busy machine) gets one more look; an
		// empty or failing one stays empty.
		return first.options.length > 0 || first.error ? first : await this.openDropdown(panel, name);
	}

	private async openDropdown(panel: Locator, name: string): Promise<{ options: string[]; error?: string }> {
		const field = panel.getByTestId(`parameter-input-${name}`);
		await field.click();
		await this.page.getByTestId('parameter-options-loader').waitFor({ state: 'hidden' }).catch(() => undefined);
		// The loader may not have appeared yet when the click returns: on a busy machine the options
		// arrive later than any fixed pause, so wait for the first one (an empty list waits it out).
		const items = this.page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
		await this.settle(400);
		const options = (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
		const fieldText = await field.innerText();
		await this.page.keyboard.press('Escape');
		const error = /Error fetching options[^\n]*/.exec(fieldText)?.[0];
		return { options, error };
	}

	/**
	 * Opens a resource locator in its "From List" mode and returns the entries it lists (after typing
	 * `search` into its search box, when given). `pick` chooses the first entry before closing.
	 */
	async listEntries(panel: Locator, name: string, options: { search?: string; pick?: boolean; scrollToEnd?: boolean } = {}): Promise<string[]> {
		const locator = panel.getByTestId(`parameter-input-${name}`);
		await locator.getByTestId('rlc-input').click();
		// The open list is drawn outside the panel; one is open at a time.
		const items = this.page.getByTestId('rlc-item').filter({ visible: true });
		if (options.search !== undefined) {
			await this.page.locator('[data-test-id="rlc-search"] input:visible, input[data-test-id="rlc-search"]:visible').first().fill(options.search);
			await this.settle(900);
		}
		await items.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
		if (options.scrollToEnd) {
			// The list asks for its next page when its end scrolls into view.
			const before = await items.count();
			await items.last().scrollIntoViewIfNeeded();
			await this.page
				.waitForFunction((count) => document.querySelectorAll('[data-test-id="rlc-item"]').length > count, before, { timeout: 10_000 })
				.catch(() => undefined);
		}
		const entries = (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
		if (options.pick && entries.length) await items.first().click();
		else await this.page.keyboard.press('Escape');
		await this.settle(300);
		return entries;
	}

	/** Names the nodes panel lists for a search term, on an empty canvas. */
	async searchNodes(term: string): Promise<string[]> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('canvas-plus-button').click();
		const search = this.page.getByTestId('node-creator-search-bar');
		await search.fill(term);
		await this.settle();
		const names = await this.page.getByTestId('node-creator-item-name').allInnerTexts();
		await this.page.keyboard.press('Escape');
		return names.map((name) => name.trim());
	}

	/** Opens the "Add credential" dialog and chooses a credential type by its shown name. */
	async newCredential(typeDisplayName: string): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/home/credentials/create`);
		const search = this.page.getByTestId('new-credential-type-select').locator('input');
		await search.fill(typeDisplayName);
		await this.page.getByTestId('new-credential-type-select-option').filter({ hasText: typeDisplayName }).first().click();
		await this.page.getByTestId('new-credential-type-button').click();
		const modal = this.page.getByTestId('credential-edit-dialog');
		await modal.waitFor({ state: 'visible' });
		return modal;
	}

	/** Fills a credential field (string, password or number) by its parameter name. */
	async fillCredentialField(modal: Locator, name: string, value: string) {
		const input = modal.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
		await input.fill(value);
	}

	/** Turns a boolean credential field on. */
	async switchOn(modal: Locator, name: string) {
		const toggle = modal.getByTestId(`parameter-input-${name}`).locator('.el-switch');
		if ((await toggle.getAttribute('class'))?.includes('is-checked')) return;
		await toggle.click();
	}

	/** Saves the credential; n8n then tests it and shows the outcome (with its details opened) in the dialog. */
	async saveCredential(modal: Locator): Promise<string> {
		await this.page.getByTestId('credential-save-button').click();
		const outcome = modal.getByText(/Connection tested successfully|Couldn.t connect with these settings/);
		await outcome.first().waitFor({ state: 'visible', timeout: 30_000 });
		const details = modal.getByText('More details', { exact: true });
		if (await details.count()) await details.first().click();
		await this.settle(300);
		return (await modal.innerText()).trim();
	}

	async closeDialog(modal: Locator) {
		await this.page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' }).catch(() => undefined);
	}
}
