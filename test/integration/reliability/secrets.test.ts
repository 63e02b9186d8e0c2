/**
 * Secrets never leave the credential: every error path of the tFLOW node, trigger and credential
 * test, the papilio node, trigger and credential test, and the D2S node runs with recognisable
 * secrets (client secrets, a wrong client secret, the papilio password, access and refresh tokens,
 * the D2S secret) while everything n8n logs is recorded at debug level.
 * None may occur in the output items, the run data n8n would store, the whole serialized error
 * (context and cause included) or the log. Answers that echo a secret back are injected on purpose.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TflowApi } from '../../../credentials/TflowApi.credentials';
import { TflowTrigger } from '../../../nodes/Tflow/TflowTrigger.node';
import { READ_RETRY_POLICY } from '../../../nodes/shared/http';
import type { RunNodeResult } from '../../../tools/harness';
import { NodeHarness } from '../../../tools/harness';
import type { D2sTestbed } from '../d2s/setup';
import { MUG, SECRET as D2S_SECRET, startD2s, unitsParameter } from '../d2s/setup';
import { orderById } from '../papilio/world';
import {
	PAPILIO_CLIENT_SECRET,
	PAPILIO_PASSWORD,
	recordN8nLogs,
	serializeError,
	startPapilioBed,
	startTflowBed,
	TFLOW_CLIENT_SECRET,
} from './setup';

type TflowBed = Awaited<ReturnType<typeof startTflowBed>>;
let tflow: TflowBed;
let d2s: D2sTestbed;
let papilio: Awaited<ReturnType<typeof startPapilioBed>>;
let logs: ReturnType<typeof recordN8nLogs>;
const defaultPolicy = { ...READ_RETRY_POLICY };

const WRONG_SECRET = 'tflowWrongSecret-RELIABILITY-55e1';

beforeAll(async () => {
	logs = recordN8nLogs();
	tflow = await startTflowBed();
	d2s = await startD2s();
	papilio = await startPapilioBed();
	Object.assign(READ_RETRY_POLICY, { baseDelayMs: 5, maxDelayMs: 20 });
});
afterAll(async () => {
	Object.assign(READ_RETRY_POLICY, defaultPolicy);
	await tflow.stop();
	await d2s.stop();
	await papilio.stop();
});
beforeEach(async () => {
	await tflow.reset();
	logs.records.length = 0;
});

/** The access token the credential holds, fetched first so that error paths run with it. */
async function liveToken(): Promise<string> {
	await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
	const token = tflow.token();
	expect(token).toMatch(/^\S{40}$/);
	return token;
}

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** Everything a run leaves behind that a user or an operator could see. */
function everything(result: Partial<RunNodeResult> | unknown): string {
	const run = result as Partial<RunNodeResult>;
	return [
		JSON.stringify(run.items ?? null),
		JSON.stringify(run.run ?? null),
		serializeError(run.error),
		serializeError(run.run),
		serializeError(result),
		logs.text(),
	].join('\n');
}

function expectClean(result: unknown, secrets: string[]) {
	const text = everything(result);
	for (const secret of secrets) expect(text).not.toContain(secret);
}

async function settle<T>(promise: Promise<T>): Promise<T | Error> {
	try {
		return await promise;
	} catch (error) {
		return error as Error;
	}
}

const echo = (token: string) => ({
	error: 'internal',
	message: `Unexpected failure for Authorization: Bearer ${token} (client_secret=${TFLOW_CLIENT_SECRET})`,
	messages: { debug: [`token ${token}`, `secret ${TFLOW_CLIENT_SECRET}`] },
});

interface TflowPath {
	name: string;
	/** Set up the failure (the live token is known by then). */
	arrange: (token: string) => void;
	run: () => Promise<RunNodeResult | unknown>;
}

const jobGet = async (continueOnFail = false) =>
	await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) }, undefined, { continueOnFail });
const jobCreate = async (parameters: INodeParameters = {}, input?: INodeExecutionData[], continueOnFail = false) =>
	await tflow.run({ resource: 'job', operation: 'create', orderId: byId(1), shipDate: '2026-05-01', ...parameters }, input, { continueOnFail });

const TFLOW_PATHS: TflowPath[] = [
	{ name: 'a 400 validation error', arrange: () => {}, run: async () => await jobCreate({ orderId: byId(999) }) },
	{ name: 'a 404', arrange: () => {}, run: async () => await tflow.run({ resource: 'job', operation: 'get', jobId: byId(999) }) },
	{
		name: 'a 500 on a read that echoes the token and the client secret',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/1$', status: 500, body: echo(token) }),
		run: async () => await jobGet(),
	},
	{
		name: 'the same through continueOnFail items',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/1$', status: 500, body: echo(token) }),
		run: async () => await jobGet(true),
	},
	{
		name: 'a 500 on a create that echoes them',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: 'job/create', status: 500, body: echo(token) }),
		run: async () => await jobCreate(),
	},
	{
		name: 'a 422 on an upload that echoes them',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: 'executeTransition', status: 422, body: echo(token) }),
		run: async () =>
			await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, [
				await tflow.harness.binaryItem(randomBytes(2048), 'a.pdf', 'application/pdf'),
			]),
	},
	{
		name: 'a download whose error page echoes them',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: 'originalFile', status: 403, body: echo(token) }),
		run: async () => await tflow.run({ resource: 'revision', operation: 'download', revisionId: '1', file: 'original', binaryPropertyName: 'data' }),
	},
	{
		name: 'read retries that run out, each answer echoing them',
		arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/1$', status: 503, times: 10, body: echo(token) }),
		run: async () => await jobGet(),
	},
	{ name: 'a connection dropped on a read', arrange: () => tflow.emulator.server.addFault({ kind: 'drop', method: 'GET', times: 10 }), run: async () => await jobGet() },
	{ name: 'a connection dropped on a create', arrange: () => tflow.emulator.server.addFault({ kind: 'drop', method: 'POST' }), run: async () => await jobCreate() },
	{
		name: 'an answer cut off halfway',
		arrange: () => tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'POST', path: 'job/create' }),
		run: async () => await jobCreate(),
	},
	{
		name: 'an expired token refused again after renewal',
		arrange: (token) => {
			tflow.emulator.expireTokens();
			tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/1$', status: 401, times: 5, body: echo(token) });
		},
		run: async () => await jobGet(),
	},
	{
		name: 'bad input (nothing is sent)',
		arrange: () => {},
		run: async () => await jobCreate({ propsInputMode: 'json', propsJson: `{"secret": "${TFLOW_CLIENT_SECRET.slice(0, 3)}` }),
	},
	{ name: 'list search with a 500 echo', arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: 'job/list', status: 500, body: echo(token) }), run: async () => await tflow.harness.listSearch('tflow', 'searchJobs', {}, ['tflowApi']) },
	{ name: 'load options with a 500 echo', arrange: (token) => tflow.emulator.server.addFault({ kind: 'status', method: 'GET', path: 'product/list', status: 500, body: echo(token) }), run: async () => await tflow.harness.loadOptions('tflow', 'getProducts', {}, ['tflowApi']) },
];

describe('tFLOW node', () => {
	test.each(TFLOW_PATHS)('$name: no client secret and no access token anywhere', async ({ arrange, run }) => {
		const token = await liveToken();
		logs.records.length = 0;
		arrange(token);

		const result = await settle(run());

		const failed = result instanceof Error || (result as RunNodeResult).error !== undefined || JSON.stringify((result as RunNodeResult).items ?? []).includes('"error"');
		expect(failed).toBe(true);
		expectClean(result, [TFLOW_CLIENT_SECRET, token]);
		// The log search is meaningful: n8n did log this run at debug level.
		if (!(result instanceof Error) && (result as RunNodeResult).run) expect(logs.records.some((record) => record.level === 'debug')).toBe(true);
	});

	test('a wrong client secret: the token request fails, neither secret is shown', async () => {
		await tflow.reset({ clientSecret: WRONG_SECRET });

		const result = await jobGet();

		expect(result.error).toBeDefined();
		expect(tflow.tokenCalls()[0].body.client_secret).toBe(WRONG_SECRET);
		expectClean(result, [WRONG_SECRET, TFLOW_CLIENT_SECRET]);
	});

	test('a token endpoint that echoes the request back', async () => {
		tflow.emulator.server.addFault({
			kind: 'status',
			method: 'POST',
			path: '^/oauth/access_token$',
			status: 400,
			body: { error: 'invalid_request', error_description: `bad client_secret=${TFLOW_CLIENT_SECRET}` },
		});

		const result = await jobGet();

		expect(result.error).toBeDefined();
		expectClean(result, [TFLOW_CLIENT_SECRET]);
	});

	test('the credential test with a wrong and a right secret', async () => {
		const wrong = await tflow.harness.testCredentials('tflowApi', { instanceUrl: tflow.emulator.url, clientId: 'tflow-demo-key', clientSecret: WRONG_SECRET });
		const right = await tflow.harness.testCredentials('tflowApi', { instanceUrl: tflow.emulator.url, clientId: 'tflow-demo-key', clientSecret: TFLOW_CLIENT_SECRET });

		expect(wrong.status).toBe('Error');
		expect(right.status).toBe('OK');
		expectClean(wrong, [WRONG_SECRET, TFLOW_CLIENT_SECRET]);
		expectClean(right, [TFLOW_CLIENT_SECRET]);
	});
});

describe('tFLOW node: what the user typed into password fields', () => {
	// Quote, slash, space, ampersand, plus and a non-ASCII letter: every encoding of it differs.
	const TYPED = 'typed"Se/cr et&+ü-RELIABILITY-4e2';
	/** The forms an echo may show it in: raw, JSON-escaped (once, twice) and URL-encoded. */
	const escaped = (text: string) => JSON.stringify(text).slice(1, -1);
	const FORMS = [TYPED, escaped(TYPED), escaped(escaped(TYPED)), encodeURIComponent(TYPED), encodeURIComponent(escaped(TYPED))];

	/** The error a run ended with, or its continueOnFail item: message, description, details, the item. */
	function expectTypedValueNowhere(result: RunNodeResult, continueOnFail: boolean) {
		let shown: string;
		if (continueOnFail) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.error).toEqual(expect.any(String));
			// Its texts as they are: JSON.stringify would add a quoting level the forms below do not cover.
			const texts = (value: unknown): string[] =>
				typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : [];
			shown = texts(result.items[0].json).join('\n');
		} else {
			expect(result.error).toBeDefined();
			const error = result.error!;
			// All of the error but the node, whose parameters n8n keeps as the user typed them (not the node's doing).
			shown = [error.message, error.description, error.stack, JSON.stringify({ ...error, node: undefined })].join('\n');
		}
		// The echo did reach the error (the test would prove nothing otherwise), with the value taken out.
		expect(shown).toMatch(/could not process|request: POST \/api\/v2\/webhook/);
		for (const form of FORMS) expect(shown).not.toContain(form);
	}

	/** The request arrived with the typed value (so the echo carried it). */
	function expectSent(method: string, path: RegExp) {
		const calls = tflow.apiCalls(method, path);
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.some((call) => call.rawText.includes(escaped(TYPED)))).toBe(true);
	}

	describe.each([false, true])('continueOnFail %s', (continueOnFail) => {
		beforeEach(() => tflow.emulator.configure({ echoRefusedWebhookRequests: true }));
		afterEach(() => tflow.emulator.configure({ echoRefusedWebhookRequests: false }));

		test('Webhook Create refused with the request echoed: no Security Key in any encoding', async () => {
			const result = await tflow.run(
				{ resource: 'webhook', operation: 'create', event: '={{ "invoice.paid" }}', url: 'https://hooks.example.com/in', securityKey: TYPED },
				undefined,
				{ continueOnFail },
			);

			expectSent('POST', /^\/api\/v2\/webhook\/create$/);
			expect(tflow.apiCalls('POST', /webhook\/create$/).map((call) => call.status)).toEqual([400]);
			expectTypedValueNowhere(result, continueOnFail);
		});

		test('Webhook Update refused with the request echoed: no Security Key in any encoding', async () => {
			const created = await tflow.run({ resource: 'webhook', operation: 'create', event: 'job.approve', url: 'https://hooks.example.com/in' });
			expect(created.error).toBeUndefined();

			const result = await tflow.run(
				{ resource: 'webhook', operation: 'update', webhookId: String(created.items[0].json.id), updateFields: { event: '={{ "invoice.paid" }}', securityKey: TYPED } },
				undefined,
				{ continueOnFail },
			);

			expectSent('POST', /^\/api\/v2\/webhook\/\d+$/);
			expectTypedValueNowhere(result, continueOnFail);
		});

		test.each(['raw', 'json', 'url'] as const)('User Create answered 500 echoing the request (%s): no Password in any encoding', async (echo) => {
			tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v2/user/create$', status: 500, echo });

			const result = await tflow.run(
				{ resource: 'user', operation: 'create', email: 'jane@example.com', additionalFields: { name: 'Jane', password: TYPED } },
				undefined,
				{ continueOnFail },
			);

			expect(tflow.apiCalls('POST', /user\/create$/).map((call) => call.status)).toEqual([500]);
			expectTypedValueNowhere(result, continueOnFail);
		});

		test.each(['raw', 'json', 'url'] as const)('User Update answered 400 echoing the request (%s): no Password in any encoding', async (echo) => {
			tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v2/user/1$', status: 400, echo });

			const result = await tflow.run(
				{ resource: 'user', operation: 'update', userId: '1', updateFields: { password: TYPED } },
				undefined,
				{ continueOnFail },
			);

			expect(tflow.apiCalls('POST', /user\/1$/).map((call) => call.status)).toEqual([400]);
			expectTypedValueNowhere(result, continueOnFail);
		});
	});
});

describe('tFLOW Trigger', () => {
	let trigger: NodeHarness;

	beforeAll(async () => {
		trigger = await new NodeHarness({ nodes: { tflowTrigger: TflowTrigger }, credentialTypes: [TflowApi] }).init();
	});

	const lifecycle = async (method: 'create' | 'delete' | 'checkExists', staticData: IDataObject = {}) =>
		await trigger.webhookMethod('tflowTrigger', method, { parameters: { events: ['job.approve'], registerWebhooks: true, options: {} }, credentials: ['tflowApi'], staticData });

	test('activation and deactivation failing with answers that echo the secrets', async () => {
		trigger.setCredentials('tflowApi', { instanceUrl: tflow.emulator.url, clientId: 'tflow-demo-key', clientSecret: TFLOW_CLIENT_SECRET });
		const staticData: IDataObject = {};
		await lifecycle('checkExists', staticData);
		const token = String(trigger.credentials.store.get('tflowApi')?.accessToken);
		expect(token).toMatch(/^\S{40}$/);
		logs.records.length = 0;

		tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: 'webhook/create', status: 500, times: 5, body: echo(token) });
		const failedActivation = await settle(lifecycle('create', staticData));
		tflow.emulator.server.faults.length = 0;
		await lifecycle('create', staticData);
		const registrationSecret = new URL(String([...tflow.emulator.state.webhooks.values()][0].url)).searchParams.get('secret')!;
		tflow.emulator.server.addFault({ kind: 'status', method: 'DELETE', status: 500, times: 5, body: echo(token) });
		const failedDeactivation = await settle(lifecycle('delete', staticData));

		expect(failedActivation).toBeInstanceOf(Error);
		expect(tflow.emulator.server.requests('DELETE').length).toBeGreaterThan(0);
		for (const outcome of [failedActivation, failedDeactivation]) expectClean(outcome, [TFLOW_CLIENT_SECRET, token, registrationSecret]);
	});

	test('a wrong client secret on activation', async () => {
		trigger.setCredentials('tflowApi', { instanceUrl: tflow.emulator.url, clientId: 'tflow-demo-key', clientSecret: WRONG_SECRET });

		const activation = await settle(lifecycle('create', {}));

		expect(activation).toBeInstanceOf(Error);
		expectClean(activation, [WRONG_SECRET, TFLOW_CLIENT_SECRET]);
	});
});

describe('D2S node at debug log level', () => {
	test('errors of a 500 that echoes the secret, a dropped connection and a wrong secret', async () => {
		const parameters = {
			resource: 'order',
			operation: 'put',
			orderReference: 'R-1',
			email: 'customer@example.com',
			confirm: true,
			unitsInputMode: 'fields',
			units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', d2s.images.imageUrl('a.jpg')]] }]),
			options: {},
		};
		const put = async () => await d2s.harness.runNode({ type: 'd2sWorkflow', parameters, credentials: ['d2sWorkflowApi'] });
		d2s.useCredentials();

		d2s.d2s.server.addFault({ kind: 'status', status: 500, body: { error: 'boom', received: { secret: D2S_SECRET } } });
		const echoed = await put();
		d2s.d2s.server.addFault({ kind: 'drop' });
		const dropped = await put();
		d2s.useCredentials({ secret: WRONG_SECRET });
		const wrong = await put();
		d2s.useCredentials();

		for (const result of [echoed, dropped, wrong]) {
			expect(result.error).toBeDefined();
			expectClean(result, [D2S_SECRET, WRONG_SECRET]);
		}
		expect(logs.records.some((record) => record.level === 'debug')).toBe(true);
	});
});

describe('papilio', () => {
	interface Tokens {
		access: string;
		refresh: string;
		/** The secrets the credential holds (an OAuth2 credential has no password). */
		secrets: string[];
	}

	/** Logs in (papilioApi) or connects (papilioOAuth2Api) and returns the tokens the credential holds. */
	async function tokensOf(authentication: string): Promise<Tokens> {
		papilio.reset();
		if (authentication === 'papilioOAuth2Api') {
			const tokens = await papilio.connectOAuth2();
			return { access: tokens.access_token, refresh: tokens.refresh_token, secrets: [PAPILIO_CLIENT_SECRET] };
		}
		await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });
		const stored = papilio.harness.credentials.store.get('papilioApi')!;
		return { access: String(stored.accessToken), refresh: String(stored.refreshToken), secrets: [PAPILIO_CLIENT_SECRET, PAPILIO_PASSWORD] };
	}

	const papilioEcho = (tokens: Tokens) => ({
		error: 'internal_server_error',
		error_description: `access_token=${tokens.access} refresh_token=${tokens.refresh} ${tokens.secrets.join(' ')}`,
	});

	const PATHS: Array<{ name: string; arrange: (tokens: Tokens) => void; run: (authentication: string) => Promise<unknown> }> = [
		{
			name: 'a read answered 500 with everything echoed',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/order/51038$', status: 500, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'get', orderId: orderById(51038), options: {} }),
		},
		{
			name: 'the same through continueOnFail',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/order/51038$', status: 500, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'get', orderId: orderById(51038), options: {} }, { continueOnFail: true }),
		},
		{
			name: 'a write answered 400 with everything echoed',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v1/order/51042$', status: 400, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'x' } }),
		},
		{
			name: 'a download whose error page echoes everything',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v1/order/download/', status: 403, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' }),
		},
		{
			name: 'read retries that run out',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', status: 503, times: 10, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'task', operation: 'getPrintable', returnAll: true }),
		},
		{
			name: 'a dropped connection on a write',
			arrange: () => papilio.emulator.server.addFault({ kind: 'drop', method: 'POST' }),
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'x' } }),
		},
		{
			name: 'an expired token whose renewal is refused with an echo',
			arrange: (tokens) => {
				papilio.emulator.expireAccessTokens();
				papilio.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/oauth/token/', status: 400, times: 5, body: { error: 'invalid_grant', error_description: papilioEcho(tokens).error_description } });
			},
			run: async (authentication) => await papilio.run({ authentication, resource: 'order', operation: 'get', orderId: orderById(51038), options: {} }),
		},
		{
			name: 'list search answered 500 with an echo',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', status: 500, times: 5, body: papilioEcho(tokens) }),
			run: async (authentication) => await papilio.harness.listSearch('papilio', 'searchOrders', { authentication }, [authentication], 'Inserat'),
		},
		{
			name: 'the polling trigger answered 500 with an echo',
			arrange: (tokens) => papilio.emulator.server.addFault({ kind: 'status', method: 'GET', status: 500, times: 5, body: papilioEcho(tokens) }),
			run: async (authentication) =>
				await papilio.harness.poll('papilioTrigger', { parameters: { authentication, event: 'newPrintableOrder', options: {} }, credentials: [authentication], staticData: {}, mode: 'manual' }),
		},
	];

	describe.each(['papilioApi', 'papilioOAuth2Api'])('%s', (authentication) => {
		test.each(PATHS)('$name: no secret, password or token anywhere', async ({ arrange, run }) => {
			const tokens = await tokensOf(authentication);
			expect(tokens.access.length).toBeGreaterThan(10);
			expect(tokens.refresh.length).toBeGreaterThan(10);
			logs.records.length = 0;
			arrange(tokens);

			const outcome = await settle(run(authentication));

			const text = everything(outcome);
			expect(text).toMatch(/error|Error/);
			for (const secret of [...tokens.secrets, tokens.access, tokens.refresh]) expect(text).not.toContain(secret);
		});
	});

	test('a wrong password and a wrong client secret (papilioApi), and the Test button', async () => {
		papilio.reset();
		papilio.useCredentials({ password: 'papilioWrongPassword-77' });
		const wrongPassword = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });
		papilio.useCredentials({ clientSecret: WRONG_SECRET });
		const wrongClient = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });
		const base = { serverUrl: papilio.emulator.url, clientId: 'papilio-demo-client', username: 'api-script', allowInsecureHttp: true };
		const testWrong = await papilio.harness.testCredentials('papilioApi', { ...base, clientSecret: PAPILIO_CLIENT_SECRET, password: 'papilioWrongPassword-77' });
		const testRight = await papilio.harness.testCredentials('papilioApi', { ...base, clientSecret: PAPILIO_CLIENT_SECRET, password: PAPILIO_PASSWORD });

		expect(wrongPassword.error).toBeDefined();
		expect(wrongClient.error).toBeDefined();
		expect(testWrong.status).toBe('Error');
		expect(testRight.status).toBe('OK');
		for (const outcome of [wrongPassword, wrongClient, testWrong, testRight]) {
			expectClean(outcome, [PAPILIO_CLIENT_SECRET, PAPILIO_PASSWORD, 'papilioWrongPassword-77', WRONG_SECRET]);
		}
	});
});
