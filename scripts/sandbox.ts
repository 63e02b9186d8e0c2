/**
 * The sandbox (`npm run sandbox`, started by scripts/sandbox.sh): the three API emulators with
 * their seed data, and a real n8n with this package installed as a community package, credentials
 * that point at the emulators, the example workflows imported and an owner account. Prints the
 * editor URL, the login and a short tour; Ctrl-C stops everything it started.
 *
 *   npx tsx scripts/sandbox.ts --tarball <packed .tgz> [--n8n <version>] [--port 5678] [--keep] [--quiet] [--check]
 *
 * --check: start everything, check n8n's /healthz and that the package's nodes and credentials
 * loaded, run example 06 (the AI Agent with the model emulator and the tFLOW and papilio tools)
 * and example 07 (a job created with its artwork, its latest proof downloaded), then stop and exit
 * (0 when all is well). CI runs it on a cold runtime cache.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

import { AGENT_EXAMPLE, AGENT_EXAMPLE_TRIGGER, agentExampleProblems, clearAgentExampleLogs } from '../tools/n8n/agent-example';
import { ARTWORK_EXAMPLE, ARTWORK_EXAMPLE_TRIGGER, artworkExampleProblems, clearArtworkExampleLogs } from '../tools/n8n/artwork-example';
import { DEFAULT_OWNER, freePort, killAll, N8nInstance, nodeOutput, REPO_ROOT, type WorkflowFixture } from '../tools/n8n/instance';
import { startSandbox, type Sandbox } from '../tools/n8n/sandbox';
import { loadExamples, papilioApiUser, type Emulators } from '../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../tools/n8n/versions';

interface Options {
	version: string;
	tarball: string;
	port?: number;
	keep: boolean;
	quiet: boolean;
	check: boolean;
}

function parseArgs(argv: string[]): Options {
	const value = (name: string) => {
		const index = argv.indexOf(`--${name}`);
		return index === -1 ? undefined : argv[index + 1];
	};
	const tarball = value('tarball');
	if (!tarball) throw new Error('--tarball <packed package> is required (scripts/sandbox.sh passes it)');
	const port = value('port');
	return {
		version: value('n8n') ?? NEWEST_N8N_VERSION,
		tarball,
		port: port === undefined ? undefined : Number(port),
		keep: argv.includes('--keep'),
		quiet: argv.includes('--quiet'),
		check: argv.includes('--check'),
	};
}

/** The port people expect (5678) when it is free, any free port otherwise. */
async function editorPort(wanted?: number): Promise<number> {
	if (wanted !== undefined) return wanted;
	const free = await new Promise<boolean>((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(5678, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	return free ? 5678 : await freePort();
}

function tour(n8n: N8nInstance, emulators: Emulators, examples: ReturnType<typeof loadExamples>, version: string) {
	const { tflow, papilio, d2s, images, model } = emulators;
	const user = papilioApiUser(emulators);
	const list = Object.entries(examples)
		.map(([file, workflow]) => `    ${file.padEnd(40)} ${workflow.name}`)
		.join('\n');
	const fire = `curl -s -X POST ${tflow.url}/__control/fire -H 'content-type: application/json' -d '{"event":"job.approve","job_id":3}'`;
	return `
================================================================================
 n8n ${version} with n8n-nodes-print-workflow is running

   Editor:    ${n8n.baseUrl}
   Sign in:   ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}

 The example workflows (Overview → Workflows):
${list}

 Start with "01": open it and click "Execute workflow". It reads the printable
 orders from brix:papilio, downloads each PDF and creates a tFLOW job with the
 PDF as its artwork. Open the tFLOW node's output to see the new job.

 "02" is active: its tFLOW Trigger registered webhooks in the tFLOW emulator.
 Fire a tFLOW event and watch Executions (job 3 is an approved job):
   ${fire}
 The run puts an order at the D2S lab emulator, which downloads the images.

 "06" is an AI Agent with the tFLOW and papilio tools. Its model is the model
 emulator, which calls a tool for a job or order number named in a question:
 edit the questions in its "Questions" node and click "Execute workflow".

 Emulators (already set up as credentials in n8n):
   tFLOW         ${tflow.url}   API key ${tflow.clientId} / secret ${tflow.clientSecret}
   brix:papilio  ${papilio.url}   client ${papilio.config.clientId} / ${papilio.config.clientSecret}, user ${user.username} / ${user.password}
   D2S Workflow  ${d2s.url}/api/v1   lab ${d2s.labId} / secret ${d2s.secret}
   images        ${images.url}/images/<any>.jpg
   model         ${model.baseUrl}   API key ${model.apiKey} (OpenAI-compatible)
 Each has a request log at <url>/__control/log.

 Ctrl-C stops n8n and the emulators.
================================================================================
`;
}

/** The node and credential type names the package declares (`dist/nodes/Tflow/Tflow.node.js` -> `tflow`). */
function declaredTypes() {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
	const typeName = (file: string, suffix: string) => {
		const base = path.basename(file, suffix);
		return base.charAt(0).toLowerCase() + base.slice(1);
	};
	return {
		nodes: manifest.n8n.nodes.map((file) => `${manifest.name}.${typeName(file, '.node.js')}`),
		credentials: manifest.n8n.credentials.map((file) => typeName(file, '.credentials.js')),
	};
}

/** What `--check` proves: n8n answers /healthz and loaded every node and credential of the package. */
async function checkSandbox(n8n: N8nInstance): Promise<string[]> {
	const problems: string[] = [];
	const health = await fetch(`${n8n.baseUrl}/healthz`).catch((error: Error) => error);
	if (health instanceof Error || !health.ok) problems.push(`GET /healthz: ${health instanceof Error ? health.message : health.status}`);
	const declared = declaredTypes();
	const nodes = new Set((await n8n.nodeTypes()).map((type) => type.name));
	const credentials = new Set((await n8n.credentialTypes()).map((type) => type.name));
	for (const name of declared.nodes) if (!nodes.has(name)) problems.push(`node ${name} is not loaded`);
	for (const name of declared.credentials) if (!credentials.has(name)) problems.push(`credential ${name} is not loaded`);
	const loadError = /Cannot find module|Error loading package|Failed to load.*/i.exec(n8n.serverLog);
	if (loadError) problems.push(`n8n logged: ${loadError[0]}`);
	if (!problems.length) console.log(`[sandbox] /healthz ok; loaded ${declared.nodes.length} nodes and ${declared.credentials.length} credentials`);
	return problems;
}

type Execution = Awaited<ReturnType<N8nInstance['waitForExecution']>>;

/**
 * Runs an example from its Manual Trigger and returns what is wrong with the run (nothing: an empty
 * list); `problems` judges the finished run, `success` is printed when it found nothing.
 */
async function checkExample(
	sandbox: Sandbox,
	example: { file: string; trigger: string; clearLogs: (emulators: Sandbox['emulators']) => void },
	problems: (execution: Execution, workflow: WorkflowFixture) => string[],
	success: (execution: Execution) => string,
): Promise<string[]> {
	const { n8n, emulators, examples } = sandbox;
	const label = `example ${example.file.slice(0, 2)}`;
	const workflow = examples[example.file];
	if (!workflow) return [`example ${example.file} is missing`];
	example.clearLogs(emulators);
	try {
		const execution = await n8n.waitForExecution(await n8n.runManually(workflow.id, example.trigger), 120_000);
		const found = problems(execution, workflow);
		if (execution.status !== 'success') found.unshift(`${label} ended ${execution.status}: ${execution.data.resultData.error?.message ?? ''}`);
		if (!found.length) console.log(`[sandbox] ${label}: ${success(execution)}`);
		return found;
	} catch (error) {
		return [`${label}: ${(error as Error).message}`];
	}
}

/** What `--check` proves next: example 06's agent answers a job and an order question through the tools. */
async function checkAgentExample(sandbox: Sandbox): Promise<string[]> {
	return await checkExample(
		sandbox,
		{ file: AGENT_EXAMPLE, trigger: AGENT_EXAMPLE_TRIGGER, clearLogs: clearAgentExampleLogs },
		(execution) => agentExampleProblems(execution, sandbox.emulators),
		(execution) =>
			`the agent answered about a tFLOW job and a papilio order through the tools:${nodeOutput(execution, 'AI Agent')
				.map((item) => `\n  ${String(item.output)}`)
				.join('')}`,
	);
}

/** And example 07: a tFLOW job created with its artwork in one step, then its latest proof downloaded. */
async function checkArtworkExample(sandbox: Sandbox): Promise<string[]> {
	return await checkExample(
		sandbox,
		{ file: ARTWORK_EXAMPLE, trigger: ARTWORK_EXAMPLE_TRIGGER, clearLogs: clearArtworkExampleLogs },
		(execution, workflow) => artworkExampleProblems(execution, sandbox.emulators, workflow, (binary) => sandbox.n8n.readBinary(binary)),
		(execution) => {
			const [proof] = nodeOutput(execution, 'Download Proof');
			return `job ${String(proof.job_id)} created with its artwork in one request; its latest proof ${String(proof.file_name)} (${String(proof.file_size)} bytes) downloaded`;
		},
	);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const cache = process.env.N8N_RUNTIME_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-print-workflow');
	const userFolder = path.join(cache, `sandbox-n8n-${options.version}`);
	const logFile = path.join(userFolder, 'n8n.log');

	let sandbox: Sandbox | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the emulators…');
		// While starting, the emulators live in this process and n8n's processes are killed here.
		if (sandbox) await sandbox.stop();
		else killAll();
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

	try {
		sandbox = await startSandbox({
			version: options.version,
			tarball: options.tarball,
			userFolder,
			port: await editorPort(options.port),
			keep: options.keep,
			verbose: !options.quiet,
			log: (line) => console.log(`[sandbox] ${line}`),
		});
		const { n8n, emulators } = sandbox;
		writeFileSync(logFile, n8n.serverLog);
		if (options.check) {
			const problems = await checkSandbox(n8n);
			if (!problems.length) problems.push(...(await checkAgentExample(sandbox)));
			if (!problems.length) problems.push(...(await checkArtworkExample(sandbox)));
			console.log(
				problems.length
					? `[sandbox] check FAILED:\n  ${problems.join('\n  ')}`
					: `[sandbox] check passed: n8n ${options.version} is healthy, loaded the package's nodes and credentials, example 06's agent used the tools and example 07 created a job with its artwork and downloaded its proof`,
			);
			await stop(problems.length ? 1 : 0);
			return;
		}
		console.log(`[sandbox] n8n log: ${logFile}`);
		console.log(tour(n8n, emulators, loadExamples(), options.version));
		// Keep the log file current while the sandbox runs.
		let written = n8n.serverLog.length;
		setInterval(() => {
			if (n8n.serverLog.length === written) return;
			writeFileSync(logFile, n8n.serverLog);
			written = n8n.serverLog.length;
		}, 2000).unref();
		const code = await n8n.exited();
		if (!stopping) {
			console.error(`[sandbox] n8n exited on its own (${code}); its log is in ${logFile}`);
			writeFileSync(logFile, n8n.serverLog);
			await stop(1);
		}
	} catch (error) {
		console.error(`[sandbox] ${(error as Error).message}`);
		await stop(1);
	}
}

void main();
