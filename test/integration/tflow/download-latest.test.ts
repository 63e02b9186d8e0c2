/**
 * Revision › Download Latest: the job's revisions are listed and the file of the latest one (the
 * highest revision ID) is streamed into a binary field, without the user knowing its ID.
 */
import { randomBytes } from 'node:crypto';

import { artworkItem, byId, expectBearer, sha256, useTflow } from './setup';

const tflow = useTflow({ binaryMode: 'filesystem' });

/** Job 2 (seeded with revision 1) gets a second revision with these bytes, through the node; its ID is returned. */
async function uploadSecondRevision(bytes: Buffer): Promise<number> {
	await tflow.run({ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'reject' });
	const uploaded = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(2), binaryPropertyName: 'data' }, [
		await artworkItem(tflow, bytes, 'cards-v2.pdf'),
	]);
	expect(uploaded.error).toBeUndefined();
	const ids = tflow.emulator.state.revisionsOfJob(2).map((revision) => revision.id);
	expect(ids).toHaveLength(2);
	tflow.emulator.server.clearLog();
	return Math.max(...ids);
}

describe('download latest', () => {
	test('the original of the latest revision: the list is read, then only that revision\'s file, bytes intact', async () => {
		const bytes = randomBytes(2 * 1024 * 1024 + 5);
		const latest = await uploadSecondRevision(bytes);

		const result = await tflow.run({
			resource: 'revision',
			operation: 'downloadLatest',
			jobId: { __rl: true, mode: 'list', value: '2', cachedResultName: 'TF000001-2' },
			file: 'original',
			binaryPropertyName: 'artwork',
		});

		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /api/v2/job/2/revisions',
			`GET /api/v2/revision/${latest}/originalFile`,
		]);
		expectBearer(tflow.apiCalls(), tflow.token());
		expect(result.items[0].json).toEqual({
			job_id: 2,
			revision_id: latest,
			file: 'original',
			file_name: 'cards-v2.pdf',
			mime_type: 'application/pdf',
			file_size: bytes.length,
		});
		expect(sha256(await tflow.harness.readBinary(result.items[0].binary!.artwork))).toBe(sha256(bytes));
	});

	test.each([
		['proof', 'proof', 'TF000001-2_r2_proof.pdf'],
		['preflightedPdf', 'preflightedPdf', 'TF000001-2_r2_preflighted.pdf'],
		['lowRes', 'lowresFile', 'TF000001-2_r2_lowres.pdf'],
	])('%s of the latest revision is tFLOW\'s PDF of that revision', async (file, path, fileName) => {
		const latest = await uploadSecondRevision(randomBytes(4096));

		const result = await tflow.run({ resource: 'revision', operation: 'downloadLatest', jobId: byId(2), file, binaryPropertyName: 'data' });

		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual([`/api/v2/revision/${latest}/${path}`]);
		const binary = result.items[0].binary!.data;
		expect(binary).toMatchObject({ fileName, mimeType: 'application/pdf' });
		const pdf = await tflow.harness.readBinary(binary);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toContain('revision 2');
		expect(result.items[0].json).toMatchObject({ job_id: 2, revision_id: latest, file, file_name: fileName, file_size: pdf.length });
	});

	test('a page preview of the latest revision is a PNG of the chosen page', async () => {
		const latest = await uploadSecondRevision(randomBytes(4096));
		const result = await tflow.run({ resource: 'revision', operation: 'downloadLatest', jobId: byId(2), file: 'preview', pageNumber: 3, binaryPropertyName: 'preview' });
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual([`/api/v2/revision/${latest}/preview/3`]);
		const binary = result.items[0].binary!.preview;
		expect(binary).toMatchObject({ fileName: 'TF000001-2_r2_page3.png', mimeType: 'image/png' });
		expect((await tflow.harness.readBinary(binary)).subarray(1, 4).toString()).toBe('PNG');
		expect(result.items[0].json).toMatchObject({ job_id: 2, revision_id: latest, file: 'preview', page: 3 });
	});

	test('"latest" is the highest revision ID, whatever order tFLOW lists them in', async () => {
		const seeded = tflow.emulator.state.revisions.get(1)!;
		tflow.emulator.state.revisions.set(40, { ...seeded, id: 40, number: 2 });
		tflow.emulator.state.revisions.set(7, { ...seeded, id: 7, number: 3 });
		const result = await tflow.run({ resource: 'revision', operation: 'downloadLatest', jobId: byId(2), file: 'proof', binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.revision_id).toBe(40);
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual(['/api/v2/revision/40/proof']);
	});

	test('a job without revisions is an error naming the job and the item; nothing is downloaded', async () => {
		expect(tflow.emulator.state.revisionsOfJob(1)).toEqual([]);
		const parameters = { resource: 'revision', operation: 'downloadLatest', jobId: byId('={{ $json.job }}'), file: 'proof', binaryPropertyName: 'data' };
		const input = [{ json: { job: 2 } }, { json: { job: 1 } }];

		const result = await tflow.run(parameters, input);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Job 1 has no revisions yet, so there is no file to download (item 1)');
		expect(result.error?.description).toContain('Upload Artwork');
		// Only item 0's file was asked for; for job 1 nothing but its (empty) revision list.
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual(['/api/v2/revision/1/proof']);
		expect(tflow.apiCalls('GET', '/api/v2/job/1/revisions')).toHaveLength(1);

		tflow.emulator.server.clearLog();
		const continued = await tflow.run(parameters, input, { continueOnFail: true });
		expect(continued.items.map((item) => item.json.revision_id ?? item.json.error)).toEqual([
			1,
			'Job 1 has no revisions yet, so there is no file to download (item 1)',
		]);
		expect(continued.items[1].binary).toBeUndefined();
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual(['/api/v2/revision/1/proof']);
	});

	test.each(['thumbnail', 'toString', 'constructor'])('a file choice that does not exist (%s) is refused before tFLOW is asked', async (file) => {
		const result = await tflow.run({ resource: 'revision', operation: 'downloadLatest', jobId: byId(2), file, binaryPropertyName: 'data' });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`unknown file "${file}"`);
		expect(tflow.apiCalls()).toHaveLength(0);
	});
});
