/**
 * The browser suite: n8n's editor in Debian's Chromium (playwright-core), as a user clicks it, on the
 * newest tested n8n with the packed package and the emulators (scripts/browser.sh runs it). One n8n
 * serves every part, in order: sign in, credentials, then each example run from the canvas with its
 * node panels opened. Screenshots land in IMAGES_DIR (see world.ts).
 */
import { credentialCases, type CredentialCase } from './credentials';
import { singleNodeWorkflow, walkedNodes, type WalkedNode } from './pickers';
import { currentWorld, imagePath, startWorld, stopWorld } from './world';
import { Editor } from '../../tools/browser/editor';
import { loadExamples } from '../../tools/n8n/world';

const PACKAGE_NODE = /^n8n-nodes-print-workflow\./;

/** Node panels the screenshot page shows, each once: every node of the package (all panels are checked). */
const SHOWN_PANELS = new Set(['Printable Orders', 'Create tFLOW Order', 'Job Approved', 'Put Lab Order', 'Release to Production', 'New Printable Order']);

beforeAll(async () => {
	await startWorld();
}, 600_000);

afterAll(async () => {
	await stopWorld();
}, 60_000);

describe('n8n editor in Chromium', () => {
	test('signs in through the sign-in form and lists the example workflows', async () => {
		const { editor, examples, page } = currentWorld();
		await editor.signIn();
		await page.goto(`${editor.baseUrl}/home/workflows`);
		for (const workflow of Object.values(examples)) {
			await page.getByText(workflow.name, { exact: true }).first().waitFor({ state: 'visible' });
		}
	});
});

describe('credentials created in the UI: saving tests them', () => {
	test.each(credentialCases())('$title: a right secret connects', async (credential: CredentialCase) => {
		const world = currentWorld();
		const { editor } = world;
		const fields = credential.fields(world);
		const modal = await editor.newCredential(credential.displayName);
		await credential.fill(editor, modal, fields);
		const shown = await editor.saveCredential(modal);
		expect(shown).toContain('Connection tested successfully');
		expect(shown).not.toMatch(/Couldn.t connect/);
		await expectNoSecretOnScreen(editor, credential.secrets(fields));
		await editor.screenshot(imagePath(`credential-${credential.type}`));
		await editor.closeDialog(modal);
	});

	test.each(credentialCases())('$title: a wrong secret shows the API\'s own message', async (credential: CredentialCase) => {
		const world = currentWorld();
		const { editor } = world;
		const fields = { ...credential.fields(world), [credential.secretField]: 'wrong-secret-5Zq8x' };
		const modal = await editor.newCredential(credential.displayName);
		await credential.fill(editor, modal, fields);
		const shown = await editor.saveCredential(modal);
		expect(shown).toMatch(/Couldn.t connect with these settings/);
		expect(shown).toContain(credential.apiMessage);
		await expectNoSecretOnScreen(editor, credential.secrets(fields));
		await editor.closeDialog(modal);
	});
});

describe('every example runs green from the canvas, and no node panel shows an error', () => {
	// File names are known before the world starts: test.each needs them while jest collects.
	test.each(Object.keys(loadExamples()))('%s', async (file: string) => {
		const world = currentWorld();
		const { editor, n8n, emulators } = world;
		const workflow = world.examples[file];
		const nodes = Editor.runnableNodes(workflow);
		const manualBefore = (await n8n.executions(workflow.id)).filter((execution) => execution.mode === 'manual').length;

		await editor.openWorkflow(workflow.id);
		await editor.clickExecuteWorkflow();
		if (workflow.nodes.some((node) => node.type === 'n8n-nodes-print-workflow.tflowTrigger')) {
			// The trigger listens: tFLOW gets a webhook for n8n's test URL, then an approval arrives.
			await waitFor(() => [...emulators.tflow.state.webhooks.values()].some((webhook) => webhook.url.includes('/webhook-test/')), 'the test webhook registration in tFLOW');
			const deliveries = await emulators.tflow.fire('job.approve', { job_id: 3 });
			expect(deliveries.some((delivery) => delivery.url.includes('/webhook-test/'))).toBe(true);
		}
		await editor.waitForSuccess(nodes);
		expect(await editor.nodesWithProblems()).toEqual([]);

		const manual = (await n8n.waitForExecutions(workflow.id, 1)).filter((execution) => execution.mode === 'manual');
		expect(manual.length).toBe(manualBefore + 1);
		expect(manual[0].status).toBe('success');
		await editor.zoomToFit();
		await editor.screenshot(imagePath(`example-${file.slice(0, 2)}`));

		const problems: Record<string, string[]> = {};
		for (const node of workflow.nodes.filter((candidate) => PACKAGE_NODE.test(String(candidate.type)))) {
			const name = String(node.name);
			const panel = await editor.openNode(name);
			const found = await editor.panelProblems(panel);
			if (found.length) problems[name] = found;
			if (SHOWN_PANELS.delete(name)) await editor.screenshot(imagePath(`panel-${file.slice(0, 2)}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`));
			await editor.closeNode();
		}
		expect(problems).toEqual({});
	});
});

describe('brix:papilio OAuth2: n8n\'s connect flow through the emulator', () => {
	test('Connect my account consents at /oauth/authorize, a node runs with the token and again after it expired', async () => {
		const world = currentWorld();
		const { editor, emulators, n8n, page } = world;
		const { papilio } = emulators;
		papilio.server.clearLog();
		const before = { ...papilio.tokenRequests };
		const fields = { serverUrl: papilio.url, clientId: papilio.config.clientId, clientSecret: papilio.config.clientSecret };

		const modal = await editor.newCredential('Brix:Papilio OAuth2 API');
		for (const [name, value] of Object.entries(fields)) await editor.fillCredentialField(modal, name, value);
		await editor.switchOn(modal, 'allowInsecureHttp');
		const popup = page.waitForEvent('popup');
		// n8n 2.41 labels it "Connect" (older lines: "Connect my account").
		await modal.getByRole('button', { name: /^Connect( my account)?$/ }).click();
		await (await popup).waitForEvent('close', { timeout: 30_000 });
		await modal.getByText('Account connected').first().waitFor({ state: 'visible' });
		await expectNoSecretOnScreen(editor, [fields.clientSecret]);
		await editor.screenshot(imagePath('credential-papilioOAuth2Api'));
		await editor.closeDialog(modal);

		// The popup went to the emulator's consent page, which sent n8n a code that n8n exchanged.
		const authorize = papilio.server.requests('GET', '/oauth/authorize');
		expect(authorize).toHaveLength(1);
		expect(authorize[0].query).toMatchObject({ client_id: fields.clientId, response_type: 'code' });
		expect(papilio.tokenRequests.access).toBe(before.access + 1);

		const credentials = await n8n.rest<Array<{ id: string; name: string; type: string }>>('GET', '/rest/credentials');
		const credential = credentials.filter((candidate) => candidate.type === 'papilioOAuth2Api').pop();
		expect(credential).toBeDefined();
		const workflow = await n8n.rest<{ id: string }>('POST', '/rest/workflows', papilioOAuth2Workflow(credential!));

		await editor.openWorkflow(workflow.id);
		await editor.clickExecuteWorkflow();
		await editor.waitForSuccess(['Start', 'Printable Orders']);
		expect(papilio.server.requests('GET', /^\/api\/v1\//).length).toBeGreaterThan(0);

		// An hour later, as far as papilio knows: the node renews the token without a new consent.
		papilio.expireAccessTokens();
		const refreshesBefore = papilio.tokenRequests.refresh;
		await editor.clickExecuteWorkflow();
		const runs = await n8n.waitForExecutions(workflow.id, 2);
		expect(runs.slice(0, 2).map((run) => run.status)).toEqual(['success', 'success']);
		expect(papilio.tokenRequests.refresh).toBe(refreshesBefore + 1);
		expect(papilio.server.requests('GET', '/oauth/authorize')).toHaveLength(1);
		expect(papilio.tokenRequests.access).toBe(before.access + 1);
	});
});

/** Manual Trigger → papilio's printable orders, signed with the OAuth2 credential. */
function papilioOAuth2Workflow(credential: { id: string; name: string }) {
	return {
		name: 'brix:papilio OAuth2 check',
		nodes: [
			{ id: 'b0a1c2d3-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b0a1c2d3-0000-4000-8000-000000000002',
				name: 'Printable Orders',
				type: 'n8n-nodes-print-workflow.papilio',
				typeVersion: 1,
				position: [220, 0],
				parameters: { authentication: 'papilioOAuth2Api', resource: 'task', operation: 'getPrintable', returnAll: true },
				credentials: { papilioOAuth2Api: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Printable Orders', type: 'main', index: 0 }]] } },
		settings: {},
	};
}

describe('the nodes panel finds the package\'s nodes', () => {
	// n8n lists a trigger under its action node's entry (tFLOW holds tFLOW Trigger).
	test.each([
		['tFLOW', ['tFLOW']],
		['papilio', ['brix:papilio']],
		['D2S', ['D2S Workflow']],
		['print', ['tFLOW', 'brix:papilio', 'D2S Workflow']],
	])('searching "%s" lists %j', async (term: string, expected: string[]) => {
		const { editor } = currentWorld();
		const found = await editor.searchNodes(term);
		expect(found).toEqual(expect.arrayContaining(expected));
	});
});

describe('every resource and operation: dropdowns and list pickers show entries from the emulators', () => {
	test.each(walkedNodes().map((node) => [node.displayName, node] as const))('%s', async (_name: string, node: WalkedNode) => {
		const { editor, n8n } = currentWorld();
		const workflow = await n8n.rest<{ id: string }>('POST', '/rest/workflows', singleNodeWorkflow(node));
		await editor.openWorkflow(workflow.id);
		const panel = await editor.openNode(node.displayName);
		const failures: string[] = [];
		const searched = new Set<string>();
		for (const walk of node.walks) {
			await editor.selectOption(panel, 'resource', walk.resource.name);
			await editor.selectOption(panel, 'operation', walk.operation.name);
			for (const picker of walk.pickers) {
				const where = `${walk.resource.name} → ${walk.operation.name} → ${picker.name}`;
				if (picker.kind === 'dropdown') {
					const { options, error } = await editor.dropdownOptions(panel, picker.name);
					if (error || options.length === 0) failures.push(`${where}: ${error ?? 'no options'}`);
					continue;
				}
				if (!searched.has(picker.name)) {
					// A search term narrows the list to the entries that contain it.
					searched.add(picker.name);
					const all = await editor.listEntries(panel, picker.name);
					const term = all[0]?.split(/\s+/)[0] ?? '';
					const found = term ? await editor.listEntries(panel, picker.name, { search: term }) : [];
					if (!found.length || found.some((entry) => !entry.toLowerCase().includes(term.toLowerCase()))) {
						failures.push(`${where}: searching "${term}" listed ${JSON.stringify(found)}`);
					}
				}
				// Choosing an entry lets the dropdowns that depend on it (transitions of a job) load.
				const entries = await editor.listEntries(panel, picker.name, { pick: true });
				if (entries.length === 0) failures.push(`${where}: empty list`);
			}
		}
		expect(failures).toEqual([]);
		await editor.closeNode();
	});
});

describe('a list picker with more entries than one page', () => {
	// Last in the suite: the extra jobs would otherwise be the newest entries of every job list.
	test('the tFLOW job picker lists 100 jobs, and the next ones once its end is scrolled into view', async () => {
		const { editor, emulators, n8n } = currentWorld();
		const { tflow } = emulators;
		const seeded = [...tflow.state.jobs.values()][0];
		tflow.state.addJobCopies(seeded.id, 130, 10);
		const tflowNode = walkedNodes().find((node) => node.type.endsWith('.tflow'))!;
		const workflow = singleNodeWorkflow(tflowNode);
		workflow.nodes[0].parameters = { resource: 'job', operation: 'get' };
		const created = await n8n.rest<{ id: string }>('POST', '/rest/workflows', workflow);
		await editor.openWorkflow(created.id);
		const panel = await editor.openNode(tflowNode.displayName);
		const firstPage = await editor.listEntries(panel, 'jobId');
		expect(firstPage).toHaveLength(100);
		const scrolled = await editor.listEntries(panel, 'jobId', { scrollToEnd: true });
		expect(scrolled.length).toBe(Math.min(tflow.state.jobs.size, 200));
		await editor.closeNode();
	});
});

async function expectNoSecretOnScreen(editor: Editor, secrets: string[]) {
	const text = await editor.visibleText();
	const values = await editor.shownFieldValues();
	for (const secret of secrets) {
		expect(text).not.toContain(secret);
		expect(values).not.toContain(secret);
	}
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
