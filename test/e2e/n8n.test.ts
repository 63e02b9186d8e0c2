/**
 * The packed package in a real n8n (version from E2E_N8N_VERSION, run by scripts/e2e.sh once per
 * runtime). One user folder serves every case: the CLI cases run first (`n8n execute`, each a new
 * process), then `n8n start` for the triggers. Emulators run in this process, so each case asserts
 * on what the APIs received as well as on the run data n8n produced.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { orderPdf } from '../../tools/emulators/papilio';
import { AGENT_EXAMPLE, AGENT_EXAMPLE_LOOKUPS, agentExampleProblems, agentExampleQuestions, clearAgentExampleLogs } from '../../tools/n8n/agent-example';
import { ARTWORK_EXAMPLE, artworkExampleProblems, artworkExampleSettings, clearArtworkExampleLogs } from '../../tools/n8n/artwork-example';
import { N8nInstance, nodeOutput, REPO_ROOT, sleep } from '../../tools/n8n/instance';
import type { CredentialFixture, WorkflowFixture } from '../../tools/n8n/instance';
import {
	CREDENTIALS,
	credentialFixtures,
	loadExamples,
	addOrdersDeliveredThisMonth,
	loadFixtures,
	ORDERS_DELIVERED_THIS_MONTH,
	papilioApiUser,
	placeholders,
	withPlaceholders,
	type Emulators,
} from '../../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../../tools/n8n/versions';
import { setUpN8n, tearDownN8n } from './lib/suite';

const version = process.env.E2E_N8N_VERSION ?? NEWEST_N8N_VERSION;
const PACKAGE = 'n8n-nodes-print-workflow';
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
	n8n: { credentials: string[]; nodes: string[] };
};

const fixtures = loadFixtures();
const examples = loadExamples();

let n8n: N8nInstance;
let emulators: Emulators;
let installedPackage = '';
/** The token n8n fetched on the first tFLOW run (and stored in the credential). */
let firstToken = '';

function bearerOf(entry: { headers: Record<string, unknown> }) {
	return String(entry.headers.authorization ?? '').replace(/^Bearer /, '');
}

// A folder of its own (several suites may run at once), outside the repository so jest's module
// map does not see the installed package. Kept after the run with E2E_KEEP=1.
const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-e2e-${version}-`));

beforeAll(async () => {
	({ n8n, emulators, installedPackage } = await setUpN8n(version, userFolder, (started) => {
		const values = placeholders(started);
		return [...Object.values(fixtures), ...Object.values(examples)].map((workflow) => withPlaceholders(workflow, values));
	}));
}, 600_000);

afterAll(() => tearDownN8n(n8n, emulators, userFolder), 60_000);

describe(`n8n ${version}: the package as a community package`, () => {
	test('npm installed it into .n8n/nodes with every file of its n8n block and no dependencies', () => {
		expect(path.basename(installedPackage)).toBe(PACKAGE);
		for (const entry of [...manifest.n8n.credentials, ...manifest.n8n.nodes]) {
			expect(existsSync(path.join(installedPackage, entry))).toBe(true);
		}
		// --omit=peer: no second n8n-workflow beside n8n's own.
		expect(existsSync(path.join(installedPackage, 'node_modules'))).toBe(false);
		expect(existsSync(path.join(path.dirname(installedPackage), 'n8n-workflow'))).toBe(false);
	});
});

describe(`n8n ${version}: tFLOW with n8n execute`, () => {
	test('creates a job in an order, copies a revision into it as artwork and reads the job back', async () => {
		const { tflow } = emulators;
		tflow.server.clearLog();
		const jobsBefore = tflow.state.jobs.size;

		const run = await n8n.executeOk(fixtures['tflow-actions'].id);

		// The first use of the credential fetched a token (its accessToken was empty).
		const tokenCalls = tflow.server.requests('POST', '/oauth/access_token');
		expect(tokenCalls).toHaveLength(1);
		expect(tokenCalls[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: tflow.clientId, client_secret: tflow.clientSecret });

		const created = tflow.server.requests('POST', '/api/v2/job/create');
		expect(created).toHaveLength(1);
		expect(Number(created[0].body.order_id)).toBe(1);
		expect(created[0].body).toMatchObject({ name: 'E2E flyer A5', props: { quantity: '250' } });
		const token = bearerOf(created[0]);
		expect(token).not.toBe('');
		firstToken = token;

		const job = nodeOutput(run, 'Create Job')[0];
		expect(tflow.state.jobs.size).toBe(jobsBefore + 1);
		expect(tflow.state.jobs.get(job.id)?.name).toBe('E2E flyer A5');

		const download = tflow.server.requests('GET', '/api/v2/revision/1/originalFile');
		expect(download).toHaveLength(1);
		const seeded = tflow.state.revisions.get(1)!;
		expect(nodeOutput(run, 'Download Artwork')[0]).toMatchObject({ revision_id: 1, file_name: seeded.file_name });

		// The artwork went up as a multipart file, byte for byte, through the upload transition.
		const uploads = tflow.server.requests('POST', `/api/v2/job/${job.id}/executeTransition`);
		expect(uploads).toHaveLength(1);
		expect(uploads[0].files).toHaveLength(1);
		expect(uploads[0].files[0]).toMatchObject({ field: 'artwork', size: seeded.file_size, sha256: seeded.sha256 });
		expect(JSON.parse(String(uploads[0].body._json))).toMatchObject({ transition_name: 'upload_first_revision' });

		// Every API call used the one token; the job passed preflight into review.
		for (const entry of tflow.server.requests(undefined, /^\/api\/v2\//)) expect(bearerOf(entry)).toBe(token);
		expect(nodeOutput(run, 'Get Job')[0]).toMatchObject({ id: job.id, current_state_name: 'to_review' });
		expect(tflow.state.jobs.get(job.id)?.current_state_name).toBe('to_review');
	});

	test('a second process reuses the stored token; after tFLOW expires it, the next run fetches and stores a new one', async () => {
		const { tflow } = emulators;
		const workflowId = fixtures['tflow-token'].id;
		const storedBefore = firstToken;
		expect(storedBefore).not.toBe('');

		tflow.server.clearLog();
		const reused = await n8n.executeOk(workflowId);
		expect(tflow.server.requests('POST', '/oauth/access_token')).toHaveLength(0);
		const reads = tflow.server.requests('GET', '/api/v2/job/2');
		expect(reads).toHaveLength(1);
		expect(bearerOf(reads[0])).toBe(storedBefore);
		expect(nodeOutput(reused, 'Get Job')[0]).toMatchObject({ id: 2 });

		tflow.expireTokens();
		tflow.server.clearLog();
		const refreshed = await n8n.executeOk(workflowId);
		const calls = tflow.server.requests().map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(calls).toEqual(['GET /api/v2/job/2 401', 'POST /oauth/access_token 200', 'GET /api/v2/job/2 200']);
		const fresh = bearerOf(tflow.server.requests('GET', '/api/v2/job/2')[1]);
		expect(fresh).not.toBe(storedBefore);
		expect(nodeOutput(refreshed, 'Get Job')[0]).toMatchObject({ id: 2 });
		expect((await n8n.exportCredential(CREDENTIALS.tflow.id)).accessToken).toBe(fresh);

		// And the next process starts with the refreshed token.
		tflow.server.clearLog();
		await n8n.executeOk(workflowId);
		expect(tflow.server.requests('POST', '/oauth/access_token')).toHaveLength(0);
		expect(bearerOf(tflow.server.requests('GET', '/api/v2/job/2')[0])).toBe(fresh);
	});
});

describe(`n8n ${version}: brix:papilio with n8n execute`, () => {
	test('lists printable orders, downloads each PDF and marks the orders delivered, with the token as a parameter', async () => {
		const { papilio } = emulators;
		papilio.server.clearLog();
		const printable = papilio.state.orders.filter((order) => order.status & 128 && order.delivery === 2 && !order.deleted);
		expect(printable.length).toBeGreaterThan(0);

		const run = await n8n.executeOk(fixtures['papilio-printable'].id);

		// User Credentials grant with HTTP Basic client authentication, once.
		const logins = papilio.server.requests('POST', '/oauth/token/user');
		expect(logins).toHaveLength(1);
		const basic = Buffer.from(String(logins[0].headers.authorization).replace(/^Basic /, ''), 'base64').toString();
		expect(basic).toBe(`${papilio.config.clientId}:${papilio.config.clientSecret}`);
		expect(logins[0].body).toMatchObject({ username: papilioApiUser(emulators).username });

		// Every API call carried access_token as a parameter, never as a header.
		const apiCalls = papilio.server.requests(undefined, /^\/api\/v1\//) as Array<{ tokenIn?: string; path: string; method: string }>;
		expect(apiCalls.length).toBe(1 + printable.length * 2);
		for (const call of apiCalls) expect(['query', 'body']).toContain(call.tokenIn);

		const downloaded = nodeOutput(run, 'Download PDF');
		expect(downloaded.map((item) => String(item.id))).toEqual(printable.map((order) => String(order.id)));
		for (const [index, order] of printable.entries()) {
			const binary = run.data.resultData.runData['Download PDF'][0].data!.main[0]![index].binary!.data;
			// n8n 2.x also records `bytes`; 1.x does not, so the stored bytes themselves are compared.
			expect(binary).toMatchObject({ fileName: `order_${order.id}.pdf` });
			expect(n8n.readBinary(binary).equals(orderPdf(order))).toBe(true);
		}

		const updates = papilio.server.requests('POST', /^\/api\/v1\/order\/\d+$/);
		expect(updates.map((call) => call.path)).toEqual(printable.map((order) => `/api/v1/order/${order.id}`));
		for (const update of updates) expect(update.body).toMatchObject({ set_flag: '256', unset_flag: '128' });
		for (const order of printable) {
			const stored = papilio.state.orders.find((candidate) => candidate.id === order.id)!;
			expect(stored.status & 256).toBe(256);
			expect(stored.status & 128).toBe(0);
		}
		expect(nodeOutput(run, 'Mark Delivered').map((item) => item.success)).toEqual(printable.map(() => true));
		// The item tells the file's size in bytes also in n8n's filesystem binary mode.
		expect(downloaded.map((item) => item.fileSize)).toEqual(printable.map((order) => orderPdf(order).length));
	});
});

describe(`n8n ${version}: D2S Workflow with n8n execute`, () => {
	test('puts an order whose images the lab downloads, with the secret only in the request body', async () => {
		const { d2s, images } = emulators;
		d2s.server.clearLog();
		images.reset();
		const ordersBefore = d2s.state.orders.length;

		const run = await n8n.executeOk(fixtures['d2s-put-order'].id);

		const calls = d2s.server.requests('POST', `/api/v1/${d2s.labId}`);
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toEqual({
			op: 'put-order',
			type: 'models-by-widget',
			secret: d2s.secret,
			order: 'E2E-MUG-1',
			user: { email: 'ben@acmebakery.example' },
			'confirm?': true,
			units: [
				{
					base: '5e52e550-5964-41c8-a612-4e9df7372401',
					payload: [
						{ slot: 'Slot 1', image: `${images.url}/images/e2e-front.jpg` },
						{ slot: 'Slot 2', image: `${images.url}/images/e2e-back.png` },
					],
				},
			],
		});
		expect(JSON.stringify(calls[0].headers)).not.toContain(d2s.secret);
		expect(calls[0].query).toEqual({});

		expect(d2s.state.orders).toHaveLength(ordersBefore + 1);
		const order = d2s.state.orders[d2s.state.orders.length - 1];
		expect(order.images.map((image) => image.ok)).toEqual([true, true]);
		expect(images.state.served.map((served) => served.path).sort()).toEqual(['/images/e2e-back.png', '/images/e2e-front.jpg']);

		expect(nodeOutput(run, 'Put Order')).toEqual([expect.objectContaining({ orderNum: order.orderNum, orderReference: 'E2E-MUG-1' })]);
		expect(JSON.stringify(run)).not.toContain(d2s.secret);
	});
});

/** Manual Trigger → Check Instance in each node, once per credential (tFLOW, papilio and D2S each in both emulator profiles). */
const CHECK_INSTANCE_NODES = [
	{ name: 'tFLOW kind', type: 'tflow', resource: 'api', credential: CREDENTIALS.tflow },
	{ name: 'tFLOW documented', type: 'tflow', resource: 'api', credential: CREDENTIALS.tflowDocumented },
	{ name: 'papilio kind', type: 'papilio', resource: 'instance', credential: CREDENTIALS.papilio },
	{ name: 'papilio documented', type: 'papilio', resource: 'instance', credential: CREDENTIALS.papilioDocumented },
	{ name: 'D2S kind', type: 'd2sWorkflow', resource: 'order', credential: CREDENTIALS.d2s },
	{ name: 'D2S documented', type: 'd2sWorkflow', resource: 'order', credential: CREDENTIALS.d2sDocumented },
] as const;

const CHECK_INSTANCE_WORKFLOW: WorkflowFixture = {
	id: 'e2eCheckInstanc1',
	name: 'e2e: Check Instance in every node',
	nodes: [
		{ id: 'c1e2e000-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...CHECK_INSTANCE_NODES.map((node, index) => ({
			id: `c1e2e000-0000-4000-8000-00000000000${index + 1}`,
			name: node.name,
			type: `${PACKAGE}.${node.type}`,
			typeVersion: node.type === 'd2sWorkflow' ? 1 : 1.1,
			position: [260, index * 160] as [number, number],
			parameters: { resource: node.resource, operation: 'checkInstance' },
			credentials: { [node.credential.type]: { id: node.credential.id, name: node.credential.name } },
		})),
	],
	connections: { Start: { main: [CHECK_INSTANCE_NODES.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
	settings: { executionOrder: 'v1' },
} as unknown as WorkflowFixture;

describe(`n8n ${version}: Check Instance with n8n execute`, () => {
	test('every node outputs its rows for each profile, and the emulators received only reads (no order placed at either lab)', async () => {
		const { tflow, tflowDocumented, papilio, d2s } = emulators;
		const papilioDocumented = emulators.papilioDocumented!;
		const d2sDocumented = emulators.d2sDocumented!;
		await n8n.importWorkflows([CHECK_INSTANCE_WORKFLOW]);
		// One subscription each, so that the webhook list has a shape to read; removed after the run,
		// so that the trigger cases' events are not delivered to it.
		const subscriptions = [tflow, tflowDocumented].map((instance) => {
			const id = instance.state.nextId('webhook');
			instance.state.webhooks.set(id, { id, name: 'job.approve', url: 'https://hooks.example.com/e2e-check?s=1', security_key: 'e2e-check-key', failed_attempts: 0 });
			return () => instance.state.webhooks.delete(id);
		});
		// And a printable order each (earlier cases deliver the seeded ones), so that expand on task lists
		// has an order to look at; removed after the run, before the papilio trigger cases poll.
		const printable = [papilio, papilioDocumented].map((instance) => {
			const order = instance.addOrder({ title: 'e2e Check Instance', status: 160, delivery: 2 });
			return () => instance.state.orders.splice(instance.state.orders.indexOf(order), 1);
		});
		const servers = [tflow, tflowDocumented, papilio, papilioDocumented, d2s, d2sDocumented].map((emulator) => emulator.server);
		for (const server of servers) server.clearLog();
		const ordersBefore = [d2s.state.orders.length, d2sDocumented.state.orders.length];

		let run: Awaited<ReturnType<typeof n8n.executeOk>>;
		try {
			run = await n8n.executeOk(CHECK_INSTANCE_WORKFLOW.id);
		} finally {
			for (const remove of [...subscriptions, ...printable]) remove();
		}
		const rows = (name: string) => Object.fromEntries(nodeOutput(run, name).map((item) => [item.check as string, item]));

		for (const name of ['tFLOW kind', 'tFLOW documented']) {
			const tflowRows = rows(name);
			expect(Object.keys(tflowRows)).toEqual([
				'API version', 'token', 'permission list', 'webhook list', 'property definitions: order', 'property definitions: job',
				'property definitions: client', 'property definitions: user', 'allowed transitions', 'order list filter',
			]);
			expect(tflowRows['API version']).toMatchObject({ ok: true, seen: '0.2.6280 (trunk)' });
			expect(tflowRows.token.ok).toBe(true);
			expect(tflowRows['allowed transitions'].ok).toBe(true);
			expect(tflowRows['property definitions: job'].seen).toMatch(/^\d+ definitions \(/);
		}
		expect(rows('tFLOW kind')['webhook list'].seen).toMatch(/ with ids; entries carry failed_attempts, id, name/);
		expect(rows('tFLOW kind')['order list filter']).toMatchObject({ ok: true });
		expect(rows('tFLOW documented')['webhook list'].seen).toMatch(/ without ids; entries carry failed_attempts, name, security_key, url$/);
		expect(rows('tFLOW documented')['order list filter']).toMatchObject({ ok: false });
		expect(rows('tFLOW documented')['order list filter'].seen).toMatch(/\(filter ignored\)$/);

		for (const name of ['papilio kind', 'papilio documented']) {
			const papilioRows = rows(name);
			expect(papilioRows.login).toMatchObject({ ok: true, seen: 'an access token (expires_in 3600) and a refresh token' });
			expect(papilioRows['token refresh'].ok).toBe(true);
			expect(papilioRows['token accepted'].ok).toBe(true);
			expect(papilioRows['order search'].ok).toBe(true);
		}
		expect(rows('papilio kind')['expand on task lists']).toMatchObject({ ok: true });
		expect(rows('papilio documented')['expand on task lists']).toMatchObject({ ok: false });
		expect(rows('papilio documented')['expand on task lists'].seen).toMatch(/\(not expanded\)$/);

		for (const name of ['D2S kind', 'D2S documented']) {
			const labRows = rows(name);
			expect(Object.keys(labRows)).toEqual(['lab', 'secret', 'error answers', 'order placement']);
			expect(labRows.lab.ok).toBe(true);
			expect(labRows.secret.ok).toBe(true);
			expect(labRows['error answers'].ok).toBe(true);
			expect(labRows['order placement'].ok).toBeNull();
		}

		// Only reads: GETs, and the token requests (tFLOW's, papilio's login and refresh); D2S's one invalid put-order each.
		for (const server of servers.slice(0, 4)) {
			for (const entry of server.requests()) {
				const read = entry.method === 'GET' || (entry.method === 'POST' && /^\/oauth\/(access_token|token\/(user|refresh))$/.test(entry.path));
				expect(`${entry.method} ${entry.path}: ${read ? 'read' : 'WRITE'}`).toBe(`${entry.method} ${entry.path}: read`);
			}
		}
		for (const lab of [d2s, d2sDocumented]) {
			expect(lab.putOrderRequests().map((entry) => entry.body)).toEqual([{ op: 'put-order', type: 'models-by-widget', units: [], secret: lab.secret }]);
		}
		expect([d2s.state.orders.length, d2sDocumented.state.orders.length]).toEqual(ordersBefore);
		const printed = JSON.stringify(run);
		for (const secret of [d2s.secret, d2sDocumented.secret, tflow.clientSecret, papilioApiUser(emulators).password, 'e2e-check-key', 'hooks.example.com']) {
			expect(printed).not.toContain(secret);
		}
	});
});

describe(`n8n ${version}: Custom API Call with n8n execute`, () => {
	test('each node reaches an endpoint it does not wrap with its credential: tFLOW\'s Bearer token, papilio\'s token parameter, D2S\'s secret in the body', async () => {
		const { tflow, papilio, d2s, images } = emulators;
		for (const server of [tflow.server, papilio.server, d2s.server]) server.clearLog();
		images.reset();
		const ordersBefore = d2s.state.orders.length;

		const run = await n8n.executeOk(fixtures['custom-api-call'].id);

		const [initialInfo, ...moreTflow] = tflow.server.requests(undefined, /^\/api\/v2\//);
		expect(moreTflow).toHaveLength(0);
		expect(initialInfo).toMatchObject({ method: 'GET', path: '/api/v2/client/getInitialInfo', query: { client_id: '101' } });
		expect(bearerOf(initialInfo)).not.toBe('');
		const queues = nodeOutput(run, 'tFLOW Call')[0].allowedTflows as unknown[];
		expect(queues.length).toBeGreaterThan(0);

		const remark = papilio.server.requests('POST', '/api/v1/order/remark/51038') as Array<{ tokenIn?: string; body: Record<string, unknown>; headers: Record<string, unknown> }>;
		expect(remark).toHaveLength(1);
		expect(remark[0].tokenIn).toBe('query');
		expect(remark[0].headers.authorization).toBeUndefined();
		expect(remark[0].body).toEqual({ remark: `tFLOW queues: ${queues.length}` });
		expect(papilio.state.orders.find((order) => order.id === 51038)!.remark).toBe(`tFLOW queues: ${queues.length}`);
		expect(nodeOutput(run, 'papilio Call')).toEqual([{ success: 'true', id: '51038', remark: `tFLOW queues: ${queues.length}` }]);

		const lab = d2s.server.requests('POST', `/api/v1/${d2s.labId}`);
		expect(lab).toHaveLength(1);
		expect(lab[0].body).toMatchObject({ op: 'put-order', order: 'E2E-CUSTOM-1', secret: d2s.secret });
		expect(lab[0].body.units).toEqual([{ base: '5e52e550-5964-41c8-a612-4e9df7372401', payload: [{ slot: 'Slot 1', image: `${images.url}/images/e2e-custom.jpg` }] }]);
		expect(JSON.stringify(lab[0].headers)).not.toContain(d2s.secret);
		expect(d2s.state.orders).toHaveLength(ordersBefore + 1);
		expect(nodeOutput(run, 'D2S Call')).toEqual([expect.objectContaining({ 'order-num': d2s.state.orders[ordersBefore].orderNum })]);
		expect(JSON.stringify(run)).not.toContain(d2s.secret);
	});
});

describe(`n8n ${version}: the example workflows with n8n execute`, () => {
	beforeAll(() => {
		// Undo the earlier cases' changes to papilio, so the examples see the seed data.
		emulators.papilio.reset();
		addOrdersDeliveredThisMonth(emulators);
	});

	test('01 creates a tFLOW order and job per printable papilio order, with the order PDF as artwork', async () => {
		const { papilio, tflow } = emulators;
		const printable = papilio.state.orders.filter((order) => order.status & 128 && order.delivery === 2 && !order.deleted);
		expect(printable.length).toBeGreaterThan(0);
		const ordersBefore = new Set(tflow.state.orders.keys());

		const run = await n8n.executeOk(examples['01-papilio-printable-orders-to-tflow'].id);

		const created = [...tflow.state.orders.values()].filter((order) => !ordersBefore.has(order.id));
		expect(created.map((order) => order.external_id)).toEqual(printable.map((order) => String(order.id)));
		for (const [index, order] of created.entries()) {
			const source = printable[index];
			expect(order).toMatchObject({ client_id: 101, description: source.title, planned_number_of_jobs: 1 });
			const jobs = tflow.state.jobsOfOrder(order.id);
			expect(jobs).toHaveLength(1);
			expect(jobs[0]).toMatchObject({ name: source.title, current_state_name: 'to_review' });
			const revisions = tflow.state.revisionsOfJob(jobs[0].id);
			expect(revisions).toHaveLength(1);
			expect(revisions[0].sha256).toBe(createHash('sha256').update(orderPdf(source)).digest('hex'));
		}
		expect(nodeOutput(run, 'Upload Artwork')).toHaveLength(printable.length);
	});

	test('03 releases every approved tFLOW job into the production queue and writes a CSV report', async () => {
		const { tflow } = emulators;
		const approved = [...tflow.state.jobs.values()].filter((job) => job.current_state_name === 'approved');
		expect(approved.length).toBeGreaterThan(0);
		tflow.server.clearLog();

		const run = await n8n.executeOk(examples['03-tflow-release-approved-jobs'].id);

		const releases = tflow.server.requests('POST', /^\/api\/v2\/job\/\d+\/executeTransition$/);
		expect(releases.map((call) => call.path)).toEqual(approved.map((job) => `/api/v2/job/${job.id}/executeTransition`));
		for (const call of releases) expect(call.body).toMatchObject({ transition_name: 'release', tflow_id: '808:1', comment: 'Released by n8n' });
		for (const job of approved) expect(tflow.state.jobs.get(job.id)?.current_state_name).toBe('released');

		expect(nodeOutput(run, 'Report Line')).toEqual(approved.map((job) => expect.objectContaining({ job: job.name, result: 'released' })));
		const reportItem = run.data.resultData.runData['Release Report'][0].data!.main[0]![0];
		expect(reportItem.binary!.data).toMatchObject({ fileName: 'release-report.csv' });
		const csv = n8n.readBinary(reportItem.binary!.data).toString('utf8');
		expect(csv.split('\n')[0]).toContain('job');
		for (const job of approved) expect(csv).toContain(job.name);
	});

	test('04 counts the papilio orders delivered this month per template and language', async () => {
		const { papilio } = emulators;
		papilio.server.clearLog();

		const run = await n8n.executeOk(examples['04-papilio-monthly-summary'].id);

		const searches = papilio.server.requests('GET', '/api/v1/orders/search/and');
		expect(searches).toHaveLength(1);
		const lastDayOfPreviousMonth = new Date();
		lastDayOfPreviousMonth.setDate(0);
		expect(searches[0].query).toMatchObject({ status: '288', delivered_after: localDay(lastDayOfPreviousMonth) });

		// Derived from the emulator's own orders, so the seeded ones that fall in this month count on any day:
		// released and delivered (288), delivered after the last day of the previous month, listable.
		const deliveredAfter = localDay(lastDayOfPreviousMonth);
		const deliveredThisMonth = papilio.state.orders.filter(
			(order) =>
				!order.deleted &&
				order.example_of === undefined &&
				(order.status & 288) === 288 &&
				(order.delivered?.slice(0, 10) ?? '') > deliveredAfter,
		);
		expect(deliveredThisMonth.map((order) => order.id)).toEqual(
			expect.arrayContaining(ORDERS_DELIVERED_THIS_MONTH.map((order) => order.id)),
		);
		const expected = new Map<string, { count: number; pages: number }>();
		for (const order of deliveredThisMonth) {
			const key = `${order.template}/${order.lang}`;
			const entry = expected.get(key) ?? { count: 0, pages: 0 };
			expected.set(key, { count: entry.count + 1, pages: entry.pages + order.pages });
		}
		const summary = nodeOutput(run, 'Summary').map((row): [string, { count: number; pages: number }] => [
			`${row.template}/${row.language}`,
			{ count: row.count_order, pages: row.sum_pages },
		]);
		expect(new Map(summary)).toEqual(expected);
		const csvItem = run.data.resultData.runData['Summary CSV'][0].data!.main[0]![0];
		expect(n8n.readBinary(csvItem.binary!.data).toString('utf8')).toContain('count_order');
	});

	test('06: the AI Agent answers a job and an order question through the tFLOW and papilio tools (model emulator, demo mode)', async () => {
		const example = examples[AGENT_EXAMPLE];
		expect(agentExampleQuestions(example)).toEqual([
			expect.stringContaining(`job ${AGENT_EXAMPLE_LOOKUPS.job.id}`),
			expect.stringContaining(`order ${AGENT_EXAMPLE_LOOKUPS.order.id}`),
		]);
		clearAgentExampleLogs(emulators);

		const run = await n8n.executeOk(example.id);

		expect(agentExampleProblems(run, emulators)).toEqual([]);
	});

	test('07 creates a tFLOW job with its artwork in one request and downloads the proof of its latest revision', async () => {
		const example = examples[ARTWORK_EXAMPLE];
		const { orderId, jobName } = artworkExampleSettings(example);
		const jobsBefore = new Set(emulators.tflow.state.jobs.keys());
		clearArtworkExampleLogs(emulators);

		const run = await n8n.executeOk(example.id);

		expect(artworkExampleProblems(run, emulators, example, (binary) => n8n.readBinary(binary))).toEqual([]);
		const created = [...emulators.tflow.state.jobs.values()].filter((job) => !jobsBefore.has(job.id));
		expect(created).toEqual([expect.objectContaining({ order_id: orderId, name: jobName, current_state_name: 'to_review' })]);
		expect(emulators.tflow.server.requests('POST', '/api/v2/job/create')).toHaveLength(0);
	});
});

describe(`n8n ${version}: n8n start with the tFLOW Trigger`, () => {
	const trigger = fixtures['tflow-trigger'] as WorkflowFixture;
	const triggerNode = trigger.nodes.find((node) => node.type === `${PACKAGE}.tflowTrigger`)!;
	const webhookUrl = () => `${n8n.baseUrl}/webhook/${triggerNode.webhookId}/webhook`;
	const ourWebhooks = () =>
		[...emulators.tflow.state.webhooks.values()].filter((webhook) => webhook.url.split('?')[0] === webhookUrl());

	beforeAll(async () => {
		await n8n.publish(trigger.id);
		emulators.tflow.server.clearLog();
		await n8n.start();
		await n8n.setupOwner();
	}, 300_000);

	test('n8n loaded every node and credential of the package under the names in DESIGN.md', async () => {
		const nodeNames = (await n8n.nodeTypes()).map((type) => type.name).filter((name) => name.startsWith(`${PACKAGE}.`));
		// n8n adds an AI-tool variant `<name>Tool` of every node marked usableAsTool.
		expect(new Set(nodeNames.filter((name) => !name.endsWith('Tool')))).toEqual(
			new Set(['tflow', 'tflowTrigger', 'papilio', 'papilioTrigger', 'd2sWorkflow'].map((name) => `${PACKAGE}.${name}`)),
		);
		expect(nodeNames).toEqual(expect.arrayContaining(['tflowTool', 'papilioTool', 'd2sWorkflowTool'].map((name) => `${PACKAGE}.${name}`)));
		const credentialNames = (await n8n.credentialTypes()).map((type) => type.name);
		expect(credentialNames).toEqual(expect.arrayContaining(['tflowApi', 'papilioApi', 'papilioOAuth2Api', 'd2sWorkflowApi']));
		expect(n8n.serverLog).not.toMatch(/Cannot find module|Error loading package|Failed to load/i);
	});

	test('n8n builds the AI tool variants from usableAsTool: tFLOW Tool without the uploads, no tool with the Custom API Call, new tool nodes at typeVersion 1.2', async () => {
		type Described = { name: string; defaultVersion?: number; properties: Array<{ name: string; options?: Array<{ value?: unknown }>; displayOptions?: { show?: Record<string, unknown[]> } }> };
		const types = (await n8n.nodeTypes()) as unknown as Described[];
		const typeNamed = (name: string) => types.find((type) => type.name === `${PACKAGE}.${name}`)!;
		const jobOperations = (type: Described) =>
			type.properties
				.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('job'))
				.flatMap((property) => (property.options ?? []).map((option) => option.value));
		const uploads = ['uploadArtwork', 'createWithArtwork'];
		expect(jobOperations(typeNamed('tflow'))).toEqual(expect.arrayContaining(uploads));
		expect(jobOperations(typeNamed('tflowTool'))).toEqual(jobOperations(typeNamed('tflow')).filter((value) => !uploads.includes(String(value))));
		for (const upload of uploads) {
			expect(typeNamed('tflowTool').properties.some((property) => property.displayOptions?.show?.operation?.includes(upload))).toBe(false);
		}
		expect(typeNamed('tflowTool').properties.map((property) => property.name)).toContain('toolDescription');
		expect([typeNamed('tflowTool').defaultVersion, typeNamed('papilioTool').defaultVersion]).toEqual([1.2, 1.2]);
		expect([typeNamed('tflow').defaultVersion, typeNamed('papilio').defaultVersion]).toEqual([1.1, 1.1]);
		// No tool offers the Custom API Call; the nodes themselves do.
		const resources = (type: Described) => (type.properties.find((property) => property.name === 'resource')?.options ?? []).map((option) => option.value);
		for (const name of ['tflow', 'papilio', 'd2sWorkflow']) {
			expect(resources(typeNamed(name))).toContain('customApiCall');
			expect(resources(typeNamed(`${name}Tool`))).toEqual(resources(typeNamed(name)).filter((value) => value !== 'customApiCall'));
			expect(typeNamed(`${name}Tool`).properties.some((property) => property.displayOptions?.show?.resource?.includes('customApiCall'))).toBe(false);
		}
		expect(typeNamed('d2sWorkflowTool').properties.map((property) => property.name)).toContain('toolDescription');
	});

	test('the credentials\' Test buttons (n8n\'s /rest/credentials/test) tell a right secret from a wrong one', async () => {
		const testCredential = async (credential: CredentialFixture) =>
			await n8n.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', { credentials: credential });
		const fixture = (type: string) => credentialFixtures(emulators).find((credential) => credential.type === type)!;
		const withData = (credential: CredentialFixture, data: Record<string, unknown>) => ({ ...credential, data: { ...credential.data, ...data } });
		const ordersBefore = emulators.d2s.state.orders.length;
		emulators.d2s.server.clearLog();

		const d2s = fixture('d2sWorkflowApi');
		expect(await testCredential(d2s)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrongSecret = await testCredential(withData(d2s, { secret: 'wrong-secret-1234' }));
		expect(wrongSecret.status).toBe('Error');
		expect(wrongSecret.message).toMatch(/^D2S Workflow did not accept the test order: check the Secret, the Lab ID and the Base URL/);
		const unknownLab = await testCredential(withData(d2s, { labId: 'no-such-lab' }));
		expect(unknownLab.status).toBe('Error');
		const tests = emulators.d2s.server.requests('POST');
		expect(tests.map((request) => [request.path, request.status])).toEqual([
			[`/api/v1/${emulators.d2s.labId}`, 400],
			[`/api/v1/${emulators.d2s.labId}`, 401],
			['/api/v1/no-such-lab', 404],
		]);
		expect(tests[0].body).toEqual({ op: 'put-order', type: 'models-by-widget', units: [], secret: emulators.d2s.secret });
		expect(emulators.d2s.state.orders).toHaveLength(ordersBefore);

		const tflow = fixture('tflowApi');
		expect(await testCredential(tflow)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect((await testCredential(withData(tflow, { clientSecret: 'wrong-secret-1234', accessToken: '' }))).status).toBe('Error');
	});

	test('activation at start registered one tFLOW webhook per event, each with its own secret', () => {
		const registered = ourWebhooks();
		expect(registered.map((webhook) => webhook.name).sort()).toEqual(['job.approve', 'order.complete']);
		const secrets = registered.map((webhook) => new URL(webhook.url).searchParams.get('secret'));
		expect(secrets.every((secret) => secret && secret.length >= 16)).toBe(true);
		expect(new Set(secrets).size).toBe(2);
		expect(emulators.tflow.server.requests('POST', '/api/v2/webhook/create')).toHaveLength(2);
	});

	test('an event fired by tFLOW starts an execution with the delivered fields', async () => {
		const deliveries = await emulators.tflow.fire('job.approve', { job_id: 2 });
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({ ok: true, status: 200 });
		const [execution] = await n8n.waitForExecutions(trigger.id, 1);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		const details = await n8n.execution(execution.id);
		const [item] = nodeOutput(details, 'Received');
		expect(item).toMatchObject({ event_name: 'job.approve', job_id: '2', order_id: '1' });
		expect(JSON.stringify(item)).not.toContain('secret');
	});

	test('a forged request (no secret, or a wrong one) gets no execution', async () => {
		const forged = [webhookUrl(), `${webhookUrl()}?secret=${'x'.repeat(32)}`];
		for (const url of forged) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'event_name=job.approve&job_id=3',
			});
			expect(response.status).toBeGreaterThanOrEqual(400);
		}
		await sleep(1500);
		expect(await n8n.executions(trigger.id)).toHaveLength(1);
	});

	test('a restart keeps the registrations without duplicates, and events still arrive', async () => {
		const before = ourWebhooks().map((webhook) => webhook.id).sort();
		emulators.tflow.server.clearLog();
		await n8n.stop();
		await n8n.start();
		await n8n.login();
		expect(ourWebhooks().map((webhook) => webhook.id).sort()).toEqual(before);
		expect(emulators.tflow.server.requests('POST', '/api/v2/webhook/create')).toHaveLength(0);
		expect(emulators.tflow.server.requests('GET', '/api/v2/webhook/list').length).toBeGreaterThan(0);

		const deliveries = await emulators.tflow.fire('order.complete', { order_id: 2 });
		expect(deliveries).toMatchObject([{ ok: true }]);
		const executions = await n8n.waitForExecutions(trigger.id, 2);
		expect(nodeOutput(await n8n.execution(executions[0].id), 'Received')[0]).toMatchObject({ event_name: 'order.complete', order_id: '2' });
	});

	test('deactivation through the REST API removes the registrations in tFLOW', async () => {
		const ids = ourWebhooks().map((webhook) => String(webhook.id));
		emulators.tflow.server.clearLog();
		await n8n.deactivate(trigger.id);
		expect(ourWebhooks()).toHaveLength(0);
		const deleted = emulators.tflow.server.requests('DELETE', /^\/api\/v2\/webhook\//).map((entry) => entry.path.split('/').pop());
		expect(deleted.sort()).toEqual(ids.sort());
		const deliveries = await emulators.tflow.fire('job.approve', { job_id: 3 });
		expect(deliveries).toHaveLength(0);
	});

	test('example 02, activated through the REST API, puts a D2S lab order with the approved job\'s latest revision', async () => {
		const { tflow, d2s, images } = emulators;
		const example = examples['02-tflow-approved-job-to-d2s-lab'];
		const exampleTrigger = example.nodes.find((node) => node.type === `${PACKAGE}.tflowTrigger`)!;
		const exampleUrl = `${n8n.baseUrl}/webhook/${exampleTrigger.webhookId}/webhook`;
		tflow.server.clearLog();
		images.reset();

		await n8n.activate(example.id);
		const registered = [...tflow.state.webhooks.values()].filter((webhook) => webhook.url.split('?')[0] === exampleUrl);
		expect(registered.map((webhook) => webhook.name)).toEqual(['job.approve']);

		const job = tflow.state.jobs.get(3)!;
		const revisions = tflow.state.revisionsOfJob(job.id);
		const latest = revisions[revisions.length - 1];
		const ordersBefore = d2s.state.orders.length;
		const deliveries = await tflow.fire('job.approve', { job_id: job.id });
		expect(deliveries).toMatchObject([{ ok: true }]);
		const [execution] = await n8n.waitForExecutions(example.id, 1);
		expect(execution.status).toBe('success');

		expect(d2s.state.orders).toHaveLength(ordersBefore + 1);
		const order = d2s.state.orders[d2s.state.orders.length - 1];
		expect(order).toMatchObject({
			reference: job.name,
			email: 'lab-orders@printshop.example',
			units: [
				{
					base: 'c4f2a7e1-0b3d-4e8a-9f61-2d5b7c9e1a30',
					payload: [{ slot: 'Front', image: `${images.url}/images/${job.name}-revision-${latest.id}.jpg` }],
				},
			],
		});
		expect(order.images.map((download) => download.ok)).toEqual([true]);
		const details = await n8n.execution(execution.id);
		expect(nodeOutput(details, 'Put Lab Order')).toEqual([expect.objectContaining({ orderNum: order.orderNum, orderReference: job.name })]);
		await n8n.deactivate(example.id);
	});

	test('on a tFLOW instance without webhook ids (documented profile), a copy bound to its credential registers, starts an execution and removes exactly its webhooks', async () => {
		const documented = emulators.tflowDocumented;
		const webhookId = '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5d';
		const copyUrl = `${n8n.baseUrl}/webhook/${webhookId}/webhook`;
		const held = () => [...documented.state.webhooks.values()].map((webhook) => `${webhook.name} ${webhook.url.split('?')[0]}`);
		// another system's webhook on an event the copy does not select: never touched
		const foreignId = documented.state.nextId('webhook');
		const foreign = { id: foreignId, name: 'job.release', url: 'https://erp.example.com/hook?token=erp-private', security_key: 'erp', failed_attempts: 0 };
		documented.state.webhooks.set(foreignId, { ...foreign });
		documented.server.clearLog();
		const copy = await n8n.rest<{ id: string }>('POST', '/rest/workflows', {
			name: 'e2e: tFLOW Trigger on the documented instance',
			nodes: trigger.nodes.map((node) =>
				node.type === triggerNode.type
					? { ...node, webhookId, credentials: { tflowApi: { id: CREDENTIALS.tflowDocumented.id, name: CREDENTIALS.tflowDocumented.name } } }
					: node,
			),
			connections: trigger.connections,
			settings: trigger.settings,
			active: false,
		});

		await n8n.activate(copy.id);
		expect(held()).toEqual(['job.release https://erp.example.com/hook', `job.approve ${copyUrl}`, `order.complete ${copyUrl}`]);
		const creates = documented.server.requests('POST', '/api/v2/webhook/create');
		expect(creates.map((request) => [request.body.name, request.status])).toEqual([
			['job.approve', 200],
			['order.complete', 200],
		]);

		const deliveries = await documented.fire('job.approve', { job_id: 2 });
		expect(deliveries).toMatchObject([{ ok: true, status: 200 }]);
		const [execution] = await n8n.waitForExecutions(copy.id, 1);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(nodeOutput(await n8n.execution(execution.id), 'Received')[0]).toMatchObject({ event_name: 'job.approve', job_id: '2' });

		await n8n.deactivate(copy.id);
		expect(held()).toEqual(['job.release https://erp.example.com/hook']);
		expect(documented.state.webhooks.get(foreignId)).toEqual(foreign);
		// without ids, deleted by event name, each after the list showed it was the only one
		const deletes = documented.server.requests('DELETE', /^\/api\/v2\/webhook\//);
		expect(deletes.map((request) => [request.path, request.status]).sort()).toEqual([
			['/api/v2/webhook/job.approve', 200],
			['/api/v2/webhook/order.complete', 200],
		]);
		expect(documented.server.requests('POST', /^\/api\/v2\/webhook\/(?!create)/)).toHaveLength(0);
	});
});

describe(`n8n ${version}: the brix:papilio Trigger in manual mode (n8n start)`, () => {
	const printableOrders = () =>
		emulators.papilio.state.orders.filter((order) => order.status & 128 && order.delivery === 2 && !order.deleted).sort((a, b) => a.id - b.id);

	test('"Execute workflow" polls papilio once and passes on the newest printable order', async () => {
		const { papilio } = emulators;
		papilio.server.clearLog();
		const newest = printableOrders().pop()!;

		const executionId = await n8n.runManually(fixtures['papilio-trigger'].id, 'brix:papilio Trigger');
		const execution = await n8n.waitForExecution(executionId);

		expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
		expect(nodeOutput(execution, 'Received')).toEqual([expect.objectContaining({ id: String(newest.id), title: newest.title })]);
		const polls = papilio.server.requests('GET', '/api/v1/tasks/printable') as Array<{ tokenIn?: string }>;
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.every((poll) => poll.tokenIn === 'query')).toBe(true);
	});

	test('example 05 sends the newest printable order to tFLOW and then marks it Delivery Pending', async () => {
		const { papilio, tflow } = emulators;
		const newest = printableOrders().pop()!;
		papilio.server.clearLog();
		const ordersBefore = new Set(tflow.state.orders.keys());

		const example = examples['05-papilio-new-printable-order-to-tflow'];
		const execution = await n8n.waitForExecution(await n8n.runManually(example.id, 'New Printable Order'));

		expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
		const created = [...tflow.state.orders.values()].filter((order) => !ordersBefore.has(order.id));
		expect(created.map((order) => order.external_id)).toEqual([String(newest.id)]);
		const [job] = tflow.state.jobsOfOrder(created[0].id);
		expect(tflow.state.revisionsOfJob(job.id).map((revision) => revision.sha256)).toEqual([
			createHash('sha256').update(orderPdf(newest)).digest('hex'),
		]);
		const updates = papilio.server.requests('POST', `/api/v1/order/${newest.id}`);
		expect(updates).toHaveLength(1);
		expect(updates[0].body).toMatchObject({ set_flag: '128' });
		// The update came after the upload: the order is marked only once tFLOW has the artwork.
		const upload = tflow.server.requests('POST', `/api/v2/job/${job.id}/executeTransition`)[0];
		expect(upload.at).toBeLessThanOrEqual(updates[0].at);
		expect(nodeOutput(execution, 'Mark Delivery Pending')).toEqual([expect.objectContaining({ id: String(newest.id), success: true })]);
	});
});

/** yyyy-mm-dd of a date in this machine's time zone (n8n's $today uses the same zone here). */
function localDay(date: Date) {
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
