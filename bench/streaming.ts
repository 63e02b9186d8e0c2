/**
 * Streaming memory in n8n's filesystem binary-data mode: a 1 GiB artwork upload (tflow
 * uploadArtwork, and createWithArtwork: a new job with that file), and 1 GiB PDF downloads (tflow revision download, papilio order download), each
 * run through n8n's execution code (NodeHarness) against an emulator in its own process. For each,
 * the peak RSS growth of this process over its value after warm-up, and the throughput against a
 * raw stream copy of the same bytes over HTTP (Node's http module piping a file, or into a file).
 * The files are generated on the fly in a temporary folder and deleted afterwards.
 *
 *   npx tsx bench/streaming.ts [--mib 1024]
 */
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { NodeHarness } from '../tools/harness';
import { startEmulator, type EmulatorProcess } from './lib/emulators';
import { measurePeakRss, type MemoryPeak } from './lib/memory';
import { mebibytes, printTable, ratio, secondsSince, verdict, type Cell } from './lib/report';
import { argument, runMain } from './lib/run';
import { PAPILIO, TFLOW } from './lib/systems';

const size = Number(argument('mib', '1024')) * 1024 * 1024;
const RSS_TARGET_MIB = 150;
const work = mkdtempSync(path.join(tmpdir(), 'print-workflow-bench-streaming-'));

interface Transfer {
	seconds: number;
	memory: MemoryPeak;
}

interface CaseResult {
	name: string;
	node: Transfer;
	raw: Transfer;
	/** Why the bytes are known to be right (or what was wrong). */
	check: string;
}

/** Writes `bytes` of incompressible content in 1 MiB chunks and returns its SHA-256. */
async function writeArtwork(file: string, bytes: number) {
	const block = randomBytes(1024 * 1024);
	const hash = createHash('sha256');
	const out = createWriteStream(file);
	for (let written = 0; written < bytes; written += block.length) {
		const chunk = block.subarray(0, Math.min(block.length, bytes - written));
		hash.update(chunk);
		if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	}
	await new Promise<void>((resolve, reject) => out.end((error?: Error) => (error ? reject(error) : resolve())));
	return hash.digest('hex');
}

async function timed<T>(section: () => Promise<T>): Promise<{ result: T; transfer: Transfer }> {
	const started = process.hrtime.bigint();
	const { result, memory } = await measurePeakRss(section);
	return { result, transfer: { seconds: secondsSince(started), memory } };
}

/** Plain Node http: streams a file as the body of a multipart POST (the raw upload). */
function rawMultipartUpload(url: string, headers: Record<string, string>, fields: Record<string, string>, file: string, fileName: string) {
	const boundary = `----bench${randomBytes(8).toString('hex')}`;
	const head = Buffer.from(
		Object.entries(fields)
			.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
			.join('') + `--${boundary}\r\nContent-Disposition: form-data; name="artwork"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const length = head.length + statSync(file).size + tail.length;
	return new Promise<number>((resolve, reject) => {
		const request = http.request(
			url,
			{ method: 'POST', headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': length } },
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			},
		);
		request.on('error', reject);
		const body = new PassThrough();
		body.write(head);
		createReadStream(file)
			.on('end', () => body.end(tail))
			.on('error', reject)
			.pipe(body, { end: false });
		body.pipe(request);
	});
}

/** Plain Node http: a GET whose body is piped into a file (the raw download). */
async function rawDownload(url: string, headers: Record<string, string>, file: string) {
	const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, { headers }, resolve).on('error', reject));
	if (response.statusCode !== 200) throw new Error(`raw download: HTTP ${response.statusCode}`);
	await pipeline(response, createWriteStream(file));
	return statSync(file).size;
}

async function storedSize(binary: IBinaryData | undefined) {
	if (!binary?.id) return -1;
	return (await Container.get(BinaryDataService).getMetadata(binary.id)).fileSize;
}

/** Removes what n8n's binary data service stored (each 1 GiB), keeping the folder. */
function clearBinaryStore() {
	const store = process.env.N8N_BINARY_DATA_STORAGE_PATH;
	if (store) rmSync(path.join(store, 'workflows'), { recursive: true, force: true });
}

async function tflowCases(harness: NodeHarness): Promise<CaseResult[]> {
	const emulator: EmulatorProcess = await startEmulator('tflow', { generatedFileBytes: size });
	try {
		harness.setCredentials('tflowApi', await TFLOW.credentialData(emulator));
		const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret });
		const token = (
			await emulator.call<{ access_token: string }>('POST', '/oauth/access_token', Object.fromEntries(form))
		).access_token;
		const auth = { Authorization: `Bearer ${token}` };
		const api = <T = any>(method: string, urlPath: string, body?: unknown) => emulator.call<T>(method, `/api/v2${urlPath}`, body, auth);
		const newJob = async () => (await api<{ id: number }>('POST', '/job/create', { order_id: 1, ship_date: '2030-01-01T00:00:00Z', name: 'bench' })).id;
		const run = (parameters: Record<string, unknown>, input?: Awaited<ReturnType<NodeHarness['binaryItem']>>[]) =>
			harness.runNode({ type: 'tflow', parameters: parameters as never, credentials: ['tflowApi'], input });
		const byId = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });

		// Warm-up: a small upload and a small download, so the token, code paths and buffers exist before the baseline.
		const small = path.join(work, 'small.pdf');
		await writeArtwork(small, 1024 * 1024);
		const warm = await run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(await newJob()), binaryPropertyName: 'data' }, [
			await harness.binaryItem(createReadStream(small), 'small.pdf', 'application/pdf'),
		]);
		if (warm.error) throw warm.error;
		await run({ resource: 'revision', operation: 'download', revisionId: 2, file: 'original', binaryPropertyName: 'data' });
		clearBinaryStore();

		const results: CaseResult[] = [];

		// Upload: the artwork is put into n8n's binary store first (as a previous node would), then the node streams it.
		const artwork = path.join(work, 'artwork.pdf');
		const sha256 = await writeArtwork(artwork, size);
		const input = [await harness.binaryItem(createReadStream(artwork), 'artwork.pdf', 'application/pdf')];
		const nodeJob = await newJob();
		const upload = await timed(() => run({ resource: 'job', operation: 'uploadArtwork', jobId: byId(nodeJob), binaryPropertyName: 'data' }, input));
		if (upload.result.error) throw upload.result.error;
		const rawJob = await newJob();
		const rawUpload = await timed(() =>
			rawMultipartUpload(`${emulator.url}/api/v2/job/${rawJob}/executeTransition`, auth, { _json: JSON.stringify({ transition_name: 'upload_first_revision' }) }, artwork, 'artwork.pdf'),
		);
		if (rawUpload.result !== 200) throw new Error(`raw upload: HTTP ${rawUpload.result}`);
		const [nodeRevision] = await api<Array<{ file_size: number; sha256: string }>>('GET', `/job/${nodeJob}/revisions`);
		const [rawRevision] = await api<Array<{ file_size: number; sha256: string }>>('GET', `/job/${rawJob}/revisions`);
		const intact = nodeRevision?.sha256 === sha256 && rawRevision?.sha256 === sha256 && nodeRevision.file_size === size;
		results.push({
			name: 'tflow job uploadArtwork',
			node: upload.transfer,
			raw: rawUpload.transfer,
			check: intact ? 'tFLOW stored the same SHA-256' : `BYTES DIFFER (node ${nodeRevision?.file_size} B)`,
		});

		// The same file as a new job's first revision, in one request (job createWithArtwork, tFLOW's uploadAndCreate).
		const jobFields = { order_id: 1, ship_date: '2030-01-01T00:00:00Z', name: 'bench with artwork' };
		const created = await timed(() =>
			run({ resource: 'job', operation: 'createWithArtwork', orderId: byId(1), shipDate: jobFields.ship_date, binaryPropertyName: 'data', additionalFields: { name: jobFields.name } }, input),
		);
		if (created.result.error) throw created.result.error;
		const createdJob = Number(created.result.items[0]?.json.id);
		const rawCreated = await timed(() =>
			rawMultipartUpload(`${emulator.url}/api/v2/job/uploadAndCreate`, auth, { _json: JSON.stringify(jobFields) }, artwork, 'artwork.pdf'),
		);
		if (rawCreated.result !== 200) throw new Error(`raw uploadAndCreate: HTTP ${rawCreated.result}`);
		const [createdRevision] = await api<Array<{ file_size: number; sha256: string }>>('GET', `/job/${createdJob}/revisions`);
		results.push({
			name: 'tflow job createWithArtwork',
			node: created.transfer,
			raw: rawCreated.transfer,
			check: createdRevision?.sha256 === sha256 && createdRevision.file_size === size ? 'tFLOW stored the same SHA-256' : `BYTES DIFFER (node ${createdRevision?.file_size} B)`,
		});
		// Deleting the jobs deletes their revisions' files (the raw one is the newest job).
		const jobs = await api<Array<{ id: number }>>('GET', '/job/list');
		for (const id of [createdJob, Math.max(...jobs.map((job) => job.id))]) await api('DELETE', `/job/${id}`);

		rmSync(artwork, { force: true });
		clearBinaryStore();
		// The emulator keeps uploaded revisions on disk: remove them now.
		await api('DELETE', `/revision/${(await api<Array<{ id: number }>>('GET', `/job/${nodeJob}/revisions`))[0].id}`);
		await api('DELETE', `/revision/${(await api<Array<{ id: number }>>('GET', `/job/${rawJob}/revisions`))[0].id}`);

		// Download: the proof of revision 1, generated at the benchmark size by the emulator.
		const download = await timed(() => run({ resource: 'revision', operation: 'download', revisionId: 1, file: 'proof', binaryPropertyName: 'data' }));
		if (download.result.error) throw download.result.error;
		const nodeBytes = await storedSize(download.result.items[0]?.binary?.data);
		clearBinaryStore();
		const copy = path.join(work, 'proof.pdf');
		const rawCopy = await timed(() => rawDownload(`${emulator.url}/api/v2/revision/1/proof`, auth, copy));
		rmSync(copy, { force: true });
		results.push({
			name: 'tflow revision download',
			node: download.transfer,
			raw: rawCopy.transfer,
			check: nodeBytes === size && rawCopy.result === size ? `n8n stored all ${size} B` : `SIZE DIFFERS (n8n ${nodeBytes} B, raw ${rawCopy.result} B)`,
		});
		return results;
	} finally {
		await emulator.stop();
	}
}

async function papilioCase(harness: NodeHarness): Promise<CaseResult> {
	const emulator: EmulatorProcess = await startEmulator('papilio', { downloadSizeBytes: 1024 * 1024 });
	try {
		harness.setCredentials('papilioApi', await PAPILIO.credentialData(emulator));
		const order = 51038;
		const download = () =>
			harness.runNode({
				type: 'papilio',
				parameters: { authentication: 'papilioApi', resource: 'order', operation: 'download', orderId: { __rl: true, mode: 'id', value: String(order) }, binaryPropertyName: 'data' },
				credentials: ['papilioApi'],
			});
		// Warm-up with 1 MiB: token, code paths and buffers exist before the baseline.
		const warm = await download();
		if (warm.error) throw warm.error;
		clearBinaryStore();
		await emulator.call('PATCH', '/__control/config', { downloadSizeBytes: size });

		const measured = await timed(download);
		if (measured.result.error) throw measured.result.error;
		const nodeBytes = await storedSize(measured.result.items[0]?.binary?.data);
		clearBinaryStore();
		const login = new URLSearchParams({ username: emulator.username!, password: emulator.password! });
		const basic = `Basic ${Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64')}`;
		const answer = await fetch(`${emulator.url}/oauth/token/user`, {
			method: 'POST',
			headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
			body: login,
		});
		const { access_token: token } = (await answer.json()) as { access_token: string };
		const copy = path.join(work, 'order.pdf');
		const rawCopy = await timed(() => rawDownload(`${emulator.url}/api/v1/order/download/${order}?access_token=${token}`, {}, copy));
		rmSync(copy, { force: true });
		return {
			name: 'papilio order download',
			node: measured.transfer,
			raw: rawCopy.transfer,
			check: nodeBytes === size && rawCopy.result === size ? `n8n stored all ${size} B` : `SIZE DIFFERS (n8n ${nodeBytes} B, raw ${rawCopy.result} B)`,
		};
	} finally {
		await emulator.stop();
	}
}

async function main() {
	const tflow = await TFLOW.load();
	const papilio = await PAPILIO.load();
	const harness = await new NodeHarness({
		nodes: { [tflow.node.name]: tflow.node.type, [papilio.node.name]: papilio.node.type },
		credentialTypes: [...tflow.credentialTypes, ...papilio.credentialTypes],
		binaryMode: 'filesystem',
	}).init();
	const results: CaseResult[] = [];
	try {
		results.push(...(await tflowCases(harness)));
		results.push(await papilioCase(harness));
	} finally {
		rmSync(work, { recursive: true, force: true });
		clearBinaryStore();
	}
	const rate = (transfer: Transfer) => mebibytes(size) / transfer.seconds;
	const rows: Cell[][] = results.map((result) => [
		result.name,
		mebibytes(result.node.memory.growth).toFixed(0),
		`${mebibytes(result.node.memory.growth) < RSS_TARGET_MIB ? 'met' : 'MISSED'}`,
		rate(result.node).toFixed(0),
		rate(result.raw).toFixed(0),
		mebibytes(result.raw.memory.growth).toFixed(0),
		`${ratio(rate(result.node), rate(result.raw))} (${verdict(rate(result.node) >= 0.7 * rate(result.raw))})`,
		result.check,
	]);
	printTable(
		`Streaming memory (${mebibytes(size)} MiB, filesystem binary mode)`,
		['transfer', 'node RSS growth (MiB)', `target < ${RSS_TARGET_MIB} MiB`, 'node MiB/s', 'raw stream MiB/s', 'raw RSS growth (MiB)', 'node ÷ raw (target ≥ 0.7×)', 'bytes'],
		rows,
		[
			'RSS growth: peak resident memory of the benchmark process (n8n-core + node) above its value after a warm-up transfer; the kernel\'s exact peak (VmHWM, reset before each transfer) and 50 ms samples.',
			'raw stream: Node\'s http module piping the file from disk into a multipart POST (upload), or the response into a file (download), against the same emulator in the same run.',
			'The emulators run in their own processes; uploads are written to disk with a SHA-256, downloads are generated while they are sent.',
		],
	);
}

runMain(main);
