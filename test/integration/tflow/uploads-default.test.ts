/**
 * tFLOW node with n8n's default (in-memory) binary mode: uploads arrive intact, downloads land in
 * the item, and a missing binary field stops the item before anything is sent.
 */
import { createHash, randomBytes } from 'node:crypto';

import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow({ binaryMode: 'default' });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('uploadArtwork sends the bytes of an in-memory binary intact', async () => {
	const bytes = randomBytes(1024 * 1024 + 7);
	const item = await tflow.harness.binaryItem(bytes, 'poster.pdf', 'application/pdf');
	expect(item.binary?.data.id).toBeUndefined();

	const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(4), binaryPropertyName: 'data' }, [item]);

	expect(result.error).toBeUndefined();
	const [upload] = tflow.apiCalls('POST', '/api/v2/job/4/executeTransition');
	expectBearer([upload], tflow.token());
	expect(JSON.parse(String(upload.body._json))).toEqual({ transition_name: 'upload_first_revision' });
	expect(upload.files).toEqual([
		expect.objectContaining({ field: 'artwork', fileName: 'poster.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) }),
	]);
	expect(result.items[0].json).toMatchObject({ id: 4, current_state_name: 'to_review', revision_count: 1 });
});

test('executeTransition upload_first_revision sends the file; the download returns the same bytes', async () => {
	const bytes = randomBytes(64 * 1024);
	const upload = await tflow.run(
		{ resource: 'job', operation: 'executeTransition', jobId: byId(1), transition: 'upload_first_revision', binaryPropertyName: 'file' },
		[await tflow.harness.binaryItem(bytes, 'menu.png', 'image/png', 'file')],
	);
	expect(upload.error).toBeUndefined();
	const [call] = tflow.apiCalls('POST', '/api/v2/job/1/executeTransition');
	expect(call.files[0]).toMatchObject({ fileName: 'menu.png', mimeType: 'image/png', sha256: sha256(bytes) });

	const revisionId = tflow.emulator.state.revisionsOfJob(1)[0].id;
	const download = await tflow.run({ resource: 'revision', operation: 'download', revisionId: String(revisionId), file: 'original', binaryPropertyName: 'data' });
	expect(download.error).toBeUndefined();
	const binary = download.items[0].binary!.data;
	expect(binary).toMatchObject({ fileName: 'menu.png', mimeType: 'image/png' });
	expect(sha256(await tflow.harness.readBinary(binary))).toBe(sha256(bytes));
});

test('an upload transition given by an expression still uses the chosen binary field', async () => {
	const bytes = randomBytes(2048);
	const result = await tflow.run(
		{ resource: 'job', operation: 'executeTransition', jobId: byId(4), transition: '={{ $json.step }}', binaryPropertyName: 'banner' },
		[await tflow.harness.binaryItem(bytes, 'banner.pdf', 'application/pdf', 'banner', { step: 'upload_first_revision' })],
	);
	expect(result.error).toBeUndefined();
	expect(tflow.apiCalls('POST', '/api/v2/job/4/executeTransition')[0].files[0]).toMatchObject({ fileName: 'banner.pdf', sha256: sha256(bytes) });
});

test('a missing binary field is an error naming the field and the item; nothing is sent', async () => {
	const result = await tflow.run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'artwork' }, [
		{ json: { name: 'no file here' } },
	]);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toBe('binaryPropertyName: the input item has no binary field "artwork" (item 0)');
	expect(tflow.emulator.server.requests()).toHaveLength(0);

	const transition = await tflow.run(
		{ resource: 'job', operation: 'executeTransition', jobId: byId(1), transition: 'upload_first_revision', binaryPropertyName: 'data' },
		[{ json: {} }],
	);
	expect(transition.error?.message).toBe('binaryPropertyName: the input item has no binary field "data" (item 0)');
	expect(tflow.emulator.server.requests()).toHaveLength(0);
});
