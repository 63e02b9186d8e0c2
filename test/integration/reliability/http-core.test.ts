/**
 * The shared HTTP core (nodes/shared/http.ts, redact.ts, transfer.ts, paths.ts, token.ts) as the
 * three nodes use it, against the emulators:
 * - redirects: a redirect to another origin is never followed, so the second server (a plain
 *   recorder on another port) receives nothing; reads follow redirects within the same origin;
 * - redaction: answers that echo the request JSON-escaped, URL-encoded, form-encoded or with its
 *   Basic auth header leave no form of a secret in errors or continueOnFail items;
 * - a token failure before a write says the write was not sent (and it was not);
 * - empty, `.` and `..` path segments are refused before any request;
 * - JSON answers are capped; downloads have a total deadline and an optional size limit;
 * - D2S timeouts from 1 s to 24 h, enforced over the whole call.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { READ_RETRY_POLICY } from '../../../nodes/shared/http';
import { TRANSFER_LIMITS } from '../../../nodes/shared/transfer';
import type { EchoForm } from '../../../tools/emulators/common/server';
import type { RunNodeResult } from '../../../tools/harness';
import type { D2sTestbed } from '../d2s/setup';
import { MUG, startD2s, unitsParameter } from '../d2s/setup';
import { orderById } from '../papilio/world';
import { PAPILIO_CLIENT_SECRET, PAPILIO_PASSWORD, serializeError, startPapilioBed, startTflowBed, TFLOW_CLIENT_SECRET } from './setup';

let tflow: Awaited<ReturnType<typeof startTflowBed>>;
let papilio: Awaited<ReturnType<typeof startPapilioBed>>;
let d2s: D2sTestbed;
const defaultPolicy = { ...READ_RETRY_POLICY };
const defaultLimits = { ...TRANSFER_LIMITS };

/** The "other host": a server on another port (another origin) that records what reaches it. */
const elsewhere = { server: undefined as http.Server | undefined, url: '', received: [] as Array<{ url?: string; headers: http.IncomingHttpHeaders; body: string }> };

beforeAll(async () => {
	tflow = await startTflowBed();
	papilio = await startPapilioBed();
	d2s = await startD2s();
	Object.assign(READ_RETRY_POLICY, { baseDelayMs: 5, maxDelayMs: 20 });
	elsewhere.server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			elsewhere.received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"access_token":"stolen","id":1}');
		});
	});
	await new Promise<void>((resolve) => elsewhere.server!.listen(0, '127.0.0.1', resolve));
	elsewhere.url = `http://127.0.0.1:${(elsewhere.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	Object.assign(READ_RETRY_POLICY, defaultPolicy);
	await tflow.stop();
	await papilio.emulator.stop();
	await d2s.stop();
	elsewhere.server?.closeAllConnections();
	await new Promise((resolve) => elsewhere.server?.close(resolve));
});
beforeEach(async () => {
	Object.assign(TRANSFER_LIMITS, defaultLimits);
	await tflow.reset();
	papilio.reset();
	d2s.useCredentials();
	d2s.d2s.server.clearLog();
	for (const server of [tflow.emulator.server, papilio.emulator.server, d2s.d2s.server]) server.faults.length = 0;
	elsewhere.received.length = 0;
});

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
const text = (result: RunNodeResult) => `${JSON.stringify(result.items)}\n${serializeError(result.error)}`;
const redirectTo = (status: number, method: string, path: string, location = `${elsewhere.url}/steal`) => ({
	kind: 'status' as const,
	method,
	path,
	status,
	times: 5,
	headers: { Location: location },
	body: { moved: true },
});

const d2sOrder = () => ({
	orderReference: 'R-1',
	email: 'customer@example.com',
	confirm: true,
	unitsInputMode: 'fields',
	units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', d2s.images.imageUrl('a.jpg')]] }]),
	options: {} as Record<string, number>,
});

describe('3. credentials never follow a redirect to another origin', () => {
	test('tFLOW read: a 302 to another host is not followed, the other host receives nothing', async () => {
		await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
		const token = tflow.token();
		tflow.emulator.server.addFault(redirectTo(302, 'GET', '^/api/v2/job/1$'));
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
		expect(result.error?.message).toMatch(/redirected the request to another server \(http:\/\/127\.0\.0\.1:\d+\)/);
		expect(elsewhere.received).toHaveLength(0);
		expect(text(result)).not.toContain(token);
	});

	test('tFLOW read: a redirect within tFLOW is followed, with the token', async () => {
		tflow.emulator.server.addFault(redirectTo(302, 'GET', '^/api/v2/job/1$', '/api/v2/job/2'));
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(2);
		expect(tflow.apiCalls('GET', '/api/v2/job/2')[0].headers.authorization).toMatch(/^Bearer \S+$/);
	});

	test('tFLOW write: a 307 is never followed, not even within tFLOW', async () => {
		tflow.emulator.server.addFault(redirectTo(307, 'POST', '^/api/v2/job/create$'));
		const result = await tflow.run({ resource: 'job', operation: 'create', orderId: byId(1), shipDate: '2026-05-01' });
		expect(result.error?.message).toMatch(/redirected the request \(HTTP 307\)/);
		expect(elsewhere.received).toHaveLength(0);
	});

	test('tFLOW token request: a 307 does not carry the client secret away', async () => {
		tflow.emulator.server.addFault(redirectTo(307, 'POST', 'oauth/access_token'));
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) });
		expect(result.error).toBeDefined();
		expect(elsewhere.received).toHaveLength(0);
		expect(text(result)).not.toContain(TFLOW_CLIENT_SECRET);
	});

	test('papilio read and token request: neither the token, the password nor the Basic auth reach the other host', async () => {
		papilio.emulator.server.addFault(redirectTo(307, 'POST', '^/oauth/token/user$'));
		const login = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });
		expect(login.error).toBeDefined();
		expect(text(login)).not.toContain(PAPILIO_PASSWORD);
		papilio.emulator.server.faults.length = 0;

		papilio.emulator.server.addFault(redirectTo(302, 'GET', '^/api/v1/order/51038$'));
		const read = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} });
		expect(read.error?.message).toMatch(/redirected the request to another server/);
		expect(elsewhere.received).toHaveLength(0);
	});

	test('D2S put-order: a 307 does not carry the order and the secret away', async () => {
		d2s.d2s.server.addFault(redirectTo(307, 'POST', '.'));
		const result = await d2s.put(d2sOrder());
		expect(result.error).toBeDefined();
		expect(elsewhere.received).toHaveLength(0);
	});
});

describe('4. redaction covers every form in which a secret can come back', () => {
	const SPECIAL = 'sp3c!al "secret"/+ &x=1 é\\';
	test.each<EchoForm>(['raw', 'json', 'url', 'form'])('D2S: a 500 that echoes the request (%s) leaves no form of the secret, continueOnFail item included', async (form) => {
		d2s.useCredentials({ secret: SPECIAL });
		d2s.d2s.server.addFault({ kind: 'status', method: 'POST', status: 500, echo: form });
		const failed = await d2s.put(d2sOrder());
		const item = await (async () => {
			d2s.d2s.server.addFault({ kind: 'status', method: 'POST', status: 500, echo: form });
			return await d2s.put(d2sOrder(), { continueOnFail: true });
		})();
		expect(item.items[0].json.responseBody ?? item.items[0].json).toBeDefined();
		for (const result of [failed, item]) {
			const all = text(result);
			expect(all).toContain('could not process');
			for (const leak of [SPECIAL, JSON.stringify(SPECIAL).slice(1, -1), encodeURIComponent(SPECIAL), new URLSearchParams({ s: SPECIAL }).toString().slice(2)]) {
				expect(all).not.toContain(leak);
			}
			expect(all).not.toContain('sp3c!al');
		}
	});

	test('tFLOW: a token endpoint that echoes its form-encoded request leaves no form of the client secret', async () => {
		await tflow.reset({ clientSecret: SPECIAL });
		tflow.emulator.server.addFault({ kind: 'status', method: 'POST', path: 'oauth/access_token', status: 400, echo: 'raw' });
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(1) }, undefined, { continueOnFail: true });
		expect(tflow.tokenCalls()).not.toHaveLength(0);
		expect(text(result)).not.toContain('sp3c');
	});

	test('papilio: a token endpoint that echoes its Basic auth header leaves no trace of the client secret', async () => {
		papilio.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/oauth/token/user$', status: 400, echo: 'raw' });
		const result = await papilio.run({ resource: 'order', operation: 'get', orderId: orderById(51038), options: {} }, { continueOnFail: true });
		const all = text(result);
		expect(all).toContain('could not process');
		const basic = Buffer.from(`${String(papilio.harness.credentials.decrypted('papilioApi').clientId)}:${PAPILIO_CLIENT_SECRET}`).toString('base64');
		expect(all).not.toContain(basic);
		expect(all).not.toContain(PAPILIO_PASSWORD);
	});
});

describe('5. a token failure before a write says nothing was sent', () => {
	test.each([
		['a 500 of the token endpoint', { kind: 'status' as const, status: 500, body: { error: 'server_error' } }],
		['a dropped connection at the token endpoint', { kind: 'drop' as const }],
	])('tFLOW create after %s', async (_name, fault) => {
		tflow.emulator.server.addFault({ ...fault, method: 'POST', path: 'oauth/access_token', times: 2 });
		const result = await tflow.run({ resource: 'job', operation: 'create', orderId: byId(1), shipDate: '2026-05-01' });
		expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(0);
		const said = `${result.error?.message} ${result.error?.description}`;
		expect(said).toMatch(/was not sent and nothing was changed in tFLOW/);
		expect(said).not.toMatch(/unknown whether/);
	});

	test('papilio update after a 500 of the token endpoint', async () => {
		papilio.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/oauth/token/user$', status: 500, times: 2, body: { error: 'internal_server_error' } });
		const result = await papilio.run({ resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'x' } });
		expect(papilio.apiCalls('POST', '/api/v1/order/51042')).toHaveLength(0);
		const said = `${result.error?.message} ${result.error?.description}`;
		expect(said).toMatch(/was not sent and nothing was changed in papilio/);
		expect(said).not.toMatch(/unknown whether/);
	});
});

describe('9. empty, "." and ".." path segments are refused before any request', () => {
	test.each(['..', '.'])('papilio template search for %j', async (term) => {
		const result = await papilio.run({ resource: 'template', operation: 'search', term, returnAll: true });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Search Term');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(papilio.apiCalls()).toHaveLength(0);
	});

	test.each(['..', '.'])('D2S lab id %j', async (labId) => {
		d2s.useCredentials({ labId });
		const result = await d2s.put(d2sOrder());
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Lab ID');
		expect(d2s.d2s.server.requests()).toHaveLength(0);
	});
});

describe('10. size caps and download deadlines', () => {
	test('a JSON answer larger than the cap stops being read and fails clearly', async () => {
		TRANSFER_LIMITS.maxJsonBytes = 200;
		const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: {} });
		expect(result.error?.message).toMatch(/The answer is larger than 0 MB, the most the node reads into memory/);
	});

	test('a download that never ends stops at its deadline', async () => {
		TRANSFER_LIMITS.downloadDeadlineMs = 800;
		papilio.emulator.server.addFault({ kind: 'trickle', method: 'GET', path: '^/api/v1/order/download/51038$', delayMs: 50 });
		const started = Date.now();
		const result = await papilio.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error).toBeDefined();
		expect(result.items).toHaveLength(0);
	});

	test('a download larger than the size limit stops there', async () => {
		TRANSFER_LIMITS.downloadMaxBytes = 100;
		const result = await papilio.run({ resource: 'order', operation: 'download', orderId: orderById(51038), binaryPropertyName: 'data' });
		expect(result.error).toBeDefined();
		expect(result.items).toHaveLength(0);
	});
});

describe('11. D2S timeout: 1 s to 24 h, over the whole call', () => {
	test.each([0.0004, 0.5, 2147484, 86401])('%p seconds is refused before any request', async (timeout) => {
		const result = await d2s.put({ ...d2sOrder(), options: { timeout } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('Timeout');
		expect(d2s.d2s.server.requests()).toHaveLength(0);
	});

	test('an answer that trickles in stops at the deadline, not at the first idle second', async () => {
		d2s.d2s.server.addFault({ kind: 'trickle', method: 'POST', delayMs: 100 });
		const started = Date.now();
		const result = await d2s.put({ ...d2sOrder(), options: { timeout: 1 } });
		const elapsed = Date.now() - started;
		expect(result.error?.message).toBe('D2S Workflow did not answer within 1 seconds');
		expect(elapsed).toBeGreaterThanOrEqual(900);
		expect(elapsed).toBeLessThan(4000);
	});
});
