/**
 * Standalone image host for the sandbox and manual tests:
 *   npx tsx test/emulators/images/main.ts --port 0 [--latency-ms 250]
 * Prints its URL and a few example image addresses.
 */
import { portFromArgs } from '../common/server';
import { createImageServer } from './index';

function numberArg(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main() {
	const images = createImageServer({ latencyMs: numberArg('--latency-ms', 0), verbose: true });
	await images.start(portFromArgs());
	console.log(`Image server listening on ${images.url}`);
	console.log(`  ${images.imageUrl('photo-1.jpg')}`);
	console.log(`  ${images.imageUrl('photo-2.png', { w: 800, h: 600 })}`);
	console.log(`  ${images.imageUrl('big.jpg', { bytes: 20 * 1024 * 1024 })}   (about 20 MB)`);
	console.log(`  ${images.imageUrl('slow.jpg', { delayMs: 3000 })}   (answers after 3 s)`);
	console.log(`  ${images.imageUrl('missing.jpg', { status: 404 })}   (answers 404)`);
	const stop = async () => {
		await images.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
