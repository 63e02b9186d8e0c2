/**
 * Per-item throughput of a "get by id" read: the package's node run through n8n's execution code
 * (NodeHarness) against the emulator, next to the same calls made in the same run by a raw
 * keep-alive HTTP client (axios) and by n8n's own HTTP Request node (n8n-nodes-base 2.8.x, run by
 * the same harness with the same credential). The emulator runs in its own process.
 *
 *   npx tsx bench/throughput.ts [--items 1000] [--rounds 5]
 */
import axios from 'axios';
import http from 'node:http';

import { MAX_READ_CONCURRENCY } from '../nodes/shared/dispatcher';
import { NodeHarness } from '../tools/harness';
import { startEmulator, type EmulatorProcess } from './lib/emulators';
import { loadHttpRequestNode } from './lib/http-request-node';
import { percentile, printTable, ratio, secondsSince, verdict, type Cell } from './lib/report';
import { argument, runMain } from './lib/run';
import { PAPILIO, TFLOW, type CredentialUnderTest } from './lib/systems';

const items = Number(argument('items', '1000'));
const rounds = Number(argument('rounds', '5'));
/** Options › Concurrency for the "node, N at a time" run, when the node offers it (issue 12's opt-in setting). */
const concurrency = Number(argument('concurrency', '8'));
/** The node with as many items at once as the HTTP Request node sends: the like-for-like comparison. */
const allAtOnce = Math.min(items, MAX_READ_CONCURRENCY);
/** Issue 12's targets for reads. */
const TARGET_VS_RAW = 0.7;
const TARGET_VS_HTTP_REQUEST = 1.0;

/** Whether the node's read offers Options › Concurrency. */
function offersConcurrency(type: new () => any): boolean {
	const properties = (new type().description?.properties ?? []) as Array<{ name: string; options?: Array<{ name?: string }> }>;
	return properties.some((property) => property.name === 'options' && (property.options ?? []).some((option) => option.name === 'concurrency'));
}

type Client = { name: string; run(count: number): Promise<void> };

/** Items per second of each client: the median of `rounds` runs, clients interleaved so drift hits all alike. */
async function race(clients: Client[]): Promise<Map<string, number>> {
	const rates = new Map<string, number[]>(clients.map((client) => [client.name, []]));
	for (const client of clients) await client.run(Math.min(100, items)); // warm-up: token, JIT, connections
	for (let round = 0; round < rounds; round++) {
		for (const client of clients) {
			const started = process.hrtime.bigint();
			await client.run(items);
			rates.get(client.name)!.push(items / secondsSince(started));
		}
	}
	return new Map([...rates].map(([name, values]) => [name, percentile(values, 50)]));
}

function expectAll(count: number, outputs: Array<{ ok: boolean }>, what: string) {
	const good = outputs.filter((output) => output.ok).length;
	if (good !== count) throw new Error(`${what}: ${good} of ${count} items were the expected record`);
}

async function measure(system: CredentialUnderTest, httpRequestNode: ReturnType<typeof loadHttpRequestNode> | Error) {
	const { node, credentialTypes } = await system.load();
	const emulator: EmulatorProcess = await startEmulator(system.emulator);
	try {
		const nodes: Record<string, new () => any> = { [node.name]: node.type };
		if (!(httpRequestNode instanceof Error)) nodes.httpRequest = httpRequestNode.type;
		const harness = await new NodeHarness({ nodes, credentialTypes, binaryMode: 'filesystem' }).init();
		harness.setCredentials(system.credential, await system.credentialData(emulator));
		const input = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));
		const agent = new http.Agent({ keepAlive: true });
		const raw = await system.rawClient(emulator, axios.create({ httpAgent: agent }));
		// n8n-core gives every request a new http.Agent, so each one opens a TCP connection; this client does the same.
		const rawNewConnections = await system.rawClient(emulator, axios.create({ httpAgent: new http.Agent({ keepAlive: false, maxSockets: Infinity }) }));

		const runNode = async (count: number, parameters: typeof system.getParameters) => {
			const result = await harness.runNode({ type: node.name, parameters, credentials: [system.credential], input: input(count) });
			if (result.error) throw result.error;
			expectAll(count, result.items.map((item) => ({ ok: system.isExpectedRecord(item.json) })), `${node.name} node`);
		};
		const clients: Client[] = [{ name: 'node', run: async (count) => await runNode(count, system.getParameters) }];
		if (offersConcurrency(node.type)) {
			clients.push({ name: 'nodeConcurrent', run: async (count) => await runNode(count, { ...system.getParameters, options: { concurrency } }) });
			clients.push({ name: 'nodeAllAtOnce', run: async (count) => await runNode(count, { ...system.getParameters, options: { concurrency: allAtOnce } }) });
		}
		clients.push(
			{
				name: 'raw',
				async run(count) {
					const outputs = [];
					for (let index = 0; index < count; index++) outputs.push({ ok: system.isExpectedRecord((await raw.get()) as never) });
					expectAll(count, outputs, 'raw client');
				},
			},
			{
				name: 'rawNewConnection',
				async run(count) {
					const outputs = [];
					for (let index = 0; index < count; index++) outputs.push({ ok: system.isExpectedRecord((await rawNewConnections.get()) as never) });
					expectAll(count, outputs, 'raw client, new connections');
				},
			},
			{
				name: 'rawParallel',
				async run(count) {
					const answers = await Promise.all(Array.from({ length: count }, async () => await raw.get()));
					expectAll(count, answers.map((answer) => ({ ok: system.isExpectedRecord(answer as never) })), 'raw client, all at once');
				},
			},
		);
		if (!(httpRequestNode instanceof Error)) {
			clients.push({
				name: 'httpRequest',
				async run(count) {
					const result = await harness.runNode({
						type: 'httpRequest',
						parameters: { method: 'GET', url: raw.url, authentication: 'predefinedCredentialType', nodeCredentialType: system.credential, options: {} },
						credentials: [system.credential],
						input: input(count),
					});
					if (result.error) throw result.error;
					expectAll(count, result.items.map((item) => ({ ok: system.isExpectedRecord(item.json) })), 'HTTP Request node');
				},
			});
		}
		const rates = await race(clients);
		agent.destroy();
		return rates;
	} finally {
		await emulator.stop();
	}
}

async function main() {
	let httpRequestNode: ReturnType<typeof loadHttpRequestNode> | Error;
	try {
		httpRequestNode = loadHttpRequestNode([TFLOW.credential, PAPILIO.credential]);
	} catch (error) {
		httpRequestNode = error as Error;
	}
	const rows: Cell[][] = [];
	const operations: Array<[CredentialUnderTest, string]> = [
		[TFLOW, 'tflow job get'],
		[PAPILIO, 'papilio order get (papilioApi)'],
	];
	for (const [system, operation] of operations) {
		const rates = await measure(system, httpRequestNode);
		const rawRate = rates.get('raw')!;
		const httpRate = rates.get('httpRequest');
		// Only the like-for-like row is held to the targets: the HTTP Request node sends all items at once.
		const variants: Array<[string, number | undefined, boolean]> = [
			['one at a time (default)', rates.get('node'), false],
			[`Options › Concurrency ${concurrency}`, rates.get('nodeConcurrent'), false],
			[`Options › Concurrency ${allAtOnce}: all at once, as the HTTP Request node`, rates.get('nodeAllAtOnce'), true],
		];
		const judged = (met: boolean, held: boolean) => (held ? verdict(met) : 'for reference');
		for (const [how, nodeRate, held] of variants) {
			if (nodeRate === undefined) {
				rows.push([operation, how, 'not offered by this build', '', '', '', '', '', '']);
				continue;
			}
			rows.push([
				operation,
				how,
				nodeRate.toFixed(0),
				rawRate.toFixed(0),
				rates.get('rawNewConnection')!.toFixed(0),
				rates.get('rawParallel')!.toFixed(0),
				httpRate === undefined ? 'not measured' : httpRate.toFixed(0),
				`${ratio(nodeRate, rawRate)} (${judged(nodeRate >= TARGET_VS_RAW * rawRate, held)})`,
				httpRate === undefined ? 'not measured' : `${ratio(nodeRate, httpRate)} (${judged(nodeRate >= TARGET_VS_HTTP_REQUEST * httpRate, held)})`,
			]);
		}
	}
	printTable(
		'Per-item throughput (items/s)',
		[
			'operation',
			'node runs items',
			'node',
			'raw axios, keep-alive, one at a time',
			'raw axios, new connection each, one at a time',
			'raw axios, keep-alive, all at once',
			'HTTP Request node',
			`node ÷ raw keep-alive (target ≥ ${TARGET_VS_RAW}×)`,
			`node ÷ HTTP Request (target ≥ ${TARGET_VS_HTTP_REQUEST}×)`,
		],
		rows,
		[
			`${items} items per run, median of ${rounds} runs after a warm-up; the emulator runs in its own process on the same machine.`,
			'node: this package\'s node through n8n-core (NodeHarness), one request per item, output in input order. raw: axios with the token fetched once; the target compares with the keep-alive client.',
			`The targets hold the like-for-like row: the node with Options › Concurrency ${allAtOnce} has as many requests in flight as the HTTP Request node, which sends all ${items} at once. The other rows show what the default and a moderate setting give.`,
			'n8n-core (2.8) creates a new http.Agent for every request, so every request of a node, ours or the HTTP Request node, opens a new TCP connection: the "new connection each" column shows what that alone costs a raw client.',
			httpRequestNode instanceof Error
				? `HTTP Request node not measured: ${httpRequestNode.message}`
				: `HTTP Request node: n8n-nodes-base ${httpRequestNode.version} HttpRequest v4.2 in the same harness, with the same predefined credential; it sends all items' requests at once (its default without batching).`,
		],
	);
}

runMain(main);
