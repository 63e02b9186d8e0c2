/**
 * tFLOW Trigger, without a tFLOW server: the event catalogue, secrets, body parsing and what
 * webhook() does with deliveries (run through n8n's WebhookContext by the harness).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TflowTrigger } from '../../nodes/Tflow/TflowTrigger.node';
import { EVENT_OPTIONS, KNOWN_EVENTS, isValidEventName, normalizeEventName } from '../../nodes/Tflow/helpers/events';
import { parseTextFields } from '../../nodes/Tflow/trigger/delivery';
import { generateSecret, secretsMatch, splitSecret, urlWithSecret } from '../../nodes/Tflow/trigger/secret';
import { NodeHarness } from '../../tools/harness';

const SPEC_EVENTS = [
	'client.create', 'client.delete', 'client.update',
	'comment.create', 'comment.delete', 'comment.edit',
	'job.clear_rush', 'job.complete', 'job.create', 'job.delete', 'job.request_rush', 'job.undo_rush', 'job.update',
	'order.complete', 'order.create', 'order.delete', 'order.update',
	'revision.create', 'revision.create_proof', 'revision.delete', 'revision.upload_proof',
	'user.create', 'user.delete', 'user.update',
];

describe('event catalogue', () => {
	test('offers every event of the tFLOW API document and the job.<transition> events', () => {
		for (const event of SPEC_EVENTS) expect(KNOWN_EVENTS.has(event)).toBe(true);
		for (const transition of ['approve', 'reject', 'release', 'accept', 'reject_from_on_hold', 'place_on_hold', 'undo_accept', 'undo_approve', 'upload_first_revision', 'upload_next_revision', 'close_to_rejected', 're_release_from_released']) {
			expect(KNOWN_EVENTS.has(`job.${transition}`)).toBe(true);
		}
	});

	test('every option has a readable name, a description and a valid, unique event name, sorted by name', () => {
		const values = EVENT_OPTIONS.map((option) => option.value as string);
		const names = EVENT_OPTIONS.map((option) => option.name);
		expect(new Set(values).size).toBe(values.length);
		expect(new Set(names).size).toBe(names.length);
		expect(values.length).toBe(KNOWN_EVENTS.size);
		for (const option of EVENT_OPTIONS) {
			expect(isValidEventName(option.value as string)).toBe(true);
			expect(option.name).not.toMatch(/[._]/);
			expect((option.description ?? '').length).toBeGreaterThan(10);
		}
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	test('event names are normalised to trimmed lower case', () => {
		expect(normalizeEventName('  Job.Approve ')).toBe('job.approve');
		expect(normalizeEventName('')).toBeUndefined();
		expect(normalizeEventName(undefined)).toBeUndefined();
		expect(isValidEventName('job')).toBe(false);
		expect(isValidEventName('job.my_step_2')).toBe(true);
	});
});

describe('secrets', () => {
	test('are random, long and compared exactly', () => {
		const first = generateSecret();
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(generateSecret()).not.toBe(first);
		expect(secretsMatch(first, first)).toBe(true);
		expect(secretsMatch(first.slice(0, -1), first)).toBe(false);
		expect(secretsMatch(`${first}0`, first)).toBe(false);
		expect(secretsMatch('', '')).toBe(false);
		expect(secretsMatch(undefined, first)).toBe(false);
		expect(secretsMatch([first], first)).toBe(false);
	});

	test('travel in the URL query and are split off again, keeping other query parameters', () => {
		const url = urlWithSecret('https://n8n.example.com/webhook/abc/webhook', 'S3cret');
		expect(url).toBe('https://n8n.example.com/webhook/abc/webhook?secret=S3cret');
		expect(splitSecret(url)).toEqual({ url: 'https://n8n.example.com/webhook/abc/webhook', secret: 'S3cret' });
		expect(splitSecret('https://n8n.example.com/webhook/abc/webhook?a=1&secret=x')).toEqual({
			url: 'https://n8n.example.com/webhook/abc/webhook?a=1',
			secret: 'x',
		});
		expect(splitSecret('https://n8n.example.com/webhook/abc/webhook').secret).toBeUndefined();
		expect(splitSecret('not a url')).toEqual({ url: 'not a url' });
	});
});

describe('body parsing', () => {
	test('unparsed text bodies: JSON objects or form fields', () => {
		expect(parseTextFields('{"event_name":"job.create","job_id":5}')).toEqual({ event_name: 'job.create', job_id: 5 });
		expect(parseTextFields('event_name=job.create&job_id=5&x=1&x=2')).toEqual({ event_name: 'job.create', job_id: '5', x: ['1', '2'] });
		expect(parseTextFields('  ')).toEqual({});
	});
});

describe('webhook()', () => {
	let harness: NodeHarness;
	const productionSecret = 'p'.repeat(64);
	const testSecret = 't'.repeat(64);
	const staleSecret = 's'.repeat(64);
	const autoParameters: INodeParameters = { events: ['job.approve', 'order.complete'], registerWebhooks: true, options: {} };
	const staticData = (): IDataObject => ({
		'node:Node': {
			registrationsByUrl: {
				'http://127.0.0.1:1/webhook/c0ffee00-0000-4000-8000-000000000001/webhook': {
					test: false,
					registrations: [
						{ id: 1, event: 'job.approve', secret: productionSecret },
						{ id: 3, event: 'job.release', secret: staleSecret },
					],
				},
				'http://127.0.0.1:1/webhook-test/c0ffee00-0000-4000-8000-000000000001/webhook': {
					test: true,
					registrations: [{ id: 2, event: 'job.approve', secret: testSecret }],
				},
			},
		},
	});
	const form = (fields: Record<string, string>) => ({
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: fields,
		rawBody: Buffer.from(new URLSearchParams(fields).toString()),
	});
	const deliver = (request: Record<string, unknown>, options: { parameters?: INodeParameters; isTest?: boolean } = {}) =>
		harness.webhook('tflowTrigger', {
			parameters: options.parameters ?? autoParameters,
			staticData: staticData(),
			isTest: options.isTest,
			request: request as never,
		});

	beforeAll(async () => {
		harness = await new NodeHarness({ nodes: { tflowTrigger: TflowTrigger } }).init();
	});

	test('a form-encoded delivery with the right secret: one item with the fields unchanged, event and receivedAt, never the security key', async () => {
		const before = Date.now();
		const result = await deliver({
			...form({ event_name: 'Job.Approve', job_id: '7', order_id: '3', timestamp: '2025-01-01T00:00:00Z', security_key: productionSecret }),
			query: { secret: productionSecret },
		});
		expect(result.status).toBeUndefined();
		const items = result.response.workflowData![0];
		expect(items).toHaveLength(1);
		const { receivedAt, ...json } = items[0].json;
		expect(json).toEqual({ event_name: 'Job.Approve', job_id: '7', order_id: '3', timestamp: '2025-01-01T00:00:00Z', event: 'job.approve' });
		expect(Date.parse(receivedAt as string)).toBeGreaterThanOrEqual(before - 1000);
		expect(JSON.stringify(items)).not.toContain(productionSecret);
	});

	test('a JSON delivery keeps nested fields; without event_name the registration tells the event', async () => {
		const result = await deliver({
			headers: { 'content-type': 'application/json' },
			body: { job_id: 7, details: { state: 'approved' } },
			query: { secret: productionSecret },
		});
		expect(result.response.workflowData![0][0].json).toMatchObject({ job_id: 7, details: { state: 'approved' }, event: 'job.approve' });
	});

	test('a multipart delivery, as n8n parses it ({ data, files }), gives its text fields', async () => {
		const result = await deliver({
			headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
			body: { data: { event_name: 'job.approve', job_id: '9', tag: ['a', 'b'] }, files: { artwork: { size: 3 } } },
			query: { secret: productionSecret },
		});
		const { receivedAt: _receivedAt, ...json } = result.response.workflowData![0][0].json;
		expect(json).toEqual({ event_name: 'job.approve', job_id: '9', tag: ['a', 'b'], event: 'job.approve' });
	});

	test('a body of a type n8n does not parse is read from the raw body', async () => {
		const result = await deliver({
			headers: {},
			body: {},
			rawBody: Buffer.from('event_name=job.approve&job_id=4'),
			query: { secret: productionSecret },
		});
		expect(result.response.workflowData![0][0].json).toMatchObject({ event_name: 'job.approve', job_id: '4', event: 'job.approve' });
	});

	test.each([
		['no secret', {}],
		['a wrong secret', { secret: 'x'.repeat(64) }],
		['the secret twice', { secret: [productionSecret, productionSecret] }],
		['the test URL secret on the production URL', { secret: testSecret }],
	])('rejects a delivery with %s: 401 and no execution', async (_name, query) => {
		const result = await deliver({ ...form({ event_name: 'job.approve', job_id: '7' }), query });
		expect(result.status).toBe(401);
		expect(result.response).toEqual({ noWebhookResponse: true });
	});

	test('a production secret on the test URL is rejected, the test secret accepted', async () => {
		const wrongPath = await deliver({ ...form({ event_name: 'job.approve' }), query: { secret: productionSecret } }, { isTest: true });
		expect(wrongPath.status).toBe(401);
		expect(wrongPath.response.workflowData).toBeUndefined();
		const right = await deliver({ ...form({ event_name: 'job.approve' }), query: { secret: testSecret } }, { isTest: true });
		expect(right.response.workflowData![0][0].json.event).toBe('job.approve');
	});

	test('a delivered security_key must match too', async () => {
		const result = await deliver({ ...form({ event_name: 'job.approve', security_key: testSecret }), query: { secret: productionSecret } });
		expect(result.status).toBe(401);
		expect(result.response.workflowData).toBeUndefined();
	});

	test('a registration of an event no longer selected is answered but starts nothing', async () => {
		const result = await deliver({ ...form({ event_name: 'job.release', job_id: '7' }), query: { secret: staleSecret } });
		expect(result.status).toBeUndefined();
		expect(result.response.workflowData).toBeUndefined();
		expect(result.response.webhookResponse).toEqual({ received: true });
	});

	describe('with webhooks registered by hand', () => {
		const manualSecret = 'my-hand-made-secret-2025';
		const manualParameters: INodeParameters = { registerWebhooks: false, webhookSecret: manualSecret, options: {} };

		test('the secret from the node parameter opens the URL; others do not', async () => {
			const ok = await deliver({ ...form({ event_name: 'order.complete', order_id: '3', security_key: manualSecret }), query: { secret: manualSecret } }, { parameters: manualParameters });
			expect(ok.response.workflowData![0][0].json).toMatchObject({ event_name: 'order.complete', order_id: '3', event: 'order.complete' });
			expect(ok.response.workflowData![0][0].json.security_key).toBeUndefined();
			const empty = await deliver({ ...form({ event_name: 'order.complete', security_key: '' }), query: { secret: manualSecret } }, { parameters: manualParameters });
			expect(empty.response.workflowData).toHaveLength(1);
			for (const query of [{}, { secret: productionSecret }]) {
				const refused = await deliver({ ...form({ event_name: 'order.complete' }), query }, { parameters: manualParameters });
				expect(refused.status).toBe(401);
			}
			const wrongKey = await deliver({ ...form({ event_name: 'order.complete', security_key: 'other' }), query: { secret: manualSecret } }, { parameters: manualParameters });
			expect(wrongKey.status).toBe(401);
		});

		test('a weak secret is refused as a configuration error', async () => {
			await expect(
				deliver({ ...form({ event_name: 'order.complete' }), query: { secret: 'short' } }, { parameters: { ...manualParameters, webhookSecret: 'short' } }),
			).rejects.toThrow('Webhook Secret: use at least 16 characters');
		});
	});
});
