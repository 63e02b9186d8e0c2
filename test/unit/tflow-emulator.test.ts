/**
 * The tFLOW emulator against its contract: tokens, the error envelope, jobs and the workflow table,
 * uploads and downloads, webhook deliveries and fault injection, driven over HTTP with fetch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createTflowEmulator, type TflowEmulator } from '../../tools/emulators/tflow';

interface Answer {
	status: number;
	headers: Headers;
	body: any;
	bytes: Buffer;
}

interface Call {
	token?: string | null;
	json?: unknown;
	form?: Record<string, string>;
	multipart?: FormData;
	query?: Record<string, string>;
}

const START = Date.parse('2026-01-05T10:00:00Z');
let clock = START;
const emulator: TflowEmulator = createTflowEmulator({ now: () => clock });
let token = '';

async function call(method: string, path: string, options: Call = {}): Promise<Answer> {
	const url = new URL(path, emulator.url);
	for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
	const headers: Record<string, string> = {};
	const bearer = options.token === undefined ? token : options.token;
	if (bearer) headers.Authorization = `Bearer ${bearer}`;
	let body: string | URLSearchParams | FormData | undefined;
	if (options.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(options.json);
	} else if (options.form) {
		body = new URLSearchParams(options.form);
	} else if (options.multipart) {
		body = options.multipart;
	}
	const response = await fetch(url, { method, headers, body });
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let parsed: unknown = text;
	if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
	return { status: response.status, headers: response.headers, body: parsed, bytes };
}

async function newToken() {
	const answer = await call('POST', '/oauth/access_token', {
		token: null,
		form: { grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: 'tflow-demo-secret' },
	});
	expect(answer.status).toBe(200);
	return answer.body.access_token as string;
}

function artworkForm(json: Record<string, unknown>, bytes?: Buffer, fileName = 'artwork.pdf', type = 'application/pdf') {
	const form = new FormData();
	form.append('_json', JSON.stringify(json));
	if (bytes) form.append('artwork', new Blob([bytes], { type }), fileName);
	return form;
}

/** A local webhook receiver that records what it got and answers with `status`. */
async function startReceiver(status = 200) {
	const received: Array<{ contentType: string; body: string; url: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ contentType: String(req.headers['content-type']), body: Buffer.concat(chunks).toString(), url: req.url ?? '' });
			res.statusCode = receiver.status;
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const receiver = {
		status,
		received,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	return receiver;
}

beforeAll(() => emulator.start());

afterAll(() => emulator.stop());

beforeEach(async () => {
	await emulator.reset();
	emulator.configure({ tokenMaxUses: 0, tokenLifetimeSeconds: 3600, preflightOutcome: 'ok', webhookFormat: 'form', includeSecurityKey: true, defaultWorkflowId: 2, generatedFileBytes: 0 });
	emulator.server.faults.length = 0;
	clock = START;
	token = await newToken();
	emulator.server.clearLog();
});

describe('tokens', () => {
	test('issues a 40-character Bearer token for form or JSON client credentials and counts requests', async () => {
		const before = emulator.tokenRequests;
		const form = await call('POST', '/oauth/access_token', {
			token: null,
			form: { grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: 'tflow-demo-secret' },
		});
		expect(form.status).toBe(200);
		expect(form.body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{40}$/), token_type: 'Bearer', expires_in: 3600 });
		const json = await call('POST', '/oauth/access_token', {
			token: null,
			json: { grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: 'tflow-demo-secret' },
		});
		expect(json.status).toBe(200);
		expect(json.body.access_token).not.toBe(form.body.access_token);
		expect(emulator.tokenRequests).toBe(before + 2);
	});

	test.each([
		['a wrong secret', { grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: 'nope' }],
		['a wrong key', { grant_type: 'client_credentials', client_id: 'other', client_secret: 'tflow-demo-secret' }],
		['a wrong grant', { grant_type: 'password', client_id: 'tflow-demo-key', client_secret: 'tflow-demo-secret' }],
	])('refuses %s with invalid_client', async (_case, form) => {
		const answer = await call('POST', '/oauth/access_token', { token: null, form });
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
	});

	test('a token expires when its lifetime has passed', async () => {
		emulator.configure({ tokenLifetimeSeconds: 60 });
		const shortLived = await newToken();
		expect((await call('GET', '/api/v2/job/1', { token: shortLived })).status).toBe(200);
		clock += 59_000;
		expect((await call('GET', '/api/v2/job/1', { token: shortLived })).status).toBe(200);
		clock += 2_000;
		const expired = await call('GET', '/api/v2/job/1', { token: shortLived });
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({ error: 'access_denied', message: 'The access token is missing, invalid or expired' });
	});

	test('a token expires after tokenMaxUses authenticated calls, and expireTokens() ends all tokens', async () => {
		emulator.configure({ tokenMaxUses: 2 });
		const limited = await newToken();
		expect((await call('GET', '/api/v2/job/list', { token: limited })).status).toBe(200);
		expect((await call('GET', '/api/v2/order/list', { token: limited })).status).toBe(200);
		expect((await call('GET', '/api/v2/job/list', { token: limited })).status).toBe(401);

		emulator.configure({ tokenMaxUses: 0 });
		const fresh = await newToken();
		expect((await call('GET', '/api/v2/job/list', { token: fresh })).status).toBe(200);
		emulator.expireTokens();
		expect((await call('GET', '/api/v2/job/list', { token: fresh })).status).toBe(401);
	});

	test('refuses a missing, unknown or query-string token but serves /api/version without one', async () => {
		for (const options of [{ token: null }, { token: 'x'.repeat(40) }, { token: null, query: { access_token: token } }]) {
			const answer = await call('GET', '/api/v2/job/list', options);
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({ error: 'access_denied', message: 'The access token is missing, invalid or expired' });
		}
		const version = await call('GET', '/api/version', { token: null });
		expect(version.body).toEqual({ version: '0.2.6280', branch: 'trunk' });
	});

	test('an upload with a bad token is read, refused with 401 and creates nothing', async () => {
		const answer = await call('POST', '/api/v2/job/1/executeTransition', {
			token: 'expired-token',
			multipart: artworkForm({ transition_name: 'upload_first_revision' }, randomBytes(256 * 1024)),
		});
		expect(answer.status).toBe(401);
		expect(emulator.server.requests('POST', '/api/v2/job/1/executeTransition')[0].files[0].size).toBe(256 * 1024);
		expect(emulator.state.revisions.size).toBe(2);
		expect(emulator.state.jobs.get(1)!.current_state_name).toBe('to_upload_first');
	});
});

describe('jobs', () => {
	test('create validates every field and answers the error envelope without creating anything', async () => {
		const missing = await call('POST', '/api/v2/job/create', { json: { priority: 'high', attach_proofs: 'maybe' } });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({
			error: true,
			messages: {
				order_id: ['This field is required'],
				ship_date: ['This field is required'],
				priority: ['Must be a number'],
				attach_proofs: ['Must be a boolean'],
			},
		});
		const unknown = await call('POST', '/api/v2/job/create', {
			json: { order_id: 99, ship_date: '22.10.2015', product_id: 7 },
		});
		expect(unknown.status).toBe(400);
		expect(unknown.body.messages.order_id).toEqual(['Order 99 not found']);
		expect(unknown.body.messages.product_id).toEqual(['Product 7 not found']);
		expect(unknown.body.messages.ship_date[0]).toMatch(/ISO 8601/);
		expect(emulator.state.jobs.size).toBe(4);
	});

	test.each([
		['2015-10-22T15:12:35+07', '2015-10-22T08:12:35+00:00'],
		['2016-01-01T00:00:00+0100', '2015-12-31T23:00:00+00:00'],
		['2015-10-28 00:00:00', '2015-10-28T00:00:00+00:00'],
		['2026-02-01T09:30:00Z', '2026-02-01T09:30:00+00:00'],
	])('accepts the ship date %s', async (shipDate, stored) => {
		const answer = await call('POST', '/api/v2/job/create', { json: { order_id: 2, ship_date: shipDate } });
		expect(answer.status).toBe(200);
		expect(answer.body.ship_date).toBe(stored);
	});

	test('create applies defaults from the order and accepts form-encoded nested fields', async () => {
		const answer = await call('POST', '/api/v2/job/create', {
			form: {
				order_id: '1',
				ship_date: '2026-02-01T09:30:00+01:00',
				priority: '3',
				attach_proofs: 'true',
				'props[quantity]': '500',
				'tflows[0][id]': '808:1',
				'assignments[instance_user_ids][]': '2',
			},
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({
			id: 5,
			order_id: 1,
			name: 'TF000001-4',
			priority: 3,
			attach_proofs: true,
			product_id: 2,
			props: { quantity: '500' },
			tflows: [{ id: '808:1' }],
			assignments: { instance_user_ids: ['2'] },
			current_state_name: 'to_upload_first',
			rush_status: 'none',
			revision_count: 0,
		});
		const listed = await call('GET', '/api/v2/job/list', { query: { order_id: '1', job_name: 'tf000001-4' } });
		expect(listed.body.map((job: { id: number }) => job.id)).toEqual([5]);
	});

	test('get, update, delete and 404 use tFLOW shapes', async () => {
		const updated = await call('POST', '/api/v2/job/4/update', { json: { notes: 'Eyelets every 50 cm', priority: 2 } });
		expect(updated.body).toMatchObject({ id: 4, notes: 'Eyelets every 50 cm', priority: 2, name: 'TF000002-1' });
		const moved = await call('POST', '/api/v2/job/4/update', { json: { order_id: 1 } });
		expect(moved.status).toBe(400);
		expect(Object.keys(moved.body.messages)).toEqual(['order_id']);
		const deleted = await call('DELETE', '/api/v2/job/4');
		expect(deleted.body).toEqual({ id: 4, deleted: true });
		const gone = await call('GET', '/api/v2/job/4');
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ error: true, messages: { id: ['Job 4 not found'] } });
	});

	test('uploadAndCreate creates a job with its first revision, or nothing without a file', async () => {
		const missing = await call('POST', '/api/v2/job/uploadAndCreate', { multipart: artworkForm({ order_id: 2, ship_date: '2026-02-01' }) });
		expect(missing.body).toEqual({ error: true, messages: { artwork: ['A file is required'] } });
		expect(emulator.state.jobs.size).toBe(4);
		const created = await call('POST', '/api/v2/job/uploadAndCreate', {
			multipart: artworkForm({ order_id: 2, ship_date: '2026-02-01', name: 'Banner back' }, Buffer.from('%PDF-1.7 banner')),
		});
		expect(created.body).toMatchObject({ id: 5, name: 'Banner back', current_state_name: 'to_review', revision_count: 1 });
	});

	test('uploadAndCreate refuses an empty or too large file, and then creates neither a job nor a revision', async () => {
		const revisions = emulator.state.revisions.size;
		const empty = await call('POST', '/api/v2/job/uploadAndCreate', { multipart: artworkForm({ order_id: 2, ship_date: '2026-02-01' }, Buffer.alloc(0)) });
		expect(empty.body).toEqual({ error: true, messages: { artwork: ['The file is empty'] } });
		emulator.configure({ maxArtworkBytes: 10 });
		try {
			const large = await call('POST', '/api/v2/job/uploadAndCreate', { multipart: artworkForm({ order_id: 2, ship_date: '2026-02-01' }, Buffer.from('%PDF-1.7 banner')) });
			expect(large.status).toBe(400);
			expect(large.body).toEqual({ error: true, messages: { artwork: ['The file is larger than 10 bytes, the most this instance accepts'] } });
		} finally {
			emulator.configure({ maxArtworkBytes: 0 });
		}
		expect([emulator.state.jobs.size, emulator.state.revisions.size]).toEqual([4, revisions]);
	});

	test('rush requests move rush_status', async () => {
		expect((await call('POST', '/api/v2/job/2/rush/request')).body.rush_status).toBe('requested');
		expect((await call('POST', '/api/v2/job/2/rush/undoRequest')).body.rush_status).toBe('none');
		await call('POST', '/api/v2/job/2/rush/request');
		expect((await call('POST', '/api/v2/job/2/rush/clear')).body.rush_status).toBe('none');
	});
});

describe('workflow 2 transitions', () => {
	test('allowedTransitions lists the user transitions of each seeded state', async () => {
		const allowed = async (jobId: number) => (await call('GET', `/api/v2/job/${jobId}/allowedTransitions`)).body;
		expect(await allowed(1)).toEqual(['upload_first_revision', 'reject_from_upload_first']);
		expect(await allowed(2)).toEqual(['approve', 'reject', 'close_to_rejected']);
		expect(await allowed(3)).toEqual(['release', 'reject_from_approved', 'undo_approve']);
	});

	test('a transition that is not allowed names the allowed ones; system transitions are refused', async () => {
		for (const name of ['release', 'checks_ok']) {
			const answer = await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: name } });
			expect(answer.status).toBe(400);
			expect(answer.body).toEqual({
				error: true,
				messages: {
					transition_name: [
						`Transition "${name}" is not allowed for job 2 in state "to_review". Allowed: approve, reject, close_to_rejected`,
					],
				},
			});
		}
		expect(emulator.state.jobs.get(2)!.current_state_name).toBe('to_review');
	});

	test('approve, undo, approve and release to a queue, with parameters in the body, form or query string', async () => {
		expect((await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'approve', comment: 'Looks good' } })).body.current_state_name).toBe('approved');
		expect((await call('POST', '/api/v2/job/2/executeTransition', { form: { transition_name: 'undo_approve' } })).body.current_state_name).toBe('to_review');
		expect((await call('POST', '/api/v2/job/2/executeTransition', { query: { transition_name: 'approve' } })).body.current_state_name).toBe('approved');
		const unknownQueue = await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'release', tflow_id: '9:9' } });
		expect(unknownQueue.body).toEqual({ error: true, messages: { tflow_id: ['Queue 9:9 not found'] } });
		const released = await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'release', tflow_id: '808:2' } });
		expect(released.body.current_state_name).toBe('released');
		expect((await call('GET', '/api/v2/job/2/allowedTransitions')).body).toEqual(['re_release_from_released']);
		expect(emulator.state.jobs.get(2)!.history.map((entry) => [entry.transition, entry.to, entry.comment, entry.tflow_id])).toEqual([
			['approve', 'approved', 'Looks good', undefined],
			['undo_approve', 'to_review', undefined, undefined],
			['approve', 'approved', undefined, undefined],
			['release', 'released', undefined, '808:2'],
		]);
	});

	test('an upload transition stores a revision with the uploaded bytes and runs the preflight', async () => {
		const artwork = randomBytes(1024 * 1024 + 17);
		const answer = await call('POST', '/api/v2/job/1/executeTransition', {
			multipart: artworkForm({ transition_name: 'upload_first_revision' }, artwork, 'menu card – final.pdf'),
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ id: 1, current_state_name: 'to_review', revision_count: 1 });
		const revisions = await call('GET', '/api/v2/job/1/revisions');
		expect(revisions.body).toEqual([
			{
				id: 3,
				job_id: 1,
				number: 1,
				file_name: 'menu card – final.pdf',
				file_size: artwork.length,
				mime_type: 'application/pdf',
				sha256: createHash('sha256').update(artwork).digest('hex'),
				exception_code: null,
				exception_message: null,
				created_at: expect.any(String),
			},
		]);
		const original = await call('GET', '/api/v2/revision/3/originalFile');
		expect(original.bytes.equals(artwork)).toBe(true);
		expect(original.headers.get('content-length')).toBe(String(artwork.length));
		expect(original.headers.get('content-type')).toBe('application/pdf');
		expect(original.headers.get('content-disposition')).toBe(
			`attachment; filename="menu card _ final.pdf"; filename*=UTF-8''${encodeURIComponent('menu card – final.pdf')}`,
		);
	});

	test('an upload transition without a file is refused; a preflight error puts the next revision on hold', async () => {
		const noFile = await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'reject' } });
		expect(noFile.body.current_state_name).toBe('to_upload_again');
		const missing = await call('POST', '/api/v2/job/2/executeTransition', { multipart: artworkForm({ transition_name: 'upload_next_revision' }) });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ error: true, messages: { artwork: ['A file is required'] } });

		emulator.configure({ preflightOutcome: 'error' });
		const held = await call('POST', '/api/v2/job/2/executeTransition', {
			multipart: artworkForm({ transition_name: 'upload_next_revision' }, Buffer.from('%PDF-1.4 low-res')),
		});
		expect(held.body).toMatchObject({ current_state_name: 'on_hold', revision_count: 2 });
		const [, second] = (await call('GET', '/api/v2/job/2/revisions')).body;
		expect(second).toMatchObject({ number: 2, exception_code: 'preflight_error', exception_message: expect.stringMatching(/ppi/) });
		expect((await call('GET', '/api/v2/job/2/allowedTransitions')).body).toEqual(['accept', 'reject_from_on_hold']);

		emulator.configure({ preflightOutcome: 'ok' });
		expect((await call('POST', '/api/v2/job/2/repreflight')).body.current_state_name).toBe('to_review');
		expect((await call('GET', '/api/v2/revision/3')).body.exception_code).toBeNull();
		expect((await call('POST', '/api/v2/job/1/repreflight')).status).toBe(400);
	});
});

describe('other workflows', () => {
	const jobInWorkflow = async (workflowId: number) => {
		const order = await call('POST', '/api/v2/order/create', { json: { client_id: 101, ship_date: '2026-03-01', workflow_id: workflowId } });
		expect(order.body.workflow_id).toBe(workflowId);
		const job = await call('POST', '/api/v2/job/create', { json: { order_id: order.body.id, ship_date: '2026-03-01' } });
		await call('POST', `/api/v2/job/${job.body.id}/executeTransition`, {
			multipart: artworkForm({ transition_name: 'upload_first_revision' }, Buffer.from('%PDF')),
		});
		return job.body.id as number;
	};
	const approve = async (jobId: number) =>
		(await call('POST', `/api/v2/job/${jobId}/executeTransition`, { json: { transition_name: 'approve' } })).body.current_state_name;

	test('workflow 4 releases automatically after approval', async () => {
		expect(await approve(await jobInWorkflow(4))).toBe('released');
	});

	test('workflow 5 ends at approved without a release', async () => {
		const jobId = await jobInWorkflow(5);
		expect(await approve(jobId)).toBe('approved');
		expect((await call('GET', `/api/v2/job/${jobId}/allowedTransitions`)).body).toEqual(['reject_from_approved', 'undo_approve']);
	});

	test('workflow 30 skips approval; unknown workflows are refused', async () => {
		const jobId = await jobInWorkflow(30);
		expect((await call('GET', `/api/v2/job/${jobId}`)).body.current_state_name).toBe('approved');
		const refused = await call('POST', '/api/v2/order/create', { json: { client_id: 101, ship_date: '2026-03-01', workflow_id: 8 } });
		expect(refused.body.messages.workflow_id[0]).toMatch(/Workflow 8 is not available/);
	});
});

describe('downloads', () => {
	test('generated PDFs and previews are deterministic and carry Content-Length and Content-Disposition', async () => {
		const proof = await call('GET', '/api/v2/revision/1/proof');
		expect(proof.status).toBe(200);
		expect(proof.headers.get('content-type')).toBe('application/pdf');
		expect(proof.headers.get('content-length')).toBe(String(proof.bytes.length));
		expect(proof.headers.get('content-disposition')).toBe('attachment; filename="TF000001-2_r1_proof.pdf"');
		expect(proof.bytes.subarray(0, 8).toString()).toBe('%PDF-1.4');
		expect(proof.bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
		expect((await call('GET', '/api/v2/revision/1/proof')).bytes.equals(proof.bytes)).toBe(true);
		for (const [route, suffix] of [['lowresFile', 'lowres'], ['preflightedPdf', 'preflighted']]) {
			const file = await call('GET', `/api/v2/revision/1/${route}`);
			expect(file.headers.get('content-disposition')).toBe(`attachment; filename="TF000001-2_r1_${suffix}.pdf"`);
		}

		const preview = await call('GET', '/api/v2/revision/1/preview/2');
		expect(preview.headers.get('content-type')).toBe('image/png');
		expect(preview.headers.get('content-length')).toBe(String(preview.bytes.length));
		expect(preview.bytes.subarray(1, 4).toString()).toBe('PNG');
		expect((await call('GET', '/api/v2/revision/1/preview/1')).bytes.equals(preview.bytes)).toBe(false);

		const seeded = await call('GET', '/api/v2/revision/1/originalFile');
		const listed = (await call('GET', '/api/v2/job/2/revisions')).body[0];
		expect(seeded.bytes.length).toBe(listed.file_size);
		expect(createHash('sha256').update(seeded.bytes).digest('hex')).toBe(listed.sha256);
		expect(seeded.headers.get('content-disposition')).toBe('attachment; filename="ben-business-cards.pdf"');
	});

	test('a large generated file streams with its exact size', async () => {
		emulator.configure({ generatedFileBytes: 24 * 1024 * 1024 + 3 });
		const response = await fetch(new URL('/api/v2/revision/2/preflightedPdf', emulator.url), { headers: { Authorization: `Bearer ${token}` } });
		expect(response.headers.get('content-length')).toBe(String(24 * 1024 * 1024 + 3));
		let size = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) size += chunk.length;
		expect(size).toBe(24 * 1024 * 1024 + 3);
	});

	test('deleting a revision removes it and its file; unknown revisions are 404', async () => {
		await call('POST', '/api/v2/job/1/executeTransition', {
			multipart: artworkForm({ transition_name: 'upload_first_revision' }, Buffer.from('%PDF')),
		});
		const source = emulator.state.revisions.get(3)!.source;
		const uploaded = source.kind === 'upload' ? source.path : '';
		expect(existsSync(uploaded)).toBe(true);
		expect((await call('DELETE', '/api/v2/revision/3')).body).toEqual({ id: 3, deleted: true });
		expect(existsSync(uploaded)).toBe(false);
		expect((await call('DELETE', '/api/v2/revision/1')).body).toEqual({ id: 1, deleted: true });
		expect((await call('GET', '/api/v2/job/2')).body.revision_count).toBe(0);
		const missing = await call('GET', '/api/v2/revision/1/proof');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ error: true, messages: { id: ['Revision 1 not found'] } });
	});
});

describe('orders, companies, users, products and queues', () => {
	test('orders get automatic names and filters', async () => {
		const created = await call('POST', '/api/v2/order/create', { json: { client_id: 102, ship_date: '2026-04-01T10:00:00+02:00', external_id: 'SHOP-77' } });
		expect(created.body).toMatchObject({ id: 3, name: 'TF000003', client_id: 102, workflow_id: 2, product_id: 1, external_id: 'SHOP-77', props: {} });
		const invalid = await call('POST', '/api/v2/order/create', { json: { client_id: 5 } });
		expect(invalid.body).toEqual({ error: true, messages: { client_id: ['Client 5 not found'], ship_date: ['This field is required'] } });
		const listed = await call('GET', '/api/v2/order/list', { query: { client_id: '102' } });
		expect(listed.body.map((order: { name: string }) => order.name)).toEqual(['TF000002', 'TF000003']);
		expect((await call('POST', '/api/v2/order/3/update', { json: { description: 'Flyers' } })).body.description).toBe('Flyers');
	});

	test('users never expose passwords; list filters match exactly, ignoring case', async () => {
		const created = await call('POST', '/api/v2/user/create', { json: { email: 'Eve@AcmeBakery.example', name: 'Eve', password: 's3cret!', client_id: 101 } });
		expect(created.status).toBe(200);
		expect(created.body).not.toHaveProperty('password');
		expect(JSON.stringify((await call('GET', '/api/v2/user/list')).body)).not.toContain('s3cret!');
		const duplicate = await call('POST', '/api/v2/user/create', { json: { email: 'eve@acmebakery.example' } });
		expect(duplicate.body.messages.email[0]).toMatch(/already exists/);
		const filtered = await call('GET', '/api/v2/user/list', { query: { 'filter[field]': 'email', 'filter[value]': 'API@printshop.example' } });
		expect(filtered.body).toEqual([expect.objectContaining({ id: 1, email: 'api@printshop.example', client_id: 1 })]);
		const byName = await call('GET', '/api/v2/client/list', { query: { 'filter[field]': 'name', 'filter[value]': 'acme bakery' } });
		expect(byName.body).toEqual([{ id: 101, name: 'Acme Bakery', tflows: [{ id: '808:1' }, { id: '808:2' }] }]);
		const products = await call('GET', '/api/v2/product/list', { query: { 'filter[field]': 'name', 'filter[value]': 'Passthrough' } });
		expect(products.body).toEqual([{ id: 1, name: 'Passthrough', description: expect.any(String) }]);
	});

	test('queues list and filter; a company lists its queues', async () => {
		const queues = await call('GET', '/api/v2/tflow/list', { query: { queue_name: 'large' } });
		expect(queues.body).toEqual([{ id: '808:2', tflow_id: 808, tflow_name: 'TURBINE_F_808', queue_id: 2, queue_name: 'Large Format' }]);
		expect((await call('GET', '/api/v2/tflow/808:1')).body.queue_name).toBe('Full Color');
		const client = await call('POST', '/api/v2/client/create', { json: { name: 'Contoso Signs', tflows: [{ id: '808:2' }] } });
		expect(client.body).toEqual({ id: 103, name: 'Contoso Signs', tflows: [{ id: '808:2' }] });
		expect((await call('GET', '/api/v2/client/103/tflows')).body).toEqual([{ id: '808:2', tflow_name: 'TURBINE_F_808', queue_name: 'Large Format' }]);
	});
});

describe('webhooks', () => {
	test('registration, lookup by id or event name, update and delete', async () => {
		const created = await call('POST', '/api/v2/webhook/create', { json: { name: 'job.approve', url: 'http://127.0.0.1:9/x?wf=1', security_key: 'k1' } });
		expect(created.body).toEqual({ id: 1, name: 'job.approve', url: 'http://127.0.0.1:9/x?wf=1', security_key: 'k1', failed_attempts: 0 });
		expect((await call('GET', '/api/v2/webhook/job.approve')).body.id).toBe(1);
		expect((await call('POST', '/api/v2/webhook/1', { json: { url: 'http://127.0.0.1:9/y' } })).body.url).toBe('http://127.0.0.1:9/y');
		const invalid = await call('POST', '/api/v2/webhook/create', { json: { name: 'job.approved!', url: 'ftp://x' } });
		expect(Object.keys(invalid.body.messages)).toEqual(['name', 'url']);
		expect((await call('DELETE', '/api/v2/webhook/1')).body).toEqual({ id: 1, deleted: true });
		expect((await call('DELETE', '/api/v2/webhook/1')).status).toBe(404);
		expect((await call('GET', '/api/v2/webhook/list')).body).toEqual([]);
	});

	test('API changes deliver form-encoded events with the fields that apply', async () => {
		const receiver = await startReceiver();
		try {
			for (const name of ['job.approve', 'job.complete', 'order.create']) {
				await call('POST', '/api/v2/webhook/create', { json: { name, url: `${receiver.url}?registration=${name}`, security_key: `key-${name}` } });
			}
			await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'approve' } });
			await emulator.flushDeliveries();
			expect(receiver.received).toHaveLength(1);
			const [approve] = receiver.received;
			expect(approve.contentType).toBe('application/x-www-form-urlencoded');
			expect(approve.url).toBe('/hook?registration=job.approve');
			expect(Object.fromEntries(new URLSearchParams(approve.body))).toEqual({
				event_name: 'job.approve',
				job_id: '2',
				order_id: '1',
				client_id: '101',
				timestamp: '2026-01-05T10:00:00+00:00',
				security_key: 'key-job.approve',
			});
			await call('POST', '/api/v2/job/2/executeTransition', { json: { transition_name: 'release' } });
			await call('POST', '/api/v2/order/create', { json: { client_id: 101, ship_date: '2026-03-01' } });
			await emulator.flushDeliveries();
			expect(emulator.deliveries.map((delivery) => [delivery.event, delivery.ok, delivery.status])).toEqual([
				['job.approve', true, 200],
				['job.complete', true, 200],
				['order.create', true, 200],
			]);
		} finally {
			await receiver.close();
		}
	});

	test('the last job of an order reaching a terminal state completes the job and the order', async () => {
		const receiver = await startReceiver();
		try {
			for (const name of ['job.reject_from_upload_first', 'job.complete', 'order.complete']) {
				await call('POST', '/api/v2/webhook/create', { json: { name, url: receiver.url, security_key: 'k' } });
			}
			await call('POST', '/api/v2/job/4/executeTransition', { json: { transition_name: 'reject_from_upload_first' } });
			await emulator.flushDeliveries();
			const events = receiver.received.map((delivery) => Object.fromEntries(new URLSearchParams(delivery.body)));
			expect(events.map((event) => [event.event_name, event.job_id, event.order_id])).toEqual([
				['job.reject_from_upload_first', '4', '2'],
				['job.complete', '4', '2'],
				['order.complete', undefined, '2'],
			]);
		} finally {
			await receiver.close();
		}
	});

	test('JSON deliveries without the security key; failures count on failed_attempts', async () => {
		emulator.configure({ webhookFormat: 'json', includeSecurityKey: false });
		const receiver = await startReceiver(500);
		try {
			await call('POST', '/api/v2/webhook/create', { json: { name: 'revision.create', url: receiver.url, security_key: 'hidden' } });
			await call('POST', '/api/v2/webhook/create', { json: { name: 'revision.create', url: 'http://127.0.0.1:1/closed', security_key: 'k' } });
			await call('POST', '/api/v2/job/1/executeTransition', {
				multipart: artworkForm({ transition_name: 'upload_first_revision' }, Buffer.from('%PDF')),
			});
			await emulator.flushDeliveries();
			expect(receiver.received[0].contentType).toBe('application/json');
			expect(JSON.parse(receiver.received[0].body)).toEqual({
				event_name: 'revision.create',
				job_id: 1,
				order_id: 1,
				client_id: 101,
				revision_id: 3,
				timestamp: expect.any(String),
			});
			const failures = emulator.deliveries.map((delivery) => [delivery.webhookId, delivery.ok, delivery.status, Boolean(delivery.error)]);
			expect(failures).toEqual(expect.arrayContaining([[1, false, 500, true], [2, false, undefined, true]]));
			const webhooks = (await call('GET', '/api/v2/webhook/list')).body;
			expect(webhooks.map((webhook: { failed_attempts: number }) => webhook.failed_attempts)).toEqual([1, 1]);
		} finally {
			await receiver.close();
		}
	});

	test('the control interface fires an event for a job and bursts deliveries', async () => {
		const receiver = await startReceiver();
		try {
			await call('POST', '/api/v2/webhook/create', { json: { name: 'job.approve', url: receiver.url, security_key: 'k' } });
			const fired = await call('POST', '/__control/fire', { token: null, json: { event: 'job.approve', job_id: 3, note: 'manual' } });
			expect(fired.body.deliveries).toHaveLength(1);
			expect(Object.fromEntries(new URLSearchParams(receiver.received[0].body))).toMatchObject({
				event_name: 'job.approve',
				job_id: '3',
				order_id: '1',
				client_id: '101',
				note: 'manual',
			});
			const burst = await call('POST', '/__control/burst', { token: null, json: { event: 'job.approve', count: 20, concurrency: 5 } });
			expect(burst.body).toMatchObject({ count: 20, deliveries: 20, ok: 20, failed: 0 });
			expect(receiver.received).toHaveLength(21);
			expect((await call('GET', '/__control/deliveries', { token: null })).body).toHaveLength(21);
		} finally {
			await receiver.close();
		}
	});
});

describe('webhooks of an instance without ids or with one webhook per event', () => {
	afterEach(() => emulator.configure({ webhookIds: true, webhooksPerEvent: 'many' }));
	const hook = (name: string, url: string) => ({ json: { name, url, security_key: 'k' } });

	test('webhookIds false: no id in create, list, get, update and delete answers; keys are event names, a numeric key is 404', async () => {
		emulator.configure({ webhookIds: false });
		const created = await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/a'));
		expect(created.body).toEqual({ name: 'job.approve', url: 'http://127.0.0.1:9/a', security_key: 'k', failed_attempts: 0 });
		expect((await call('GET', '/api/v2/webhook/list')).body).toEqual([created.body]);
		expect((await call('GET', '/api/v2/webhook/job.approve')).body).toEqual(created.body);
		expect((await call('GET', '/api/v2/webhook/1')).status).toBe(404);
		expect((await call('POST', '/api/v2/webhook/1', { json: { url: 'http://127.0.0.1:9/b' } })).status).toBe(404);
		expect((await call('DELETE', '/api/v2/webhook/1')).status).toBe(404);
		const updated = await call('POST', '/api/v2/webhook/job.approve', { json: { url: 'http://127.0.0.1:9/b' } });
		expect(updated.body).toEqual({ ...created.body, url: 'http://127.0.0.1:9/b' });
		// the id stays in the state: the deliveries log names it
		expect([...emulator.state.webhooks.values()].map((webhook) => webhook.id)).toEqual([1]);
		expect((await call('DELETE', '/api/v2/webhook/job.approve')).body).toEqual({ name: 'job.approve', deleted: true });
		expect(emulator.state.webhooks.size).toBe(0);
	});

	test('by name, the first webhook of that event is the one addressed', async () => {
		emulator.configure({ webhookIds: false });
		await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/first'));
		await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/second'));
		expect((await call('DELETE', '/api/v2/webhook/job.approve')).status).toBe(200);
		expect([...emulator.state.webhooks.values()].map((webhook) => webhook.url)).toEqual(['http://127.0.0.1:9/second']);
	});

	test("webhooksPerEvent 'one': a second webhook for an event name is refused with 400, other events and 'many' are fine", async () => {
		emulator.configure({ webhooksPerEvent: 'one' });
		expect((await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/a'))).status).toBe(200);
		const second = await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/b'));
		expect(second.status).toBe(400);
		expect(second.body).toEqual({ error: true, messages: { name: ['A webhook for "job.approve" already exists'] } });
		expect((await call('POST', '/api/v2/webhook/create', hook('order.complete', 'http://127.0.0.1:9/c'))).status).toBe(200);
		// renaming onto a taken event name is refused as well
		expect((await call('POST', '/api/v2/webhook/2', { json: { name: 'job.approve' } })).status).toBe(400);
		expect([...emulator.state.webhooks.values()].map((webhook) => [webhook.name, webhook.url])).toEqual([
			['job.approve', 'http://127.0.0.1:9/a'],
			['order.complete', 'http://127.0.0.1:9/c'],
		]);
		emulator.configure({ webhooksPerEvent: 'many' });
		expect((await call('POST', '/api/v2/webhook/create', hook('job.approve', 'http://127.0.0.1:9/b'))).status).toBe(200);
	});

	test("the documented profile hides webhook ids; settings given beside it win", () => {
		expect(createTflowEmulator({ profile: 'documented' }).config).toMatchObject({ webhookIds: false, webhooksPerEvent: 'many' });
		expect(createTflowEmulator({ profile: 'documented', webhookIds: true }).config.webhookIds).toBe(true);
		expect(createTflowEmulator().config).toMatchObject({ webhookIds: true, webhooksPerEvent: 'many' });
	});
});

describe('controls and faults', () => {
	test('an injected fault reaches a tFLOW route once, then the route answers normally', async () => {
		emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/job/', status: 503, body: { error: 'maintenance' }, headers: { 'Retry-After': '1' } });
		const faulted = await call('GET', '/api/v2/job/1');
		expect(faulted.status).toBe(503);
		expect(faulted.headers.get('retry-after')).toBe('1');
		expect((await call('GET', '/api/v2/job/1')).status).toBe(200);

		await call('POST', '/__control/faults', { token: null, json: { kind: 'status', path: '^/api/v2/order/', status: 429, times: 2 } });
		expect((await call('GET', '/api/v2/order/1')).status).toBe(429);
		expect((await call('GET', '/api/v2/order/1')).status).toBe(429);
		expect((await call('GET', '/api/v2/order/1')).status).toBe(200);
	});

	test('config, token counters, expiry and reset over HTTP', async () => {
		const patched = await call('PATCH', '/__control/config', { token: null, json: { preflightOutcome: 'error', tokenMaxUses: 5 } });
		expect(patched.body).toMatchObject({ preflightOutcome: 'error', tokenMaxUses: 5 });
		const bad = await call('PATCH', '/__control/config', { token: null, json: { webhookFormat: 'xml' } });
		expect(bad.status).toBe(400);
		expect((await call('GET', '/__control/token-requests', { token: null })).body.tokenRequests).toBe(emulator.tokenRequests);

		await call('DELETE', '/api/v2/job/1');
		expect((await call('POST', '/__control/reset', { token: null })).body).toEqual({ reset: true, seeded: true });
		const state = (await call('GET', '/__control/state', { token: null })).body;
		expect(state.jobs.map((job: { current_state_name: string }) => job.current_state_name)).toEqual([
			'to_upload_first',
			'to_review',
			'approved',
			'to_upload_first',
		]);
		expect(JSON.stringify(state)).not.toContain('seeded-password');

		await call('POST', '/__control/expire-tokens', { token: null });
		expect((await call('GET', '/api/v2/job/1')).status).toBe(401);
	});
});

describe('the documented profile\'s settings: requireJobFields and listFilters', () => {
	afterEach(() => emulator.configure({ requireJobFields: false, listFilters: 'honor' }));

	const REQUIRED = ['This field is required'];
	const ids = (answer: Answer) => (answer.body as Array<{ id: number }>).map((entry) => entry.id);

	test('the documented profile turns both on; the default leaves them off', () => {
		expect(createTflowEmulator({ profile: 'documented' }).config).toMatchObject({ requireJobFields: true, listFilters: 'ignore' });
		expect(createTflowEmulator().config).toMatchObject({ requireJobFields: false, listFilters: 'honor' });
	});

	test('requireJobFields: job/create and job/uploadAndCreate without priority, attach_proofs or props are refused, each missing field listed, nothing created', async () => {
		emulator.configure({ requireJobFields: true });
		const before = [emulator.state.jobs.size, emulator.state.revisions.size];

		const bare = await call('POST', '/api/v2/job/create', { json: { order_id: 1, ship_date: '2026-05-01' } });
		expect(bare.status).toBe(400);
		expect(bare.body).toEqual({ error: true, messages: { priority: REQUIRED, attach_proofs: REQUIRED, props: REQUIRED } });
		const partly = await call('POST', '/api/v2/job/create', { json: { order_id: 1, ship_date: '2026-05-01', priority: 0 } });
		expect(partly.body).toEqual({ error: true, messages: { attach_proofs: REQUIRED, props: REQUIRED } });
		const upload = await call('POST', '/api/v2/job/uploadAndCreate', {
			multipart: artworkForm({ order_id: 1, ship_date: '2026-05-01', attach_proofs: false, props: {} }, Buffer.from('%PDF-1.7 flyer')),
		});
		expect(upload.status).toBe(400);
		expect(upload.body).toEqual({ error: true, messages: { priority: REQUIRED } });
		expect([emulator.state.jobs.size, emulator.state.revisions.size]).toEqual(before);

		const complete = { order_id: 1, ship_date: '2026-05-01', priority: 0, attach_proofs: false, props: {} };
		const created = await call('POST', '/api/v2/job/create', { json: complete });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ id: 5, priority: 0, attach_proofs: false, props: {} });
		// A form sends them as text, as the Ruby client does.
		const asForm = await call('POST', '/api/v2/job/create', { form: { order_id: '1', ship_date: '2026-05-01', priority: '2', attach_proofs: '1', 'props[quantity]': '5' } });
		expect(asForm.body).toMatchObject({ id: 6, priority: 2, attach_proofs: true, props: { quantity: '5' } });
		const uploaded = await call('POST', '/api/v2/job/uploadAndCreate', { multipart: artworkForm(complete, Buffer.from('%PDF-1.7 flyer')) });
		expect(uploaded.body).toMatchObject({ id: 7, revision_count: 1 });
		// An update stays partial.
		const updated = await call('POST', '/api/v2/job/1/update', { json: { notes: 'call first' } });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ id: 1, notes: 'call first' });

		emulator.configure({ requireJobFields: false });
		expect((await call('POST', '/api/v2/job/create', { json: { order_id: 1, ship_date: '2026-05-01' } })).body).toMatchObject({ id: 8, priority: 0, attach_proofs: false });
	});

	test('listFilters ignore: order/list and job/list answer every entry whatever the filters; documented filters still apply', async () => {
		const lists = async () => ({
			jobsByName: ids(await call('GET', '/api/v2/job/list', { query: { job_name: 'tf000002' } })),
			jobsByOrder: ids(await call('GET', '/api/v2/job/list', { query: { order_id: '2' } })),
			ordersByName: ids(await call('GET', '/api/v2/order/list', { query: { name: '000002' } })),
			ordersByClient: ids(await call('GET', '/api/v2/order/list', { query: { client_id: '101' } })),
			clientsByName: ids(await call('GET', '/api/v2/client/list', { query: { 'filter[field]': 'name', 'filter[value]': 'acme bakery' } })),
			queuesByName: (await call('GET', '/api/v2/tflow/list', { query: { queue_name: 'Large' } })).body.map((queue: { id: string }) => queue.id),
		});
		const documented = { clientsByName: [101], queuesByName: ['808:2'] };
		expect(await lists()).toEqual({ jobsByName: [4], jobsByOrder: [4], ordersByName: [2], ordersByClient: [1], ...documented });
		emulator.configure({ listFilters: 'ignore' });
		expect(await lists()).toEqual({ jobsByName: [1, 2, 3, 4], jobsByOrder: [1, 2, 3, 4], ordersByName: [1, 2], ordersByClient: [1, 2], ...documented });
	});
});
