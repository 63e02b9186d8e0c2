/**
 * The tFLOW node run as its AI tool variant (type `tflowTool`, as n8n runs it: the node's own class
 * and properties): what a model gets back from a list is compact, and an upload refuses clearly,
 * before any request, because a tool call carries no file.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { JOB_SIMPLE_FIELDS } from '../../../nodes/Tflow/actions/job/common';
import { TOOL_LIST_LIMIT, TOOL_TYPE_VERSION } from '../../../nodes/shared/tool';
import { byId, useTflow } from './setup';

const tflow = useTflow();

const run = async (type: 'tflow' | 'tflowTool', typeVersion: number, parameters: Record<string, unknown>, input?: INodeExecutionData[]) =>
	await tflow.harness.runNode({ type, typeVersion, parameters: parameters as never, credentials: ['tflowApi'], input });

/** What the model reads: the items' JSON as one text (n8n hands a tool's output items to the model as JSON). */
const answerBytes = (items: INodeExecutionData[]) => Buffer.byteLength(JSON.stringify(items.map((item) => item.json)));

describe('Get Many jobs with the defaults', () => {
	test('the seed jobs: about 390 bytes a job in full, 260 simplified', async () => {
		const full = await run('tflow', 1, { resource: 'job', operation: 'getMany' });
		const simplified = await run('tflow', 1.1, { resource: 'job', operation: 'getMany' });
		expect(full.items).toHaveLength(4);
		expect(simplified.items).toHaveLength(4);
		const perJobFull = answerBytes(full.items) / 4;
		const perJobSimplified = answerBytes(simplified.items) / 4;
		// At the plain node's default Limit of 50 a full answer is about 19 KB, the size issue 14 measured.
		expect(perJobFull * 50).toBeGreaterThan(17_000);
		expect(perJobSimplified).toBeLessThan(perJobFull * 0.75);
	});

	test('a new tool node (typeVersion 1.2) answers 10 simplified jobs, under 3 KB; a new plain node still 50', async () => {
		tflow.emulator.state.addJobCopies(2, 60, 40);
		const plain = await run('tflow', 1.1, { resource: 'job', operation: 'getMany' });
		const tool = await run('tflowTool', TOOL_TYPE_VERSION, { resource: 'job', operation: 'getMany' });
		expect(plain.items).toHaveLength(50);
		expect(tool.error).toBeUndefined();
		expect(tool.items).toHaveLength(TOOL_LIST_LIMIT);
		expect(tool.items.map((item) => item.json.id)).toEqual(plain.items.slice(0, TOOL_LIST_LIMIT).map((item) => item.json.id));
		for (const item of tool.items) expect(Object.keys(item.json).every((key) => (JOB_SIMPLE_FIELDS as readonly string[]).includes(key))).toBe(true);
		expect(answerBytes(tool.items)).toBeLessThan(3_000);
		expect(answerBytes(plain.items)).toBeGreaterThan(5 * answerBytes(tool.items) - 1);
		// A Limit the user (or the model, through $fromAI) sets still applies.
		const twenty = await run('tflowTool', TOOL_TYPE_VERSION, { resource: 'job', operation: 'getMany', limit: 20 });
		expect(twenty.items).toHaveLength(20);
		expect(tflow.apiCalls('GET', '/api/v2/job/list')).toHaveLength(3);
	});
});

describe('uploads refuse to run as a tool, before any request', () => {
	const file: INodeExecutionData[] = [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 art').toString('base64'), mimeType: 'application/pdf', fileName: 'art.pdf' } } }];

	test.each([
		['Upload Artwork', { resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }],
		['Create With Artwork', { resource: 'job', operation: 'createWithArtwork', orderId: byId(1), shipDate: '2026-05-01', binaryPropertyName: 'data' }],
		['Execute Transition upload_first_revision', { resource: 'job', operation: 'executeTransition', jobId: byId(1), transition: 'upload_first_revision' }],
	])('%s', async (_name, parameters) => {
		// Even with a file on the item (a hand-made workflow): a model cannot choose what it uploads.
		const result = await run('tflowTool', TOOL_TYPE_VERSION, parameters, file);
		expect(result.error?.message).toBe('This operation uploads a file, and an AI tool call carries no file (item 0)');
		expect(result.error?.description).toMatch(/Run the upload in the node itself/);
		expect(tflow.apiCalls()).toHaveLength(0);
	});

	test('the same upload in the node itself goes through, and other transitions run as a tool', async () => {
		const uploaded = await run('tflow', 1.1, { resource: 'job', operation: 'uploadArtwork', jobId: byId(1), binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 art').toString('base64'), mimeType: 'application/pdf', fileName: 'art.pdf' } } },
		]);
		expect(uploaded.error).toBeUndefined();
		const approved = await run('tflowTool', TOOL_TYPE_VERSION, { resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'approve' });
		expect(approved.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/2/executeTransition')).toHaveLength(1);
	});
});
