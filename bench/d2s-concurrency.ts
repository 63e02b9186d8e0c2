/**
 * D2S put-order throughput by concurrency: 100 orders against the D2S emulator whose lab takes
 * 1 s per order (it downloads the image from the local image server, then waits), run through n8n's
 * own execution code (NodeHarness) at concurrency 1, 4 and 8. Prints figures; never fails on time.
 *
 *   npx tsx bench/d2s-concurrency.ts [--items 100] [--latency-ms 1000] [--concurrency 1,4,8]
 */
import { D2sWorkflowApi } from '../credentials/D2sWorkflowApi.credentials';
import { D2sWorkflow } from '../nodes/D2sWorkflow/D2sWorkflow.node.js';
import { createD2sEmulator, DEMO_BASES } from '../tools/emulators/d2s';
import { createImageServer } from '../tools/emulators/images';
import { NodeHarness } from '../tools/harness';

function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : process.argv[index + 1];
}

const items = Number(argument('--items', '100'));
const latencyMs = Number(argument('--latency-ms', '1000'));
const levels = argument('--concurrency', '1,4,8').split(',').map(Number);

interface Row {
	concurrency: number;
	wallSeconds: number;
	idealSeconds: number;
	peakAtLab: number;
	ok: number;
	orderKept: boolean;
}

async function main() {
	const images = createImageServer();
	await images.start();
	const lab = createD2sEmulator({ labLatencyMs: latencyMs });
	await lab.start();
	const harness = await new NodeHarness({ nodes: { d2sWorkflow: D2sWorkflow }, credentialTypes: [D2sWorkflowApi] }).init();
	harness.setCredentials('d2sWorkflowApi', { baseUrl: lab.baseUrl, labId: lab.labId, secret: lab.secret });
	const base = DEMO_BASES[1];
	const input = Array.from({ length: items }, (_, index) => ({
		json: { ref: `bench-${index}`, image: images.imageUrl(`bench-${index}.jpg`, { w: 640, h: 480 }) },
	}));

	console.log(`D2S put-order: ${items} orders, lab latency ${latencyMs} ms per order, one 640×480 JPEG each`);
	const rows: Row[] = [];
	for (const concurrency of levels) {
		lab.reset();
		const started = process.hrtime.bigint();
		const result = await harness.runNode({
			type: 'd2sWorkflow',
			parameters: {
				resource: 'order',
				operation: 'put',
				orderReference: '={{ $json.ref }}',
				email: 'bench@example.com',
				confirm: true,
				unitsInputMode: 'fields',
				units: { unit: [{ base: base.id, slots: { slot: [{ slot: base.slots[0], image: '={{ $json.image }}' }] } }] },
				options: { concurrency },
			},
			credentials: ['d2sWorkflowApi'],
			input,
		});
		const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (result.error) console.log(`  concurrency ${concurrency}: the node failed: ${result.error.message}`);
		rows.push({
			concurrency,
			wallSeconds,
			idealSeconds: (items * latencyMs) / 1000 / concurrency,
			peakAtLab: lab.state.maxInFlight,
			ok: result.items.filter((item) => item.json.orderNum !== undefined && item.json.error === undefined).length,
			orderKept: result.items.every((item, index) => item.json.orderReference === `bench-${index}`),
		});
		console.log(`  concurrency ${concurrency} done in ${wallSeconds.toFixed(1)} s`);
	}
	await lab.stop();
	await images.stop();

	const header = ['concurrency', 'wall time (s)', `ideal ${items * latencyMs / 1000}/c (s)`, 'ratio', 'peak at lab', 'orders ok', 'output order kept'];
	const lines = rows.map((row) => [
		String(row.concurrency),
		row.wallSeconds.toFixed(2),
		row.idealSeconds.toFixed(2),
		(row.wallSeconds / row.idealSeconds).toFixed(3),
		String(row.peakAtLab),
		`${row.ok}/${items}`,
		row.orderKept ? 'yes' : 'NO',
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
	const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padStart(widths[column])).join(' | ')} |`;
	console.log('');
	console.log(format(header));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
	for (const line of lines) console.log(format(line));
	console.log('\nratio = wall time / ideal; 1.0 would be a perfect pipeline, the excess is n8n, HTTP and image download overhead.');
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
