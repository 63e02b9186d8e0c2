/**
 * Standalone D2S Workflow emulator for the sandbox and manual tests:
 *   npx tsx test/emulators/d2s/main.ts --port 0 [--lab-latency-ms 1000] [--reject-duplicates] [--with-images]
 * Prints its URL, the credential values (Base URL, Lab ID, Secret) and the known bases and slots.
 * With --with-images it also starts the local image server and prints image URLs to order with.
 */
import { portFromArgs } from '../common/server';
import { createImageServer } from '../images/index';
import { createD2sEmulator } from './index';

function numberArg(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main() {
	const d2s = createD2sEmulator({
		labLatencyMs: numberArg('--lab-latency-ms', 0),
		duplicateOrderReferences: process.argv.includes('--reject-duplicates') ? 'reject' : 'accept',
		verbose: true,
	});
	await d2s.start(portFromArgs());
	console.log(`D2S Workflow emulator listening on ${d2s.url}`);
	console.log(`  Base URL: ${d2s.baseUrl}`);
	console.log(`  Lab ID:   ${d2s.labId}`);
	console.log(`  Secret:   ${d2s.secret}`);
	console.log('  Known bases (widget data-unit → slot names):');
	for (const base of d2s.bases) console.log(`    ${base.id}  ${base.name}: ${base.slots.map((slot) => `"${slot}"`).join(', ')}`);
	const images = process.argv.includes('--with-images') ? createImageServer({ verbose: true }) : undefined;
	if (images) {
		await images.start();
		console.log(`Image server listening on ${images.url}, e.g. ${images.imageUrl('photo-1.jpg')}`);
	}
	const stop = async () => {
		await d2s.stop();
		await images?.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
