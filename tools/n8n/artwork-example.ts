/**
 * Example 07 (a tFLOW job created with its artwork in one step, then the proof of its latest
 * revision downloaded) against the emulators: what one run must show. The sandbox's `--check` and
 * the e2e suite both run the example and read the problems from here, so "example 07 works" means
 * the same in both places.
 */
import { createHash } from 'node:crypto';
import type { IBinaryData, IRun } from 'n8n-workflow';

import { imageBytes } from '../emulators/images';
import type { WorkflowFixture } from './instance';
import { nodeOutput } from './instance';
import type { Emulators } from './world';

export const ARTWORK_EXAMPLE = '07-tflow-create-job-with-artwork-and-download-proof';
export const ARTWORK_EXAMPLE_TRIGGER = "When clicking 'Execute workflow'";

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What the example's *Artwork Settings* node asks for: the order, the job name and the artwork's file name. */
export function artworkExampleSettings(workflow: WorkflowFixture): { orderId: number; jobName: string; artworkName: string } {
	const settings = workflow.nodes.find((node) => node.name === 'Artwork Settings') as
		| { parameters: { assignments: { assignments: Array<{ name: string; value: string }> } } }
		| undefined;
	const value = (name: string) => settings?.parameters.assignments.assignments.find((assignment) => assignment.name === name)?.value ?? '';
	return { orderId: Number(value('orderId')), jobName: value('jobName'), artworkName: value('artworkUrl').split('/').pop() ?? '' };
}

/** Forgets earlier requests, so the next run's requests can be told apart. */
export function clearArtworkExampleLogs(emulators: Emulators) {
	emulators.tflow.server.clearLog();
	emulators.images.server.clearLog();
}

/**
 * What is wrong with a finished run of example 07 (nothing: an empty list). tFLOW must have received
 * exactly: the order read, one job/uploadAndCreate with the job's fields and the artwork the image
 * server sent (same bytes), the new job's revision list, and the proof of its one revision; tFLOW
 * must hold that job with that one revision; *Download Proof* must output that revision's proof PDF.
 * `readBinary` reads a binary of the run (n8n's store).
 */
export function artworkExampleProblems(
	run: Pick<IRun, 'data'>,
	emulators: Emulators,
	workflow: WorkflowFixture,
	readBinary: (binary: IBinaryData) => Buffer,
): string[] {
	const problems: string[] = [];
	const { tflow } = emulators;
	const { orderId, jobName, artworkName } = artworkExampleSettings(workflow);
	const artwork = imageBytes(artworkName);
	if (!artwork) return [`the image server does not serve "${artworkName}"`];

	const uploads = tflow.server.requests('POST', '/api/v2/job/uploadAndCreate').filter((entry) => entry.status !== 401);
	if (uploads.length !== 1) return [`tFLOW received ${uploads.length} job/uploadAndCreate requests, expected 1`];
	const [upload] = uploads;
	const fields = JSON.parse(String(upload.body._json ?? '{}')) as Record<string, unknown>;
	if (fields.order_id !== orderId || fields.name !== jobName || typeof fields.ship_date !== 'string') {
		problems.push(`job/uploadAndCreate's _json is ${JSON.stringify(fields)}, expected order_id ${orderId}, name ${JSON.stringify(jobName)} and a ship_date`);
	}
	const file = upload.files.find((candidate) => candidate.field === 'artwork');
	if (!file || file.sha256 !== sha256(artwork) || file.fileName !== artworkName) {
		problems.push(`job/uploadAndCreate's artwork part is ${JSON.stringify(file)}, expected ${artworkName} with the image server's ${artwork.length} bytes`);
	}

	const job = [...tflow.state.jobs.values()].find((candidate) => candidate.order_id === orderId && candidate.name === jobName);
	const revisions = job ? tflow.state.revisionsOfJob(job.id) : [];
	if (!job) return [...problems, `tFLOW holds no job "${jobName}" in order ${orderId}`];
	if (revisions.length !== 1 || revisions[0].sha256 !== sha256(artwork)) {
		problems.push(`job ${job.id} has ${revisions.length} revisions (${JSON.stringify(revisions.map((revision) => revision.sha256))}), expected the one artwork`);
		return problems;
	}
	const [revision] = revisions;

	// A 401 (a stored token that expired, retried after a new login) is the credential's business, not the example's.
	const received = tflow.server
		.requests(undefined, /^\/api\/v2\//)
		.filter((entry) => entry.status !== 401)
		.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
	const expected = [
		`GET /api/v2/order/${orderId} 200`,
		'POST /api/v2/job/uploadAndCreate 200',
		`GET /api/v2/job/${job.id}/revisions 200`,
		`GET /api/v2/revision/${revision.id}/proof 200`,
	];
	if (JSON.stringify(received) !== JSON.stringify(expected)) problems.push(`tFLOW received ${JSON.stringify(received)}, expected ${JSON.stringify(expected)}`);

	let output: Array<Record<string, unknown>> = [];
	try {
		output = nodeOutput(run, 'Download Proof');
	} catch (error) {
		return [...problems, (error as Error).message];
	}
	const proofName = `${job.name}_r1_proof.pdf`;
	const wanted = { job_id: job.id, revision_id: revision.id, file: 'proof', file_name: proofName, mime_type: 'application/pdf' };
	const shown = output.map((item) => Object.fromEntries(Object.keys(wanted).map((key) => [key, item[key]])));
	if (JSON.stringify(shown) !== JSON.stringify([wanted])) problems.push(`Download Proof output ${JSON.stringify(shown)}, expected ${JSON.stringify([wanted])}`);
	const binary = run.data.resultData.runData['Download Proof']?.[0]?.data?.main?.[0]?.[0]?.binary?.proof;
	if (!binary) return [...problems, 'Download Proof output no binary field "proof"'];
	const pdf = readBinary(binary);
	if (pdf.subarray(0, 5).toString() !== '%PDF-' || !pdf.toString('latin1').includes(`Job ${job.name}, revision 1`)) {
		problems.push(`the proof is not tFLOW's proof PDF of job ${job.name}, revision 1 (${pdf.length} bytes starting ${JSON.stringify(pdf.subarray(0, 8).toString('latin1'))})`);
	}
	return problems;
}
