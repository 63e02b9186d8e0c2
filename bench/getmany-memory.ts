/**
 * Get Many with a limit against a long list: the emulator (in its own process) holds a list whose
 * answer is about 200 MB, the node asks for 5 items, and the RSS growth of this process (n8n-core
 * plus the node) is measured. tFLOW and papilio do not page, so the node reads only the start of
 * the answer and closes the connection; memory follows the limit, not the list.
 *
 *   npx tsx bench/getmany-memory.ts [--mib 200] [--limit 5]
 */
import { NodeHarness } from '../tools/harness';
import { measurePeakRss } from './lib/memory';
import { startEmulator } from './lib/emulators';
import { mebibytes, printTable, secondsSince, verdict, type Cell } from './lib/report';
import { argument, runMain } from './lib/run';
import { PAPILIO, TFLOW, type CredentialUnderTest } from './lib/systems';

const listMiB = Number(argument('mib', '200'));
const limit = Number(argument('limit', '5'));
/** Bytes of the long text field of each record; the list has listMiB of them. */
const RECORD_TEXT_BYTES = 2048;
/** Target: the RSS growth stays below this, whatever the size of the list. */
const TARGET_MIB = 32;

interface Case {
	system: CredentialUnderTest;
	operation: string;
	parameters: Record<string, unknown>;
	/** Fills the emulator with `count` records carrying `textBytes` of text each. */
	fill(emulator: Awaited<ReturnType<typeof startEmulator>>, count: number): Promise<unknown>;
}

const CASES: Case[] = [
	{
		system: TFLOW,
		operation: 'tflow job getMany',
		parameters: { resource: 'job', operation: 'getMany', returnAll: false, limit, filters: {} },
		fill: (emulator, count) => emulator.call('POST', '/__control/job-copies', { jobId: 1, count, descriptionBytes: RECORD_TEXT_BYTES }),
	},
	{
		system: PAPILIO,
		operation: 'papilio order getMany (mine)',
		parameters: { authentication: 'papilioApi', resource: 'order', operation: 'getMany', scope: 'mine', returnAll: false, limit },
		fill: (emulator, count) => emulator.call('POST', '/__control/order-copies', { count, order: { status: 32, remark: 'r'.repeat(RECORD_TEXT_BYTES) } }),
	},
];

async function measure(test: Case): Promise<Cell[]> {
	const { node, credentialTypes } = await test.system.load();
	const emulator = await startEmulator(test.system.emulator);
	try {
		const harness = await new NodeHarness({ nodes: { [node.name]: node.type }, credentialTypes, binaryMode: 'filesystem' }).init();
		harness.setCredentials(test.system.credential, await test.system.credentialData(emulator));
		const run = async () => {
			const result = await harness.runNode({ type: node.name, parameters: test.parameters as never, credentials: [test.system.credential], input: [{ json: {} }] });
			if (result.error) throw result.error;
			return result.items.length;
		};
		await run(); // warm-up on the short seed list: token, JIT
		const count = Math.ceil((listMiB * 1024 * 1024) / RECORD_TEXT_BYTES);
		await test.fill(emulator, count);
		const started = process.hrtime.bigint();
		const { result: items, memory } = await measurePeakRss(run);
		const seconds = secondsSince(started);
		const growth = mebibytes(memory.growth);
		return [
			test.operation,
			`${count} records, ≥ ${listMiB} MiB`,
			limit,
			items,
			growth.toFixed(0),
			`${verdict(growth < TARGET_MIB && items === limit)}`,
			seconds.toFixed(2),
		];
	} finally {
		await emulator.stop();
	}
}

async function main() {
	const rows: Cell[][] = [];
	for (const test of CASES) rows.push(await measure(test));
	printTable(
		'Get Many memory with a limit',
		['operation', 'list in the emulator', 'limit', 'items output', 'RSS growth (MiB)', `RSS growth < ${TARGET_MIB} MiB and items = limit`, 'time (s)'],
		rows,
		[
			`The emulator (own process) answers the whole list, ${listMiB} MiB or more of JSON: neither API pages. RSS growth: peak resident memory of this process (n8n-core and the node) above its value before the run (VmHWM and 50 ms samples).`,
			'Before the limit was applied while reading, the node read and parsed the whole answer: +276 MiB for limit 5 against a 200 MB tFLOW list.',
		],
	);
}

runMain(main);
