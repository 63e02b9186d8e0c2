/**
 * Token expiry with the tflowApi credential: the emulator refuses a token after 5 uses, so a run of
 * 25 items crosses several expiries. Every item must succeed, nothing may be created twice, and a
 * large upload whose token expires just before it must arrive intact without a half revision.
 */
import { randomBytes } from 'node:crypto';

import { idFromItem, itemsWithValues, sha256, startTflowBed } from './setup';

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
