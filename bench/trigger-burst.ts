/**
 * Trigger burst: a real n8n (scripts/n8n-runtime.sh; the newest tested line by default) with this package
 * installed as a community package and an active workflow "tFLOW Trigger (job.approve) → No Op".
 * The tFLOW emulator, in this process, registers the trigger's webhook on activation and then
 * delivers 1,000 job.approve events in a burst (`/__control/burst`, each with its own `sequence`).
 * Prints how many distinct events became successful executions (none may be lost or doubled) and
 * the latency from sending a delivery to the end of its execution (p50, p99), plus how long n8n
 * took to answer the delivery. The same burst goes to n8n's own Webhook node in the same n8n
 * (registered in tFLOW for job.reject) as the reference (`--no-reference` skips it), in rounds that
 * alternate which receiver goes first (the execution database grows during a run), and the tFLOW
 * Trigger's rate and p50 latency are printed as a ratio to the Webhook node's against the target
 * of 0.9×.
 *
 *   npx tsx bench/trigger-burst.ts [--count 500] [--rounds 2] [--concurrency 10] [--n8n <version>]|2.8.4] [--reference-count <count> | --no-reference]
 *   BENCH_N8N_ENV="N8N_EXPRESSION_ENGINE=legacy" npx tsx bench/trigger-burst.ts   (n8n settings to compare)
 * The package tarball comes from BENCH_PACKAGE_TARBALL (scripts/bench.sh packs it) or scripts/lib/pack.sh.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { ensureRuntime, killAll, N8nInstance, nodeOutput, REPO_ROOT, sleep, type WorkflowFixture } from '../tools/n8n/instance';
import { CREDENTIALS } from '../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../tools/n8n/versions';
import { createTflowEmulator, type Delivery } from '../tools/emulators/tflow';
import { percentile, printTable, verdict, type Cell } from './lib/report';
import { argument, runMain } from './lib/run';

/** Deliveries per receiver and round. */
const deliveryCount = Number(argument('count', '500'));
const rounds = Math.max(1, Number(argument('rounds', '2')));
const concurrency = Number(argument('concurrency', '10'));
const referenceCount = Number(argument('reference-count', String(deliveryCount)));
/** The tFLOW Trigger's rate and p50 latency relative to n8n's Webhook node. */
const TARGET_RATIO = 0.9;
const version = argument('n8n', process.env.BENCH_N8N_VERSION ?? NEWEST_N8N_VERSION);
/** Extra n8n settings to compare against the defaults, e.g. BENCH_N8N_ENV="N8N_EXPRESSION_ENGINE=legacy,DB_SQLITE_POOL_SIZE=4". */
const extraEnv = Object.fromEntries(
	(process.env.BENCH_N8N_ENV ?? '')
		.split(',')
		.filter((pair) => pair.includes('='))
		.map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]),
);

/** A workflow that receives the burst, and how to find the delivery's sequence number in its output. */
interface Receiver {
	label: string;
	event: string;
	workflow: WorkflowFixture;
	sequenceOf(item: Record<string, any>): number;
}

const receivedNode = (id: string) => ({ id, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} });

const TFLOW_TRIGGER: Receiver = {
	label: 'tFLOW Trigger',
	event: 'job.approve',
	workflow: {
		id: 'benchTflowBurst1',
		name: 'bench: tFLOW Trigger burst',
		nodes: [
			{
				id: 'b3e1c0de-0000-4000-8000-000000000001',
				name: 'Trigger',
				type: 'n8n-nodes-print-workflow.tflowTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'b3e1c0de-0000-4000-8000-0000000000aa',
				parameters: { events: ['job.approve'], options: {} },
				credentials: { tflowApi: { id: CREDENTIALS.tflow.id, name: CREDENTIALS.tflow.name } },
			},
			receivedNode('b3e1c0de-0000-4000-8000-000000000002'),
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	},
	sequenceOf: (item) => Number(item.sequence),
};

/** The reference: n8n's own Webhook node, registered in tFLOW by this benchmark for another event. */
const REFERENCE_PATH = 'bench-reference';
const N8N_WEBHOOK: Receiver = {
	label: "n8n's Webhook node (reference)",
	event: 'job.reject',
	workflow: {
		id: 'benchWebhookRef1',
		name: "bench: n8n's Webhook node burst",
		nodes: [
			{
				id: 'b3e1c0de-0000-4000-8000-000000000011',
				name: 'Trigger',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b3e1c0de-0000-4000-8000-0000000000bb',
				parameters: { httpMethod: 'POST', path: REFERENCE_PATH, responseMode: 'onReceived', options: {} },
			},
			receivedNode('b3e1c0de-0000-4000-8000-000000000012'),
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	},
	sequenceOf: (item) => Number(item.body?.sequence),
};

function packedTarball(): string {
	if (process.env.BENCH_PACKAGE_TARBALL) return process.env.BENCH_PACKAGE_TARBALL;
	// Its own output folder: e2e or the sandbox may be packing at the same time.
	return execFileSync('bash', [path.join(REPO_ROOT, 'scripts/lib/pack.sh'), '--out', '.tmp/pack-bench'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
}

interface ExecutionRow {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt?: string;
}

/**
 * Every execution of a workflow (the REST list answers at most 100 per page, newest first). Newer n8n
 * pages with an opaque `cursor` (and refuses `lastId`), older n8n with the last id of the page.
 */
async function allExecutions(n8n: N8nInstance, workflowId: string): Promise<ExecutionRow[]> {
	const rows: ExecutionRow[] = [];
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	for (let next = ''; ; ) {
		const page = await n8n.rest<{ results: ExecutionRow[]; nextCursor?: string | null }>('GET', `/rest/executions?filter=${filter}&limit=100${next}`);
		rows.push(...page.results);
		if ('nextCursor' in page) {
			if (!page.nextCursor || page.results.length === 0) return rows;
			next = `&cursor=${encodeURIComponent(page.nextCursor)}`;
		} else {
			if (page.results.length < 100) return rows;
			next = `&lastId=${page.results[page.results.length - 1].id}`;
		}
	}
}

/** Retries a REST call while n8n is too busy to answer (under a burst it answers 503 "Database is not ready"). */
async function patiently<T>(call: () => Promise<T>, giveUpMs = 60_000): Promise<T> {
	const deadline = Date.now() + giveUpMs;
	for (;;) {
		try {
			return await call();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(1000);
		}
	}
}

/** Waits until `expected` executions have finished, or until none finished for `quietMs`. */
async function waitForExecutions(n8n: N8nInstance, workflowId: string, expected: number, quietMs = 30_000) {
	let finished = 0;
	let lastProgress = Date.now();
	for (;;) {
		const rows = await patiently(() => allExecutions(n8n, workflowId));
		const done = rows.filter((row) => !['new', 'running', 'waiting'].includes(row.status)).length;
		if (done > finished) lastProgress = Date.now();
		finished = done;
		if (done >= expected || Date.now() - lastProgress > quietMs) return rows;
		await sleep(1000);
	}
}

function post<T>(url: string, text: string, headers: Record<string, string>): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(text) } }, (response) => {
			let answer = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (answer += chunk));
			response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(answer) as T) : reject(new Error(`${url}: HTTP ${response.statusCode} ${answer}`))));
		});
		request.on('error', reject);
		request.end(text);
	});
}

const postJson = <T>(url: string, body: unknown, headers: Record<string, string> = {}) =>
	post<T>(url, JSON.stringify(body), { ...headers, 'content-type': 'application/json' });
const postForm = <T>(url: string, fields: Record<string, string>) =>
	post<T>(url, new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });

/** Runs `task` over the values with at most `limit` at once. */
async function mapLimited<T, R>(values: T[], limit: number, task: (value: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < values.length) {
				const index = next++;
				results[index] = await task(values[index]);
			}
		}),
	);
	return results;
}

type Tflow = ReturnType<typeof createTflowEmulator>;

/** What one burst into one receiver gave. */
interface BurstResult {
	count: number;
	answered2xx: number;
	sent: number;
	seen: number;
	lost: number;
	doubled: number;
	failedExecutions: number;
	/** From sending a delivery to the end of its execution. */
	latencies: number[];
	/** Until n8n answered the delivery. */
	answers: number[];
	/** From the first delivery sent to the last execution finished. */
	seconds: number;
}

/** Sends the burst to one receiver and reads back what n8n executed (only executions started by this burst). */
async function burstInto(n8n: N8nInstance, tflow: Tflow, receiver: Receiver, count: number, round: number): Promise<BurstResult> {
	// When each delivery was sent: the emulator records a delivery once the receiver answered, with its duration.
	await tflow.flushDeliveries();
	const deliveries = tflow.deliveries;
	deliveries.length = 0;
	const sentAt = new Map<number, number>();
	const record = Array.prototype.push.bind(deliveries);
	deliveries.push = (...added: Delivery[]) => {
		for (const delivery of added) sentAt.set(Number(delivery.fields.sequence), Date.now() - delivery.durationMs);
		return record(...added);
	};
	const before = new Set((await patiently(() => allExecutions(n8n, receiver.workflow.id))).map((row) => row.id));

	console.log(`round ${round}, ${receiver.label}: sending ${count} ${receiver.event} deliveries, at most ${concurrency} at once`);
	const burstStarted = Date.now();
	// node:http, not fetch: fetch gives up on an answer after 300 s, and a burst into a busy n8n may take longer.
	const burst = await postJson<{ deliveries: number; ok: number; failed: number; durationMs: number }>(`${tflow.url}/__control/burst`, {
		event: receiver.event,
		job_id: 2,
		count,
		concurrency,
	});
	console.log(`  sent in ${(burst.durationMs / 1000).toFixed(1)} s: ${burst.ok} answered 2xx, ${burst.failed} failed`);
	const problems = new Map<string, number>();
	for (const delivery of deliveries.filter((candidate) => !candidate.ok)) problems.set(delivery.error ?? '?', (problems.get(delivery.error ?? '?') ?? 0) + 1);
	for (const [problem, times] of problems) console.log(`  ${times} × ${problem}`);
	const rows = (await waitForExecutions(n8n, receiver.workflow.id, before.size + count)).filter((row) => !before.has(row.id));

	// Which delivery each execution ran for (the `sequence` field the emulator put in each one).
	const details = await mapLimited(rows, 4, async (row) => {
		const execution = await patiently(() => n8n.execution(row.id));
		const item = execution.status === 'success' ? nodeOutput(execution, 'Received')[0] : undefined;
		return { row, sequence: item ? receiver.sequenceOf(item) : undefined };
	});
	const seen = new Map<number, number>();
	const latencies: number[] = [];
	let lastStopped = burstStarted;
	for (const { row, sequence } of details) {
		if (row.stoppedAt) lastStopped = Math.max(lastStopped, Date.parse(row.stoppedAt));
		if (sequence === undefined || !Number.isInteger(sequence)) continue;
		seen.set(sequence, (seen.get(sequence) ?? 0) + 1);
		const sent = sentAt.get(sequence);
		if (sent !== undefined && row.stoppedAt) latencies.push(Date.parse(row.stoppedAt) - sent);
	}
	deliveries.push = record;
	return {
		count,
		answered2xx: burst.ok,
		sent: burst.deliveries,
		seen: seen.size,
		lost: count - seen.size,
		doubled: [...seen.values()].filter((times) => times > 1).length,
		failedExecutions: rows.filter((row) => row.status !== 'success').length,
		latencies,
		answers: deliveries.map((delivery) => delivery.durationMs),
		seconds: (lastStopped - burstStarted) / 1000,
	};
}

/** The bursts of one receiver over all rounds, as one result. */
function combine(results: BurstResult[]): BurstResult {
	const sum = (pick: (result: BurstResult) => number) => results.reduce((total, result) => total + pick(result), 0);
	return {
		count: sum((result) => result.count),
		answered2xx: sum((result) => result.answered2xx),
		sent: sum((result) => result.sent),
		seen: sum((result) => result.seen),
		lost: sum((result) => result.lost),
		doubled: sum((result) => result.doubled),
		failedExecutions: sum((result) => result.failedExecutions),
		latencies: results.flatMap((result) => result.latencies),
		answers: results.flatMap((result) => result.answers),
		seconds: sum((result) => result.seconds),
	};
}

/** Executions per second: deliveries that became executions over the time the bursts took. */
const rateOf = (result: BurstResult) => result.seen / result.seconds;

function row(label: string, result: BurstResult): Cell[] {
	return [
		label,
		result.count,
		`${result.answered2xx}/${result.sent}`,
		`${result.seen}/${result.count}`,
		result.lost,
		result.doubled,
		result.failedExecutions,
		rateOf(result),
		percentile(result.latencies, 50),
		percentile(result.latencies, 99),
		percentile(result.answers, 50),
		percentile(result.answers, 99),
		verdict(result.lost === 0 && result.doubled === 0 && result.failedExecutions === 0),
	];
}

async function main() {
	const runtime = ensureRuntime(version);
	const tarball = packedTarball();
	const tflow = createTflowEmulator();
	await tflow.start();
	const n8n = await new N8nInstance({ runtime, userFolder: path.join(REPO_ROOT, '.tmp', `bench-n8n-${version}`), pidFile: process.env.BENCH_PID_FILE, env: extraEnv }).init();
	const settings = Object.entries(extraEnv).map(([key, value]) => `${key}=${value}`).join(', ');
	try {
		n8n.installPackage(tarball);
		await n8n.importCredentials([
			{
				...CREDENTIALS.tflow,
				data: { instanceUrl: tflow.url, clientId: tflow.clientId, clientSecret: tflow.clientSecret, ignoreSslIssues: false, accessToken: '' },
			},
		]);
		const receivers = [TFLOW_TRIGGER, ...(process.argv.includes('--no-reference') ? [] : [N8N_WEBHOOK])];
		await n8n.importWorkflows(receivers.map((receiver) => receiver.workflow));
		for (const receiver of receivers) await n8n.publish(receiver.workflow.id);
		await n8n.start();
		await n8n.setupOwner();
		const registered = [...tflow.state.webhooks.values()].filter((webhook) => webhook.name === TFLOW_TRIGGER.event && webhook.url.startsWith(n8n.baseUrl));
		if (registered.length !== 1) throw new Error(`expected one ${TFLOW_TRIGGER.event} webhook registered by the tFLOW Trigger, found ${registered.length}`);
		if (receivers.includes(N8N_WEBHOOK)) {
			const token = (await postForm<{ access_token: string }>(`${tflow.url}/oauth/access_token`, {
				grant_type: 'client_credentials',
				client_id: tflow.clientId,
				client_secret: tflow.clientSecret,
			})).access_token;
			await postJson(`${tflow.url}/api/v2/webhook/create`, { name: N8N_WEBHOOK.event, url: `${n8n.baseUrl}/webhook/${REFERENCE_PATH}` }, { authorization: `Bearer ${token}` });
		}

		const results = new Map<Receiver, BurstResult[]>(receivers.map((receiver) => [receiver, []]));
		for (let round = 1; round <= rounds; round++) {
			// Alternate who goes first: executions pile up in the database during the run.
			const order = round % 2 === 1 ? receivers : [...receivers].reverse();
			for (const receiver of order) {
				results.get(receiver)!.push(await burstInto(n8n, tflow, receiver, receiver === N8N_WEBHOOK ? referenceCount : deliveryCount, round));
			}
		}
		const trigger = combine(results.get(TFLOW_TRIGGER)!);
		const reference = results.has(N8N_WEBHOOK) ? combine(results.get(N8N_WEBHOOK)!) : undefined;
		printTable(
			`Trigger burst: tFLOW webhook deliveries, ${concurrency} at once, ${rounds} round(s), into n8n ${version}${settings ? ` (${settings})` : ''}`,
			['receiver', 'deliveries', 'answered 2xx', 'executions seen', 'lost', 'doubled', 'failed executions', 'executions/s', 'p50 latency (ms)', 'p99 latency (ms)', 'p50 answer (ms)', 'p99 answer (ms)', 'target: all, none lost'],
			[row(TFLOW_TRIGGER.label, trigger), ...(reference ? [row(N8N_WEBHOOK.label, reference)] : [])],
			[
				'latency: from sending a delivery to the end of its execution (stoppedAt in n8n). answer: until n8n answered the delivery (both receivers answer on receipt).',
				'executions/s: executions seen over the time from the first delivery of a burst to the end of its last execution, summed over the rounds.',
				`executions seen: distinct delivery sequence numbers found in successful executions (read back through n8n's REST API). "n8n start" with SQLite and default settings on this machine; the emulator runs in the benchmark process.`,
				"The reference row is n8n's own Webhook node (POST, respond immediately) receiving the same burst in the same n8n, registered in tFLOW for another event; the rounds alternate which of the two goes first.",
			],
		);
		if (reference) {
			const rateRatio = rateOf(trigger) / rateOf(reference);
			const latencyRatio = percentile(reference.latencies, 50) / percentile(trigger.latencies, 50);
			printTable(
				`tFLOW Trigger against n8n's Webhook node (target ≥ ${TARGET_RATIO}×)`,
				['figure', 'tFLOW Trigger', "n8n's Webhook node", 'ratio', `target ≥ ${TARGET_RATIO}×`],
				[
					['executions/s (higher is better)', rateOf(trigger), rateOf(reference), `${rateRatio.toFixed(2)}×`, verdict(rateRatio >= TARGET_RATIO)],
					['p50 latency ms (ratio: Webhook node ÷ tFLOW Trigger)', percentile(trigger.latencies, 50), percentile(reference.latencies, 50), `${latencyRatio.toFixed(2)}×`, verdict(latencyRatio >= TARGET_RATIO)],
				],
				[
					'A machine shared with other work makes these figures noisy: compare runs, not single figures.',
					"With n8n's default expression engine (N8N_EXPRESSION_ENGINE=vm, n8n 2.x), n8n takes a fresh V8 isolate for the webhook phase of every delivery to a start node other than its own Webhook node (live-webhooks.ts webhookPhaseNeedsIsolate), and for a typeVersion 1 start node evaluates $parameter.options.binaryData in it (webhook-helpers.ts parseRequestBody); the Webhook node is exempt. The tFLOW Trigger's own webhook() takes about 0.2 ms per delivery. Compare with BENCH_N8N_ENV=N8N_EXPRESSION_ENGINE=legacy.",
				],
			);
		}
	} finally {
		await n8n.stop();
		killAll();
		const logFile = path.join(REPO_ROOT, '.tmp', `bench-n8n-${version}.log`);
		writeFileSync(logFile, n8n.serverLog);
		const pingFailures = n8n.serverLog.match(/Database ping failed/g)?.length ?? 0;
		console.log(`n8n's log: ${logFile}${pingFailures ? ` (${pingFailures} "Database ping failed" warnings: n8n answered 503 while its database was too busy)` : ''}`);
		await tflow.stop();
	}
}

runMain(main);
