/**
 * Token expiry with the tflowApi credential: the emulator refuses a token after 5 uses, so a run of
 * 25 items crosses several expiries. Every item must succeed, nothing may be created twice, and a
 * large upload whose token expires just before it must arrive intact without a half revision.
 */
import { randomBytes } from 'node:crypto';

import { idFromItem, itemsWithValues, sha256, startTflowBed, TFLOW_CLIENT_SECRET } from './setup';

type Bed = Awaited<ReturnType<typeof startTflowBed>>;
let tflow: Bed;

beforeAll(async () => {
	tflow = await startTflowBed('filesystem');
});
afterAll(async () => await tflow.stop());
beforeEach(async () => await tflow.reset());

const SEEDED_JOBS = [1, 2, 3, 4];

/** Status codes of the API calls, in order (401 = refused token). */
const statuses = () => tflow.apiCalls().map((call) => call.status);

describe('the token expires every 5 uses during 25 items', () => {
	beforeEach(() => tflow.emulator.configure({ tokenMaxUses: 5 }));

	test('reads: all 25 succeed, in order and paired; a new token after each refusal', async () => {
		const ids = Array.from({ length: 25 }, (_, index) => SEEDED_JOBS[index % SEEDED_JOBS.length]);

		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem }, itemsWithValues(...ids));

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		// 25 uses at 5 per token: 5 tokens, the 4 refusals each followed by the same read again.
		expect(tflow.tokenCalls()).toHaveLength(5);
		expect(statuses().filter((status) => status === 401)).toHaveLength(4);
		expect(statuses().filter((status) => status === 200)).toHaveLength(25);
	});

	test('creates: 25 jobs, each created once (a refused create is resent, a processed one never)', async () => {
		const jobsBefore = tflow.emulator.state.jobs.size;
		const names = Array.from({ length: 25 }, (_, index) => `Flyer ${index + 1}`);

		const result = await tflow.run(
			{
				resource: 'job',
				operation: 'create',
				orderId: { __rl: true, mode: 'id', value: '1' },
				shipDate: '2026-05-01T12:00:00+02:00',
				additionalFields: { name: '={{ $json.value }}' },
			},
			itemsWithValues(...names),
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(names);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(25);
		const created = [...tflow.emulator.state.jobs.values()].slice(jobsBefore);
		expect(created.map((job) => job.name)).toEqual(names);
		const creates = tflow.apiCalls('POST', '/api/v2/job/create');
		expect(creates.filter((call) => call.status === 200)).toHaveLength(25);
		expect(creates.filter((call) => call.status === 401)).toHaveLength(4);
		expect(tflow.tokenCalls()).toHaveLength(5);
	});

	test('uploads: 25 revisions, each intact and each job with exactly one', async () => {
		const created = await tflow.run(
			{ resource: 'job', operation: 'create', orderId: { __rl: true, mode: 'id', value: '2' }, shipDate: '2026-05-01' },
			itemsWithValues(...Array.from({ length: 25 }, (_, index) => index)),
		);
		expect(created.error).toBeUndefined();
		const jobIds = created.items.map((item) => Number(item.json.id));
		const files = jobIds.map((_, index) => randomBytes(20 * 1024 + index));
		const input = await Promise.all(
			files.map(async (bytes, index) =>
				await tflow.harness.binaryItem(bytes, `art-${index}.pdf`, 'application/pdf', 'data', { value: jobIds[index] }),
			),
		);
		tflow.emulator.server.clearLog();

		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: idFromItem, binaryPropertyName: 'data' }, input);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.id, item.json.current_state_name])).toEqual(
			jobIds.map((id) => [id, 'to_review']),
		);
		jobIds.forEach((jobId, index) => {
			const revisions = tflow.emulator.state.revisionsOfJob(jobId);
			expect(revisions).toHaveLength(1);
			expect(revisions[0]).toMatchObject({ file_name: `art-${index}.pdf`, file_size: files[index].length, sha256: sha256(files[index]) });
		});
		// Every upload request carried the whole file, refused or not.
		for (const upload of tflow.apiCalls('POST', /executeTransition$/)) {
			const index = jobIds.indexOf(Number(/job\/(\d+)\//.exec(upload.path)![1]));
			expect(upload.files).toEqual([expect.objectContaining({ size: files[index].length, sha256: sha256(files[index]) })]);
		}
	});
});

describe('the token expires just before a large upload', () => {
	const bytes = randomBytes(12 * 1024 * 1024 + 7);

	test('expired before the node runs: the read before the upload renews it, the file is sent once and arrives intact', async () => {
		const warmUp = await tflow.run({ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '1' } });
		expect(warmUp.error).toBeUndefined();
		tflow.emulator.expireTokens();
		tflow.emulator.server.clearLog();
		const input = [await tflow.harness.binaryItem(bytes, 'poster-a0.pdf', 'application/pdf')];

		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: { __rl: true, mode: 'id', value: '1' }, binaryPropertyName: 'data' }, input);

		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
			'GET /api/v2/job/1 401',
			'GET /api/v2/job/1 200',
			'POST /api/v2/job/1/executeTransition 200',
		]);
		expect(tflow.tokenCalls()).toHaveLength(1);
		const revisions = tflow.emulator.state.revisionsOfJob(1);
		expect(revisions).toHaveLength(1);
		expect(revisions[0]).toMatchObject({ file_size: bytes.length, sha256: sha256(bytes) });
		expect(result.items[0].json).toMatchObject({ id: 1, current_state_name: 'to_review', revision_count: 1 });
	});

	test('refused at the upload itself: nothing half-uploaded is kept, the file is sent again from its start and arrives intact', async () => {
		// The job read before the upload is the token's last use, so the upload is refused.
		const first = await tflow.run({ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '4' } });
		expect(first.error).toBeUndefined();
		tflow.emulator.configure({ tokenMaxUses: 2 });
		tflow.emulator.server.clearLog();
		const input = [await tflow.harness.binaryItem(bytes, 'banner.pdf', 'application/pdf')];

		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: { __rl: true, mode: 'id', value: '4' }, binaryPropertyName: 'data' }, input);

		expect(result.error).toBeUndefined();
		const uploads = tflow.apiCalls('POST', '/api/v2/job/4/executeTransition');
		expect(uploads.map((call) => call.status)).toEqual([401, 200]);
		for (const upload of uploads) expect(upload.files).toEqual([expect.objectContaining({ size: bytes.length, sha256: sha256(bytes) })]);
		const revisions = tflow.emulator.state.revisionsOfJob(4);
		expect(revisions).toHaveLength(1);
		expect(revisions[0]).toMatchObject({ file_name: 'banner.pdf', file_size: bytes.length, sha256: sha256(bytes) });
		expect(result.items[0].json).toMatchObject({ id: 4, revision_count: 1 });
	});
});

describe('four executions share one credential and tFLOW keeps one active token per key', () => {
	const EXECUTIONS = 4;

	beforeEach(async () => {
		tflow.emulator.configure({ oneActiveTokenPerKey: true });
		// The credential holds a token, which then expires while no execution runs.
		expect((await tflow.run({ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '1' } })).error).toBeUndefined();
		tflow.emulator.expireTokens();
		tflow.emulator.server.clearLog();
	});
	afterEach(() => tflow.emulator.configure({ oneActiveTokenPerKey: false }));

	/**
	 * What another execution (or another n8n process) does while this one's request is under way:
	 * fetches a new token, which revokes the one the request carries, and stores it in the credential.
	 */
	async function renewElsewhereDuring(path: string): Promise<string> {
		for (let waited = 0; tflow.emulator.server.requests(undefined, new RegExp(path)).length === 0; waited += 5) {
			if (waited > 5000) throw new Error(`no request to ${path} arrived`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const answer = await fetch(`${tflow.emulator.url}/oauth/access_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'tflow-demo-key', client_secret: TFLOW_CLIENT_SECRET }),
		});
		const token = ((await answer.json()) as { access_token: string }).access_token;
		tflow.harness.credentials.store.set('tflowApi', { ...tflow.harness.credentials.store.get('tflowApi'), accessToken: token });
		return token;
	}

	test.each([
		['a read', 'GET', '^/api/v2/job/1$', { resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '1' } }],
		['a create', 'POST', '^/api/v2/job/create$', { resource: 'job', operation: 'create', orderId: { __rl: true, mode: 'id', value: '1' }, shipDate: '2026-05-01' }],
	] as const)('%s refused with the token another execution just replaced is sent with the new token, not with one more', async (_name, method, path, parameters) => {
		// The request is held at tFLOW while the other execution renews.
		tflow.emulator.server.addFault({ kind: 'delay', method, path, delayMs: 500 });

		const [result, renewed] = await Promise.all([tflow.run({ ...parameters }), renewElsewhereDuring(path)]);

		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls(method, new RegExp(path)).map((call) => call.status)).toEqual([401, 200]);
		// Only the other execution's token request; its token is still the credential's, and valid.
		expect(tflow.tokenCalls()).toHaveLength(1);
		expect(tflow.token()).toBe(renewed);
	});

	test('reads: every execution succeeds with the one token renewed after the refusals', async () => {
		const ids = [1, 2, 3, 4, 1, 2];

		const results = await Promise.all(
			Array.from({ length: EXECUTIONS }, async () => await tflow.run({ resource: 'job', operation: 'get', jobId: idFromItem }, itemsWithValues(...ids))),
		);

		for (const result of results) {
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.id)).toEqual(ids);
		}
		// One renewal: the executions refused with the expired token use it rather than fetch their own
		// (each new token would revoke the one another execution just fetched).
		expect(tflow.tokenCalls()).toHaveLength(1);
		expect(statuses().filter((status) => status === 200)).toHaveLength(EXECUTIONS * ids.length);
		expect(statuses().filter((status) => status === 401).length).toBeLessThanOrEqual(EXECUTIONS);
	});

	test('creates: every execution succeeds, each job created once, one renewal', async () => {
		const jobsBefore = tflow.emulator.state.jobs.size;
		const names = (execution: number) => [1, 2, 3].map((index) => `Run ${execution} flyer ${index}`);

		const results = await Promise.all(
			Array.from({ length: EXECUTIONS }, async (_, execution) =>
				await tflow.run(
					{
						resource: 'job',
						operation: 'create',
						orderId: { __rl: true, mode: 'id', value: '1' },
						shipDate: '2026-05-01T12:00:00+02:00',
						additionalFields: { name: '={{ $json.value }}' },
					},
					itemsWithValues(...names(execution)),
				),
			),
		);

		results.forEach((result, execution) => {
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.name)).toEqual(names(execution));
		});
		const created = [...tflow.emulator.state.jobs.values()].slice(jobsBefore).map((job) => job.name);
		expect(created.sort()).toEqual(Array.from({ length: EXECUTIONS }, (_, execution) => names(execution)).flat().sort());
		expect(tflow.tokenCalls()).toHaveLength(1);
		const creates = tflow.apiCalls('POST', '/api/v2/job/create');
		expect(creates.filter((call) => call.status === 200)).toHaveLength(EXECUTIONS * 3);
	});
});
