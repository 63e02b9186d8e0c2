/**
 * Job › Create With Artwork: one multipart request (job/uploadAndCreate) with Job Create's fields in
 * `_json` and the file streamed from n8n's binary store in `artwork`. Bad input is refused before
 * anything is sent, and a refused or cut-off upload leaves no job and no revision behind. What is
 * sent runs against both emulator profiles (a documented instance requires priority, attach_proofs
 * and props).
 */
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { INodeParameters } from 'n8n-workflow';

import { PROFILE_NAMES, artworkItem as itemWithArtwork, byId, expectBearer, sha256, useTflowProfiles } from './setup';

const beds = useTflowProfiles({ binaryMode: 'filesystem' });
const tflow = beds.kind;
afterEach(() => jest.restoreAllMocks());

const SHIP_DATE = '2026-05-01T12:00:00.000Z';

const artworkItem = async (bytes: Buffer, fileName?: string) => await itemWithArtwork(tflow, bytes, fileName);

function createWithArtwork(parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'job', operation: 'createWithArtwork', orderId: byId(1), shipDate: SHIP_DATE, binaryPropertyName: 'data', additionalFields: {}, ...parameters };
}

/** Jobs and revisions the emulator holds, to prove that a failure added none. */
const counts = () => ({ jobs: tflow.emulator.state.jobs.size, revisions: tflow.emulator.state.revisions.size });

describe.each(PROFILE_NAMES)('create with artwork, %s profile', (profile) => {
	const tflow = beds[profile];
	const artworkItem = async (bytes: Buffer, fileName?: string) => await itemWithArtwork(tflow, bytes, fileName);

		test('one request: Job Create\'s fields in _json, the file streamed in artwork; the output is the created job', async () => {
			const bytes = randomBytes(6 * 1024 * 1024 + 77);
			const input = [await artworkItem(bytes)];
			const binaryData = Container.get(BinaryDataService);
			const wholeFileReads = jest.spyOn(binaryData, 'getAsBuffer');
			const streams = jest.spyOn(binaryData, 'getAsStream');

			const result = await tflow.run(
				createWithArtwork({
					propsInputMode: 'keyValue',
					props: { property: [{ name: 'quantity', value: '500' }] },
					assignmentsInputMode: 'keyValue',
					assignments: { assignment: [{ type: 'instance_user_ids', userIds: '2' }] },
					additionalFields: { name: 'Flyer A5', priority: 3, attachProofs: true, queues: ['808:1'] },
				}),
				input,
			);

			expect(result.error).toBeUndefined();
			// Streamed from the store, never read whole into memory.
			expect(wholeFileReads).not.toHaveBeenCalled();
			expect(streams).toHaveBeenCalled();
			// The definitions (for the quantity property), then the order (it proves the token before the file goes), then the one upload; no job/create.
			expect(tflow.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/prop/job', 'GET /api/v2/order/1', 'POST /api/v2/job/uploadAndCreate']);
			const [upload] = tflow.apiCalls('POST', '/api/v2/job/uploadAndCreate');
			expectBearer([upload], tflow.token());
			expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
			expect(Object.keys(upload.body)).toEqual(['_json']);
			expect(JSON.parse(String(upload.body._json))).toEqual({
				order_id: 1,
				ship_date: SHIP_DATE,
				name: 'Flyer A5',
				priority: 3,
				attach_proofs: true,
				tflows: [{ id: '808:1' }],
				props: { quantity: '500' },
				assignments: { instance_user_ids: [2] },
			});
			expect(upload.files).toEqual([
				expect.objectContaining({ field: 'artwork', fileName: 'flyer-a5.pdf', mimeType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) }),
			]);

			expect(result.items).toHaveLength(1);
			const job = result.items[0].json;
			expect(job).toMatchObject({ order_id: 1, name: 'Flyer A5', priority: 3, current_state_name: 'to_review', revision_count: 1 });
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			const revisions = tflow.emulator.state.revisionsOfJob(Number(job.id));
			expect(revisions).toEqual([expect.objectContaining({ number: 1, file_name: 'flyer-a5.pdf', file_size: bytes.length, sha256: sha256(bytes) })]);
		});


		test('with priority, attach proofs and properties left out, _json carries 0, false and {}, which the API lists as required', async () => {
			const bytes = randomBytes(3000);
			const result = await tflow.run(createWithArtwork(), [await artworkItem(bytes)]);
			expect(result.error).toBeUndefined();
			const [upload] = tflow.apiCalls('POST', '/api/v2/job/uploadAndCreate');
			expect(JSON.parse(String(upload.body._json))).toEqual({ order_id: 1, ship_date: SHIP_DATE, priority: 0, attach_proofs: false, props: {} });
			expect(upload.files.map((file) => file.sha256)).toEqual([sha256(bytes)]);
			expect(result.items[0].json).toMatchObject({ order_id: 1, priority: 0, attach_proofs: false, props: {}, current_state_name: 'to_review', revision_count: 1 });
		});
});

describe('create with artwork', () => {
	test('several items: one job each, from each item\'s own file', async () => {
		const files = [randomBytes(2000), randomBytes(3000)];
		const result = await tflow.run(createWithArtwork({ additionalFields: { name: '={{ $json.source }}' } }), [
			await artworkItem(files[0], 'a.pdf'),
			await artworkItem(files[1], 'b.pdf'),
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.name)).toEqual(['a.pdf', 'b.pdf']);
		const uploads = tflow.apiCalls('POST', '/api/v2/job/uploadAndCreate');
		expect(uploads.map((call) => call.files[0].sha256)).toEqual(files.map(sha256));
		for (const [index, item] of result.items.entries()) {
			expect(tflow.emulator.state.revisionsOfJob(Number(item.json.id)).map((revision) => revision.sha256)).toEqual([sha256(files[index])]);
		}
	});

	test.each([
		['a missing binary field', { binaryPropertyName: '={{ $itemIndex === 1 ? "artwork" : "data" }}' }, 'binaryPropertyName: the input item has no binary field "artwork" (item 1)'],
		['an order ID that is not a number', { orderId: byId('={{ $itemIndex === 1 ? "TF-1" : 1 }}') }, 'orderId'],
		['a ship date that is not a date', { shipDate: '={{ $itemIndex === 1 ? "next week" : "2026-05-01" }}' }, 'shipDate'],
	])('%s in item 1 is refused before anything is sent, even for item 0', async (_name, parameters, message) => {
		const before = counts();

		const result = await tflow.run(createWithArtwork(parameters), [await artworkItem(randomBytes(1000)), await artworkItem(randomBytes(1000))]);

		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('(item 1)');
		expect(tflow.emulator.server.requests()).toHaveLength(0);
		expect(counts()).toEqual(before);
	});

	test('an upload cut off mid-stream creates nothing: no job, no revision, no file kept; the error says the outcome is unknown', async () => {
		const bytes = randomBytes(4 * 1024 * 1024);
		tflow.emulator.server.addFault({ kind: 'dropMidRequest', method: 'POST', path: '^/api/v2/job/uploadAndCreate$', afterBytes: 1024 * 1024 });
		const before = counts();
		const jobsBefore = [...tflow.emulator.state.jobs.keys()];

		const result = await tflow.run(createWithArtwork(), [await artworkItem(bytes)]);

		const uploads = tflow.apiCalls('POST', '/api/v2/job/uploadAndCreate');
		// Sent once, never again (the job may have been created as far as the node knows).
		expect(uploads).toHaveLength(1);
		expect(uploads[0].fault).toBe('dropMidRequest');
		expect(result.items).toHaveLength(0);
		const text = `${result.error?.message}\n${result.error?.description ?? ''}`;
		expect(text).toMatch(/unknown whether tFLOW processed it/);
		expect(text).not.toMatch(/safe to run/i);
		// Atomic at the emulator: nothing half-made.
		expect(counts()).toEqual(before);
		expect([...tflow.emulator.state.jobs.keys()]).toEqual(jobsBefore);
		expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(0);
		expect(tflow.apiCalls('POST', /executeTransition$/)).toHaveLength(0);
		// The part of the file that arrived is deleted too (the emulator may still be cleaning up).
		const uploadDir = tflow.emulator.server['uploadDir'];
		for (let wait = 0; wait < 50 && readdirSync(uploadDir).length > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(readdirSync(uploadDir)).toEqual([]);
	});

	test('a file tFLOW refuses creates nothing, and the error is tFLOW\'s message (not "outcome unknown")', async () => {
		tflow.emulator.configure({ maxArtworkBytes: 100 * 1024 });
		try {
			const before = counts();
			const result = await tflow.run(createWithArtwork(), [await artworkItem(randomBytes(200 * 1024))]);
			expect(result.error?.message).toBe('tFLOW rejected the request: artwork: The file is larger than 102400 bytes, the most this instance accepts');
			expect(result.error?.httpCode).toBe('400');
			expect(`${result.error?.description ?? ''}`).not.toMatch(/unknown whether/);
			expect(tflow.apiCalls('POST', '/api/v2/job/uploadAndCreate')).toHaveLength(1);
			expect(counts()).toEqual(before);
		} finally {
			tflow.emulator.configure({ maxArtworkBytes: 0 });
		}
	});

	test('an order that does not exist is found out before the file is sent', async () => {
		const result = await tflow.run(createWithArtwork({ orderId: byId(999) }), [await artworkItem(randomBytes(1000))]);
		expect(result.error?.message).toBe('Not found in tFLOW: id: Order 999 not found');
		expect(tflow.apiCalls('POST')).toHaveLength(0);
	});
});
