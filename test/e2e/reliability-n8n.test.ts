/**
 * Reliability in a real n8n (version from E2E_N8N_VERSION), logging at debug level:
 * - garbage delivered to the tFLOW Trigger's production webhook (empty, invalid JSON, text, binary,
 *   XML, multipart, huge) is answered with a 4xx, starts no execution, and n8n keeps serving: a
 *   genuine event afterwards starts its execution;
 * - error paths of all three action nodes, with answers that echo the secrets back, leave no client
 *   secret, password, access or refresh token or D2S secret in anything n8n printed or logged;
 * - with On Error = "Continue (using error output)" each action node sends a failed item to its
 *   error output and the others to its success output.
 * Emulators and credentials use recognisable secrets of their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';

import { createD2sEmulator } from '../../tools/emulators/d2s';
import { createImageServer } from '../../tools/emulators/images';
import { createModelEmulator } from '../../tools/emulators/model';
import { createPapilioEmulator } from '../../tools/emulators/papilio';
import { createTflowEmulator } from '../../tools/emulators/tflow';
import { ensureRuntime, killAll, N8nInstance, nodeOutput, packedTarball, sleep, type WorkflowFixture } from '../../tools/n8n/instance';
import { CREDENTIALS, credentialFixtures, loadFixtures, stopEmulators, type Emulators } from '../../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../../tools/n8n/versions';
import { DEMO_BASES } from '../../tools/emulators/d2s';

const version = process.env.E2E_N8N_VERSION ?? NEWEST_N8N_VERSION;
const PACKAGE = 'n8n-nodes-print-workflow';

const SECRETS = {
	tflow: 'e2eTflowSecret-RELIABILITY-41f0',
	papilioClient: 'e2ePapilioSecret-RELIABILITY-9a2',
	papilioPassword: 'e2ePapilioPassword-RELIABILITY-77c',
	d2s: 'e2eD2sSecret-RELIABILITY-3be',
};

const trigger = loadFixtures()['tflow-trigger'];
const triggerNode = trigger.nodes.find((node) => node.type === `${PACKAGE}.tflowTrigger`)!;

/** Manual Trigger → tFLOW job get → papilio order get → D2S put-order, each going on after an error. */
const ERRORS_WORKFLOW: WorkflowFixture = {
	id: 'e2eReliability01',
	name: 'e2e: reliability, error paths of every action node',
	nodes: [
		{ id: 'r-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'r-2',
			name: 'tFLOW',
			type: `${PACKAGE}.tflow`,
			typeVersion: 1,
			position: [200, 0],
			onError: 'continueRegularOutput',
			parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '1' } },
			credentials: { tflowApi: { id: CREDENTIALS.tflow.id, name: CREDENTIALS.tflow.name } },
		},
		{
			id: 'r-3',
			name: 'papilio',
			type: `${PACKAGE}.papilio`,
			typeVersion: 1,
			position: [400, 0],
			onError: 'continueRegularOutput',
			parameters: { authentication: 'papilioApi', resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: '51038' }, options: {} },
			credentials: { papilioApi: { id: CREDENTIALS.papilio.id, name: CREDENTIALS.papilio.name } },
		},
		{
			id: 'r-4',
			name: 'D2S',
			type: `${PACKAGE}.d2sWorkflow`,
			typeVersion: 1,
			position: [600, 0],
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'order',
				operation: 'put',
				orderReference: 'R-1',
				email: 'customer@example.com',
				confirm: true,
				unitsInputMode: 'json',
				unitsJson: JSON.stringify([{ base: '5e52e550-5964-41c8-a612-4e9df7372401', payload: [{ slot: 'Slot 1', image: 'IMAGE_URL' }] }]),
				options: {},
			},
			credentials: { d2sWorkflowApi: { id: CREDENTIALS.d2s.id, name: CREDENTIALS.d2s.name } },
		},
	],
	connections: {
		Start: { main: [[{ node: 'tFLOW', type: 'main', index: 0 }]] },
		tFLOW: { main: [[{ node: 'papilio', type: 'main', index: 0 }]] },
		papilio: { main: [[{ node: 'D2S', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

/**
 * Manual Trigger → two rows → tFLOW job get, papilio order get and D2S put-order, each with On Error
 * = "Continue (using error output)" and each output wired to a NoOp. The second row names a job
 * and an order that do not exist and a base unit the lab refuses.
 */
const ERROR_OUTPUT_ROWS = [
	{ job: 1, order: 51038, base: DEMO_BASES[0].id, ref: 'EO-0' },
	{ job: 999, order: 99999, base: '00000000-0000-4000-8000-000000000000', ref: 'EO-1' },
];
const ERROR_OUTPUT_NODES = ['tFLOW', 'papilio', 'D2S'] as const;
const noOp = (name: string, index: number) => ({
	id: `eo-noop-${index}`,
	name,
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [600, index * 100],
	parameters: {},
});
const ERROR_OUTPUT_WORKFLOW: WorkflowFixture = {
	id: 'e2eReliability02',
	name: 'e2e: reliability, the error output of every action node',
	nodes: [
		{ id: 'eo-1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'eo-2',
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [100, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows: ERROR_OUTPUT_ROWS }), options: {} },
		},
		{
			id: 'eo-3',
			name: 'Two Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'rows', include: 'noOtherFields', options: {} },
		},
		{
			...ERRORS_WORKFLOW.nodes[1],
			id: 'eo-4',
			position: [400, 0],
			onError: 'continueErrorOutput',
			parameters: { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.job }}' } },
		},
		{
			...ERRORS_WORKFLOW.nodes[2],
			id: 'eo-5',
			position: [400, 200],
			onError: 'continueErrorOutput',
			parameters: { authentication: 'papilioApi', resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.order }}' }, options: {} },
		},
		{
			...ERRORS_WORKFLOW.nodes[3],
			id: 'eo-6',
			position: [400, 400],
			onError: 'continueErrorOutput',
			parameters: {
				...(ERRORS_WORKFLOW.nodes[3].parameters as Record<string, unknown>),
				orderReference: '={{ $json.ref }}',
				unitsJson: `={{ JSON.stringify([{ base: $json.base, payload: [{ slot: 'Slot 1', image: 'IMAGE_URL' }] }]) }}`,
			},
		},
		...ERROR_OUTPUT_NODES.flatMap((name, index) => [noOp(`${name} ok`, index * 2), noOp(`${name} failed`, index * 2 + 1)]),
	],
	connections: {
		Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
		Rows: { main: [[{ node: 'Two Items', type: 'main', index: 0 }]] },
		'Two Items': { main: [ERROR_OUTPUT_NODES.map((name) => ({ node: name, type: 'main', index: 0 }))] },
		...Object.fromEntries(
			ERROR_OUTPUT_NODES.map((name) => [
				name,
				{ main: [[{ node: `${name} ok`, type: 'main', index: 0 }], [{ node: `${name} failed`, type: 'main', index: 0 }]] },
			]),
		),
	},
	settings: { executionOrder: 'v1' },
};

let n8n: N8nInstance;
let emulators: Emulators;
const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-e2e-reliability-${version}-`));

beforeAll(async () => {
	const runtime = ensureRuntime(version);
	const tarball = packedTarball();
	emulators = {
		tflow: createTflowEmulator({ clientSecret: SECRETS.tflow }),
		tflowDocumented: createTflowEmulator({ clientSecret: SECRETS.tflow, profile: 'documented' }),
		papilio: createPapilioEmulator({ clientSecret: SECRETS.papilioClient, password: SECRETS.papilioPassword }),
		d2s: createD2sEmulator({ secret: SECRETS.d2s }),
		images: createImageServer(),
		model: createModelEmulator(),
	};
	await Promise.all(Object.values(emulators).map((emulator) => emulator.start(0, '127.0.0.1')));
	n8n = await new N8nInstance({ runtime, userFolder, pidFile: process.env.E2E_PID_FILE, env: { N8N_LOG_LEVEL: 'debug' } }).init();
	n8n.installPackage(tarball);
	await n8n.importCredentials(credentialFixtures(emulators));
	const errors = JSON.parse(JSON.stringify(ERRORS_WORKFLOW).replace('IMAGE_URL', emulators.images.imageUrl('a.jpg'))) as WorkflowFixture;
	const errorOutput = JSON.parse(JSON.stringify(ERROR_OUTPUT_WORKFLOW).replace('IMAGE_URL', emulators.images.imageUrl('a.jpg'))) as WorkflowFixture;
	await n8n.importWorkflows([trigger, errors, errorOutput]);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	killAll();
	await stopEmulators(emulators);
	rmSync(userFolder, { recursive: true, force: true });
});

/**
 * The run `n8n execute --rawOutput` printed. With console logging at debug level n8n prints it
 * through its logger: coloured, the first line after the log prefix, the last followed by metadata.
 */
function runLoggedBy(stdout: string): IRun | undefined {
	// eslint-disable-next-line no-control-regex
	const lines = stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
	const start = lines.findIndex((line) => /\sinfo\s+\{$/.test(line));
	const end = lines.findIndex((line, index) => index > start && line.startsWith('}'));
	if (start === -1 || end === -1) return undefined;
	return JSON.parse(['{', ...lines.slice(start + 1, end), '}'].join('\n')) as IRun;
}

/** The secrets of the credentials and the tokens n8n stored (read with the CLI, before `n8n start`). */
let knownSecrets: string[] = [];

/** Each credential's secrets, tokens included: a system can only echo (and a node only hide) its own. */
async function credentialSecrets() {
	const tflow = await n8n.exportCredential(CREDENTIALS.tflow.id);
	const papilio = await n8n.exportCredential(CREDENTIALS.papilio.id);
	const bySystem = {
		tflow: [SECRETS.tflow, String(tflow.accessToken)],
		papilio: [SECRETS.papilioClient, SECRETS.papilioPassword, String(papilio.accessToken), String(papilio.refreshToken)],
		d2s: [SECRETS.d2s],
	};
	for (const value of Object.values(bySystem).flat()) expect(value.length).toBeGreaterThan(10);
	return bySystem;
}

/** Access tokens the emulators have seen in requests (tFLOW: Bearer header, papilio: access_token). */
function tokensSeen(): string[] {
	const bearer = emulators.tflow.server.requests().map((entry) => String(entry.headers.authorization ?? '').replace(/^Bearer /, ''));
	const query = emulators.papilio.server.requests().map((entry) => String(entry.query.access_token ?? ''));
	return [...new Set([...bearer, ...query])].filter((token) => token.length > 10);
}

describe(`n8n ${version}: secrets in the debug log and the output of failing nodes`, () => {
	test('answers that echo every secret back: the nodes fail, and no secret is printed or logged', async () => {
		// A first run fetches and stores the tokens, so the echoes below can contain them.
		const first = await n8n.execute(ERRORS_WORKFLOW.id);
		expect(runLoggedBy(first.stdout)).toBeDefined();
		const secrets = await credentialSecrets();
		knownSecrets = Object.values(secrets).flat();
		const echo = (values: string[]) => ({ error: 'internal_server_error', message: `echo: ${values.join(' | ')}`, error_description: `echo: ${values.join(' | ')}` });
		emulators.tflow.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/1$', status: 500, times: 10, body: echo(secrets.tflow) });
		emulators.papilio.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/order/51038$', status: 500, times: 10, body: echo(secrets.papilio) });
		emulators.d2s.server.addFault({ kind: 'status', method: 'POST', status: 500, times: 10, body: echo(secrets.d2s) });

		const result = await n8n.execute(ERRORS_WORKFLOW.id);

		const run = runLoggedBy(result.stdout);
		expect(run).toBeDefined();
		for (const node of ['tFLOW', 'papilio', 'D2S']) {
			const [item] = nodeOutput(run!, node);
			expect(item.error).toEqual(expect.any(String));
		}
		// The echoes really went out, and n8n really logged at debug level.
		expect(emulators.tflow.server.requests('GET', '/api/v2/job/1').some((entry) => entry.status === 500)).toBe(true);
		expect(emulators.papilio.server.requests('GET', '/api/v1/order/51038').some((entry) => entry.status === 500)).toBe(true);
		const printed = `${first.stdout}\n${first.stderr}\n${result.stdout}\n${result.stderr}`;
		expect(printed).toMatch(/debug/i);
		for (const secret of knownSecrets) expect(printed).not.toContain(secret);
	});
});

describe(`n8n ${version}: On Error = "Continue (using error output)"`, () => {
	/** The items of one output of a node's first run. */
	const outputOf = (run: IRun, node: string, index: number) => run.data.resultData.runData[node]?.[0]?.data?.main?.[index] ?? [];

	test('tFLOW, papilio and D2S: the failed item reaches the error output (index 1), the other the success output', async () => {
		// The faults the secrets test left (it used only some of each) would fail the wrong items.
		for (const emulator of [emulators.tflow, emulators.papilio, emulators.d2s]) emulator.server.faults.length = 0;
		const d2sOrdersBefore = emulators.d2s.state.orders.length;
		const result = await n8n.execute(ERROR_OUTPUT_WORKFLOW.id);

		const run = runLoggedBy(result.stdout);
		expect(run).toBeDefined();
		for (const node of ERROR_OUTPUT_NODES) {
			const success = outputOf(run!, node, 0);
			const failed = outputOf(run!, node, 1);
			expect([node, success.map((item) => item.pairedItem)]).toEqual([node, [{ item: 0 }]]);
			expect([node, failed.map((item) => item.pairedItem)]).toEqual([node, [{ item: 1 }]]);
			// n8n shows an error-output item as { error: message }; the error it keeps has the rest.
			expect([node, Object.keys(failed[0].json)]).toEqual([node, ['error']]);
			expect(failed[0].error).toMatchObject({ message: failed[0].json.error, description: expect.any(String) });
			// Each output's items went on to the node wired to it.
			expect(nodeOutput(run!, `${node} ok`)).toHaveLength(1);
			expect(nodeOutput(run!, `${node} failed`)).toEqual([{ error: failed[0].json.error }]);
		}
		expect(outputOf(run!, 'tFLOW', 0)[0].json.id).toBe(1);
		expect(Number(outputOf(run!, 'papilio', 0)[0].json.id)).toBe(51038);
		expect(outputOf(run!, 'tFLOW', 1)[0].json.error).toMatch(/Job 999/);
		expect(outputOf(run!, 'papilio', 1)[0].json.error).toMatch(/99999/);
		// The lab created the first order only; the refused order's error names it and warns against a rerun.
		const created = emulators.d2s.state.orders.slice(d2sOrdersBefore);
		expect(created.map((order) => order.reference)).toEqual(['EO-0']);
		const d2sError = outputOf(run!, 'D2S', 1)[0].error as unknown as { description: string; context: { details: { alreadyDone: unknown } } };
		expect(d2sError.description).toContain(`created order ${created[0].orderNum} (reference "EO-0") (item 0). Do not run the whole input again`);
		expect(d2sError.context.details.alreadyDone).toEqual([{ item: 0, done: `created order ${created[0].orderNum} (reference "EO-0")` }]);
	});
});

describe(`n8n ${version}: garbage delivered to the tFLOW Trigger (n8n start)`, () => {
	const webhookUrl = () => `${n8n.baseUrl}/webhook/${triggerNode.webhookId}/webhook`;
	let secret = '';

	beforeAll(async () => {
		await n8n.publish(trigger.id);
		await n8n.start();
		await n8n.setupOwner();
		const registered = [...emulators.tflow.state.webhooks.values()].find((webhook) => webhook.url.startsWith(webhookUrl()) && webhook.name === 'job.approve');
		secret = new URL(String(registered?.url)).searchParams.get('secret') ?? '';
		expect(secret.length).toBeGreaterThanOrEqual(16);
	}, 300_000);

	const huge = `event_name=job.approve&job_id=7&notes=${'x'.repeat(3 * 1024 * 1024)}`;
	const GARBAGE: Array<[name: string, contentType: string | undefined, body: string | Buffer]> = [
		['an empty body', undefined, ''],
		['an empty form', 'application/x-www-form-urlencoded', ''],
		['invalid JSON', 'application/json', '{"event_name": "job.approve", '],
		['a JSON array', 'application/json', '[1, 2, 3]'],
		['plain-text garbage', 'text/plain', '¿¿ 💥 <<>> garbage'],
		['binary garbage', 'application/octet-stream', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256))],
		['XML', 'application/xml', '<a><b>1</b></a>'],
		['multipart garbage', 'multipart/form-data; boundary=xyz', '--xyz\r\nnot a part\r\n--xyz--\r\n'],
		['form fields that are not tFLOW fields', 'application/x-www-form-urlencoded', 'hello=world'],
		['a huge form body', 'application/x-www-form-urlencoded', huge],
	];

	test('each is answered with a 4xx, starts no execution, and n8n keeps serving genuine events', async () => {
		const statuses: Record<string, number> = {};
		for (const [name, contentType, body] of GARBAGE) {
			const response = await fetch(`${webhookUrl()}?secret=${secret}`, {
				method: 'POST',
				headers: contentType ? { 'content-type': contentType } : {},
				body,
			});
			await response.arrayBuffer();
			statuses[name] = response.status;
		}
		for (const [name, status] of Object.entries(statuses)) {
			expect([name, status >= 400 && status < 500]).toEqual([name, true]);
		}
		await sleep(1500);
		expect(n8n.running).toBe(true);
		expect(await n8n.executions(trigger.id)).toHaveLength(0);

		const deliveries = await emulators.tflow.fire('job.approve', { job_id: 2 });
		expect(deliveries).toMatchObject([{ ok: true, status: 200 }]);
		const [execution] = await n8n.waitForExecutions(trigger.id, 1);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
	});

	test('the server log at debug level holds no client secret, password or token', () => {
		const secrets = [...knownSecrets, ...tokensSeen()];
		expect(secrets.length).toBeGreaterThan(Object.keys(SECRETS).length);
		expect(n8n.serverLog).toMatch(/debug/i);
		for (const value of secrets) expect(n8n.serverLog).not.toContain(value);
	});
});
