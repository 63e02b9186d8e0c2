/**
 * The tFLOW Trigger receiving what tFLOW would never send: an empty body, garbage, a huge body, a
 * wrong content type. Each is answered with a 4xx and starts no execution, the node never throws,
 * and a genuine delivery afterwards still starts the workflow. The bodies are given to webhook()
 * the way n8n's body parser hands them over (JSON and form parsed, multipart as text fields and
 * files, text/plain as a string, other types unparsed with the raw body kept; invalid JSON never
 * reaches a node, n8n answers 422 itself).
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TflowApi } from '../../../credentials/TflowApi.credentials';
import { TflowTrigger } from '../../../nodes/Tflow/TflowTrigger.node';
import { createTflowEmulator, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type TflowEmulator } from '../../../tools/emulators/tflow';
import { NodeHarness } from '../../../tools/harness';

let emulator: TflowEmulator;
let harness: NodeHarness;
const staticData: IDataObject = {};
let secret = '';
const parameters: INodeParameters = { events: ['job.approve'], registerWebhooks: true, options: {} };

beforeAll(async () => {
	emulator = createTflowEmulator();
	await emulator.start();
	harness = await new NodeHarness({ nodes: { tflowTrigger: TflowTrigger }, credentialTypes: [TflowApi] }).init();
	harness.setCredentials('tflowApi', { instanceUrl: emulator.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
	// The real activation: the trigger registers its webhook in tFLOW with a secret in the URL.
	await harness.webhookMethod('tflowTrigger', 'create', { parameters, credentials: ['tflowApi'], staticData });
	const [registered] = [...emulator.state.webhooks.values()];
	secret = new URL(String(registered.url)).searchParams.get('secret') ?? '';
	expect(secret).toMatch(/^[0-9a-f]{64}$/);
});
afterAll(async () => await emulator.stop());

interface Delivery {
	headers: Record<string, string>;
	body: unknown;
	rawBody?: Buffer;
	query?: Record<string, string>;
}

const deliver = async (request: Delivery) =>
	await harness.webhook('tflowTrigger', {
		parameters,
		credentials: ['tflowApi'],
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		request: { query: { secret }, ...request },
	});

function form(fields: Record<string, string>): Delivery {
	const text = new URLSearchParams(fields).toString();
	return {
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(text)) },
		body: fields,
		rawBody: Buffer.from(text),
	};
}

function raw(contentType: string | undefined, bytes: Buffer, parsedBody: unknown = {}): Delivery {
	return {
		headers: { ...(contentType ? { 'content-type': contentType } : {}), 'content-length': String(bytes.length) },
		body: parsedBody,
		rawBody: bytes,
	};
}

const hugeText = 'x'.repeat(4 * 1024 * 1024);

const GARBAGE: Array<[name: string, status: number, delivery: () => Delivery]> = [
	['an empty form body', 400, () => raw('application/x-www-form-urlencoded', Buffer.alloc(0))],
	['an empty body without a content type', 400, () => raw(undefined, Buffer.alloc(0))],
	['an empty JSON object', 400, () => raw('application/json', Buffer.from('{}'), {})],
	['a JSON array', 400, () => raw('application/json', Buffer.from('[1,2,3]'), [1, 2, 3])],
	['a JSON string', 400, () => raw('application/json', Buffer.from('"job.approve"'), 'job.approve')],
	['plain-text garbage', 400, () => { const text = '¿¿ 💥 <<>> \u0000 garbage'; return raw('text/plain', Buffer.from(text), text); }],
	['binary garbage with a wrong content type', 400, () => raw('application/octet-stream', randomBytes(4096))],
	['an image content type', 400, () => raw('image/png', randomBytes(512))],
	['form fields that are not tFLOW fields', 400, () => form({ hello: 'world', foo: '' })],
	['an event name that is not an event name', 400, () => form({ event_name: '<script>alert(1)</script>', job_id: '7' })],
	['an XML body (parsed by n8n into an object)', 400, () => raw('application/xml', Buffer.from('<a><b>1</b></a>'), { a: { b: '1' } })],
	['multipart without text fields', 400, () => raw('multipart/form-data; boundary=xyz', randomBytes(2048), { data: {}, files: {} })],
	['multipart with fields that are not tFLOW fields', 400, () => raw('multipart/form-data; boundary=xyz', randomBytes(64), { data: { garbage: '\u0000' }, files: {} })],
	['a huge form body with a genuine event', 413, () => form({ event_name: 'job.approve', job_id: '7', notes: hugeText })],
	['a huge plain-text body', 413, () => raw('text/plain', Buffer.from(hugeText), hugeText)],
];

describe('garbage deliveries with the right secret', () => {
	test.each(GARBAGE)('%s: answered %d, no execution', async (_name, status, delivery) => {
		const result = await deliver(delivery());

		expect(result.status).toBe(status);
		expect(result.response).toEqual({ noWebhookResponse: true });
		expect(result.response.workflowData).toBeUndefined();
		expect(JSON.stringify(result.sent)).not.toContain(secret);
	});
});

test('garbage without the secret is refused with 401 before its body is looked at', async () => {
	const result = await deliver({ ...raw('text/plain', Buffer.from(hugeText), hugeText), query: {} });
	expect(result.status).toBe(401);
	expect(result.response).toEqual({ noWebhookResponse: true });
});

test('after all the garbage, genuine deliveries (form, JSON, multipart) still start the workflow', async () => {
	for (const [, , delivery] of GARBAGE) await deliver(delivery());

	const fromForm = await deliver(form({ event_name: 'job.approve', job_id: '7' }));
	const fromJson = await deliver(raw('application/json', Buffer.from('{"job_id":8}'), { job_id: 8 }));
	// n8n parses multipart webhook bodies itself, into the text fields (`data`) and the files.
	const fromMultipart = await deliver(raw('multipart/form-data; boundary=b0undary', Buffer.alloc(300), { data: { event_name: 'job.approve', job_id: '9' }, files: {} }));

	expect(fromForm.status).toBeUndefined();
	expect(fromForm.response.workflowData![0][0].json).toMatchObject({ event_name: 'job.approve', job_id: '7', event: 'job.approve' });
	expect(fromJson.response.workflowData![0][0].json).toMatchObject({ job_id: 8, event: 'job.approve' });
	expect(fromMultipart.response.workflowData![0][0].json).toMatchObject({ job_id: '9', event: 'job.approve' });
});
