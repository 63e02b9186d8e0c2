/**
 * tFLOW node with n8n's filesystem binary mode: artwork uploads streamed from n8n's binary store
 * (bytes arrive intact, the file is never read whole into memory), the upload transition chosen
 * from the job's state, downloads streamed into binary data, and interrupted downloads.
 */
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { randomBytes } from 'node:crypto';
import { appendFileSync, truncateSync } from 'node:fs';

import { artworkItem as itemWithArtwork, byId, expectBearer, sha256, useTflow } from './setup';

const tflow = useTflow({ binaryMode: 'filesystem' });
afterEach(() => jest.restoreAllMocks());


const artworkItem = async (bytes: Buffer, fileName?: string, property?: string) => await itemWithArtwork(tflow, bytes, fileName, property);

describe('uploadArtwork', () => {
	test('streams the file as multipart (_json + artwork) from the filesystem store; bytes arrive intact', async () => {
		const bytes = randomBytes(6 * 1024 * 1024 + 123);
		const input = [await artworkItem(bytes)];
		const binaryData = Container.get(BinaryDataService);
		const wholeFileReads = jest.spyOn(binaryData, 'getAsBuffer');
		const streams = jest.spyOn(binaryData, 'getAsStream');

		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, input);

		expect(result.error).toBeUndefined();
		expect(wholeFileReads).not.toHaveBeenCalled();
		expect(streams).toHaveBeenCalled();
		const [upload] = tflow.apiCalls('POST', '/api/v2/job/1/executeTransition');
		expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(JSON.parse(String(upload.body._json))).toEqual({ transition_name: 'upload_first_revision' });
		expect(upload.files).toEqual([
			expect.objectContaining({ field: 'artwork', fileName: 'flyer-a5.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) }),
		]);
		expect(upload.headers['content-length']).toBeDefined();
		expectBearer(tflow.apiCalls(), tflow.token());
		// The state was read first (that request also proves the token works before the stream starts).
		expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /api/v2/job/1',
			'POST /api/v2/job/1/executeTransition',
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 1, current_state_name: 'to_review', revision_count: 1 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const revision = [...tflow.emulator.state.revisions.values()].find((candidate) => candidate.job_id === 1);
		expect(revision).toMatchObject({ file_name: 'flyer-a5.pdf', file_size: bytes.length, sha256: sha256(bytes) });
	});

	test('a job waiting for a new revision gets upload_next_revision', async () => {
		const rejected = await tflow.run({ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'reject' });
		expect(rejected.items[0].json.current_state_name).toBe('to_upload_again');
		const bytes = randomBytes(4096);
		const result = await tflow.run(
			{ resource: 'job', operation: 'uploadArtwork', jobId: byId(2), binaryPropertyName: 'artwork', additionalFields: { comment: 'Fixed bleed' } },
			[await artworkItem(bytes, 'cards-v2.pdf', 'artwork')],
		);
		expect(result.error).toBeUndefined();
		const [, upload] = tflow.apiCalls('POST', '/api/v2/job/2/executeTransition');
		expect(JSON.parse(String(upload.body._json))).toEqual({ transition_name: 'upload_next_revision', comment: 'Fixed bleed' });
		expect(upload.files[0]).toMatchObject({ fileName: 'cards-v2.pdf', sha256: sha256(bytes) });
		expect(result.items[0].json).toMatchObject({ id: 2, current_state_name: 'to_review', revision_count: 2 });
	});

	test('a job in any other state is a clear error naming the state, and nothing is uploaded', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(3), binaryPropertyName: 'data' }, [
			await artworkItem(randomBytes(1000)),
		]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Job 3 is in state "approved", which does not accept artwork (item 0)');
		expect(result.error?.description).toContain('Request New Revision');
		expect(result.error?.description).toContain('release, reject_from_approved, undo_approve');
		expect(tflow.apiCalls('POST')).toHaveLength(0);
	});

	test('a token that expires between items is renewed; the refused upload is sent again in full', async () => {
		tflow.emulator.configure({ tokenMaxUses: 3 });
		const files = [randomBytes(300 * 1024), randomBytes(200 * 1024)];
		const input = [await artworkItem(files[0], 'a.pdf'), await artworkItem(files[1], 'b.pdf')];
		const result = await tflow.run(
			{ resource: 'job', operation: 'uploadArtwork', jobId: '={{ $itemIndex === 0 ? 1 : 4 }}', binaryPropertyName: 'data' },
			input,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.current_state_name)).toEqual(['to_review', 'to_review']);
		const uploads = tflow.apiCalls('POST', /executeTransition$/);
		expect(uploads.map((call) => call.status)).toEqual([200, 401, 200]);
		expect(uploads[2].files[0]).toMatchObject({ fileName: 'b.pdf', size: files[1].length, sha256: sha256(files[1]) });
		expect(tflow.tokenCalls()).toHaveLength(2);
		expect(tflow.emulator.state.revisionsOfJob(4)).toHaveLength(1);
	});
});

describe('executeTransition with an upload transition', () => {
	test('sends the file of the chosen binary field', async () => {
		const bytes = randomBytes(128 * 1024);
		const result = await tflow.run(
			{ resource: 'job', operation: 'executeTransition', jobId: byId(4), transition: 'upload_first_revision', binaryPropertyName: 'banner' },
			[await artworkItem(bytes, 'stage-banner.pdf', 'banner')],
		);
		expect(result.error).toBeUndefined();
		const [upload] = tflow.apiCalls('POST', '/api/v2/job/4/executeTransition');
		expect(JSON.parse(String(upload.body._json))).toEqual({ transition_name: 'upload_first_revision' });
		expect(upload.files[0]).toMatchObject({ field: 'artwork', fileName: 'stage-banner.pdf', sha256: sha256(bytes) });
		expectBearer([upload], tflow.token());
		expect(result.items[0].json).toMatchObject({ id: 4, current_state_name: 'to_review' });
	});

	test('a file name with quotes and accents arrives as browsers send it (quotes as %22, UTF-8)', async () => {
		const bytes = randomBytes(1000);
		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, [
			await artworkItem(bytes, 'Menü "Sommer".pdf'),
		]);
		expect(result.error).toBeUndefined();
		const [upload] = tflow.apiCalls('POST', '/api/v2/job/1/executeTransition');
		expect(upload.files).toEqual([expect.objectContaining({ field: 'artwork', fileName: 'Menü %22Sommer%22.pdf', size: 1000, sha256: sha256(bytes) })]);
	});
});

describe('revision: download', () => {
	test('streams the original artwork into binary data with its name and type', async () => {
		const bytes = randomBytes(3 * 1024 * 1024);
		await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, [
			await artworkItem(bytes, 'menu card.pdf'),
		]);
		const revisionId = tflow.emulator.state.revisionsOfJob(1)[0].id;
		tflow.emulator.server.clearLog();

		const result = await tflow.run({
			resource: 'revision',
			operation: 'download',
			revisionId: String(revisionId),
			file: 'original',
			binaryPropertyName: 'artwork',
		});
		expect(result.error).toBeUndefined();
		const [call] = tflow.apiCalls('GET', `/api/v2/revision/${revisionId}/originalFile`);
		expectBearer([call], tflow.token());
		// Unencoded, so the Content-Length the download is checked against is the file's size.
		expect(call.headers['accept-encoding']).toBe('identity');
		const item = result.items[0];
		expect(item.json).toEqual({
			revision_id: revisionId,
			file: 'original',
			file_name: 'menu card.pdf',
			mime_type: 'application/pdf',
			file_size: bytes.length,
		});
		expect(item.binary?.artwork).toMatchObject({ fileName: 'menu card.pdf', mimeType: 'application/pdf' });
		expect(item.binary?.artwork.id).toBeDefined();
		expect(sha256(await tflow.harness.readBinary(item.binary!.artwork))).toBe(sha256(bytes));
	});

	test.each([
		['proof', 'proof', 'TF000001-2_r1_proof.pdf', 'application/pdf'],
		['lowRes', 'lowresFile', 'TF000001-2_r1_lowres.pdf', 'application/pdf'],
		['preflightedPdf', 'preflightedPdf', 'TF000001-2_r1_preflighted.pdf', 'application/pdf'],
	])('%s is a PDF named by tFLOW', async (file, path, fileName, mimeType) => {
		const result = await tflow.run({ resource: 'revision', operation: 'download', revisionId: '1', file, binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', `/api/v2/revision/1/${path}`)).toHaveLength(1);
		const binary = result.items[0].binary!.data;
		expect(binary).toMatchObject({ fileName, mimeType });
		const bytes = await tflow.harness.readBinary(binary);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(result.items[0].json).toMatchObject({ file, file_name: fileName, file_size: bytes.length });
	});

	test('a page preview is a PNG', async () => {
		const result = await tflow.run({
			resource: 'revision',
			operation: 'download',
			revisionId: '2',
			file: 'preview',
			pageNumber: 2,
			binaryPropertyName: 'preview',
		});
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('GET', '/api/v2/revision/2/preview/2')).toHaveLength(1);
		const binary = result.items[0].binary!.preview;
		expect(binary).toMatchObject({ fileName: 'TF000001-3_r1_page2.png', mimeType: 'image/png' });
		expect((await tflow.harness.readBinary(binary)).subarray(1, 4).toString()).toBe('PNG');
		expect(result.items[0].json).toMatchObject({ revision_id: 2, file: 'preview', page: 2 });
	});

	test('a download cut off halfway is a clear error and outputs no binary', async () => {
		tflow.emulator.configure({ generatedFileBytes: 2 * 1024 * 1024 });
		try {
			tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path: '/proof$' });
			const result = await tflow.run({ resource: 'revision', operation: 'download', revisionId: '1', file: 'proof', binaryPropertyName: 'data' });
			expect(result.items).toHaveLength(0);
			expect(result.error?.message).toMatch(/^The download was interrupted before all 2097152 bytes arrived$/);
			expect(result.error?.description).toContain('no binary data was output');

			tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'GET', path: '/proof$' });
			const continued = await tflow.run(
				{ resource: 'revision', operation: 'download', revisionId: '1', file: 'proof', binaryPropertyName: 'data' },
				undefined,
				{ continueOnFail: true },
			);
			expect(continued.items).toHaveLength(1);
			expect(continued.items[0].binary).toBeUndefined();
			expect(continued.items[0].json.error).toMatch(/^The download was interrupted before all 2097152 bytes arrived$/);
			expect(continued.items[0].pairedItem).toEqual({ item: 0 });
		} finally {
			tflow.emulator.configure({ generatedFileBytes: 0 });
		}
	});

	test('a revision that does not exist is tFLOW\'s 404', async () => {
		const result = await tflow.run({ resource: 'revision', operation: 'download', revisionId: '99', file: 'original', binaryPropertyName: 'data' });
		expect(result.error?.message).toBe('Not found in tFLOW: id: Revision 99 not found');
		expect(result.items).toHaveLength(0);
	});
});

describe('revision: delete', () => {
	test('deletes the revision and outputs { deleted: true } with its ID', async () => {
		const result = await tflow.run({ resource: 'revision', operation: 'delete', revisionId: '1' });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 1 }]);
		expectBearer(tflow.apiCalls('DELETE', '/api/v2/revision/1'), tflow.token());
		expect(tflow.emulator.state.revisions.has(1)).toBe(false);
	});
});

describe('a stored file whose size is not the one n8n\'s metadata says', () => {
	/** An artwork item whose stored file is then cut to `actual` bytes (or grown to it), leaving n8n's metadata as it was. */
	async function mismatchedItem(announced: number, actual: number) {
		const item = await artworkItem(randomBytes(announced), 'short.pdf');
		const stored = Container.get(BinaryDataService).getPath(item.binary!.data.id!);
		if (actual < announced) truncateSync(stored, actual);
		else appendFileSync(stored, randomBytes(actual - announced));
		return item;
	}

	test('Upload Artwork: 200 KB announced, 1,000 bytes stored: a quick clear error, nothing uploaded', async () => {
		const input = [await mismatchedItem(200 * 1024, 1000)];
		const state = tflow.emulator.state.jobs.get(1)?.current_state_name;
		const started = Date.now();

		const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, input);

		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`binaryPropertyName: the file "short.pdf" in binary field "data" has 1000 bytes, but n8n's binary data metadata says ${200 * 1024} (item 0)`,
		);
		expect(result.error?.description).toContain('nothing was uploaded');
		expect(result.error?.description).not.toMatch(/unknown/);
		expect(tflow.emulator.state.revisionsOfJob(1)).toHaveLength(0);
		expect(tflow.emulator.state.jobs.get(1)?.current_state_name).toBe(state);
	});

	test('Create With Artwork: a stored file longer than announced stops too, and no job is created', async () => {
		const jobs = tflow.emulator.state.jobs.size;
		const input = [await mismatchedItem(1000, 300 * 1024)];
		const started = Date.now();

		const result = await tflow.run(
			{ resource: 'job', operation: 'createWithArtwork', orderId: byId(1), shipDate: '2026-06-01T00:00:00', binaryPropertyName: 'data', additionalFields: {} },
			input,
		);

		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error?.message).toBe(`binaryPropertyName: the file "short.pdf" in binary field "data" has more than 1000 bytes, but n8n's binary data metadata says 1000 (item 0)`);
		expect(tflow.emulator.state.jobs.size).toBe(jobs);
	});
});
