/**
 * Token economy: how many token requests each credential makes, counted by the emulator, when the
 * node reads 1,000 items in one execution, 10 consecutive executions of 100 items, and 1,000 items
 * while the API ends every token after 250 calls (4 token lifetimes). Target: one token request per
 * token lifetime. Runs through n8n's execution code (NodeHarness) with n8n-like credential storage.
 *
 *   npx tsx bench/token-economy.ts [--items 1000] [--executions 10]
 */
import { NodeHarness } from '../tools/harness';
import { startEmulator } from './lib/emulators';
import { printTable, verdict, type Cell } from './lib/report';
import { argument, runMain } from './lib/run';
import { PAPILIO, PAPILIO_OAUTH2, TFLOW, type CredentialUnderTest } from './lib/systems';

const items = Number(argument('items', '1000'));
const executions = Number(argument('executions', '10'));
const usesPerToken = 250;

interface Scenario {
	name: string;
	runs: number;
	itemsPerRun: number;
	/** Calls a token may serve (0 = the whole benchmark). */
	tokenMaxUses: number;
}

const SCENARIOS: Scenario[] = [
	{ name: `${items} items, one execution`, runs: 1, itemsPerRun: items, tokenMaxUses: 0 },
	{ name: `${executions} consecutive executions × ${items / executions} items`, runs: executions, itemsPerRun: items / executions, tokenMaxUses: 0 },
	{ name: `${items} items, token ends every ${usesPerToken} calls`, runs: 1, itemsPerRun: items, tokenMaxUses: usesPerToken },
];

async function measure(system: CredentialUnderTest): Promise<Cell[][]> {
	const { node, credentialTypes } = await system.load();
	const emulator = await startEmulator(system.emulator);
	const rows: Cell[][] = [];
	try {
		const harness = await new NodeHarness({ nodes: { [node.name]: node.type }, credentialTypes, binaryMode: 'filesystem' }).init();
		for (const scenario of SCENARIOS) {
			await emulator.call('PATCH', '/__control/config', system.tokenMaxUsesConfig(scenario.tokenMaxUses));
			await emulator.call('DELETE', '/__control/log');
			// A freshly saved credential: the first call fetches a token (OAuth2: the connect flow did), later ones reuse it.
			const tokensBefore = await system.tokenRequests(emulator);
			harness.setCredentials(system.credential, await system.credentialData(emulator));
			let failures = 0;
			for (let run = 0; run < scenario.runs; run++) {
				const result = await harness.runNode({
					type: node.name,
					parameters: system.getParameters,
					credentials: [system.credential],
					input: Array.from({ length: scenario.itemsPerRun }, (_, index) => ({ json: { index } })),
				});
				if (result.error || result.items.length !== scenario.itemsPerRun) failures++;
			}
			const tokenRequests = (await system.tokenRequests(emulator)) - tokensBefore;
			const log = await emulator.call<Array<{ path: string; status?: number }>>('GET', '/__control/log');
			const reads = log.filter((entry) => system.getPath.test(entry.path));
			const refused = reads.filter((entry) => entry.status === 401).length;
			const totalCalls = scenario.runs * scenario.itemsPerRun;
			const lifetimes = scenario.tokenMaxUses ? Math.ceil(totalCalls / scenario.tokenMaxUses) : 1;
			rows.push([
				system.credential,
				scenario.name,
				reads.length - refused,
				refused,
				tokenRequests,
				lifetimes,
				failures ? `${failures} run(s) FAILED` : verdict(tokenRequests <= lifetimes),
			]);
		}
	} finally {
		await emulator.stop();
	}
	return rows;
}

async function main() {
	const rows: Cell[][] = [];
	for (const system of [TFLOW, PAPILIO, PAPILIO_OAUTH2]) rows.push(...(await measure(system)));
	printTable(
		'Token economy',
		['credential', 'scenario', 'API calls answered', 'refused (401)', 'token requests', 'token lifetimes (target)', 'target'],
		rows,
		[
			'Token requests are counted by the emulator (logins and refreshes). Target: one per token lifetime.',
			'Each scenario starts from a freshly saved credential with no token (papilioOAuth2Api: freshly connected, and that connect\'s token request counts); executions run through n8n-core, which stores tokens between items and executions as n8n does.',
			'papilio renews an expired token at /oauth/token/refresh (papilioApi logs in again only when the refresh token is refused).',
		],
	);
}

runMain(main);
