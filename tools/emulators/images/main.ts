/**
 * Runs the local image server on its own (used by the sandbox and the e2e tests):
 *
 *   npx tsx tools/emulators/images/main.ts --port 0 [--host 127.0.0.1] [--json] [--verbose] [--latency MS]
 *
 * Flags can also come from the environment: IMAGES_<FLAG> (e.g. IMAGES_LATENCY=250). Prints its URL
 * and example image addresses (with the per-request knobs), or one JSON line with --json.
 */
import { cliOptions, portFromArgs } from '../common/server';
import { createImageServer } from './index';

const { option, flag } = cliOptions('IMAGES_');

async function main() {
	const latency = Number(option('latency') ?? 0);
	if (!Number.isFinite(latency)) throw new Error(`--latency must be a number, got "${option('latency')}"`);
	const images = createImageServer({ latencyMs: latency, verbose: flag('verbose') });
	const url = await images.start(portFromArgs(0), option('host') ?? '127.0.0.1');
	const examples = {
		jpeg: images.imageUrl('photo-1.jpg'),
		png: images.imageUrl('photo-2.png', { w: 800, h: 600 }),
		large: images.imageUrl('big.jpg', { bytes: 20 * 1024 * 1024 }),
		slow: images.imageUrl('slow.jpg', { delayMs: 3000 }),
		missing: images.imageUrl('missing.jpg', { status: 404 }),
	};
	if (flag('json')) {
		console.log(JSON.stringify({ name: 'images', url, examples }));
	} else {
		console.log(`Image server listening on ${url}`);
		console.log(`  ${examples.jpeg}`);
		console.log(`  ${examples.png}`);
		console.log(`  ${examples.large}   (about 20 MB)`);
		console.log(`  ${examples.slow}   (answers after 3 s)`);
		console.log(`  ${examples.missing}   (answers 404)`);
	}
	const shutdown = () => {
		images.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(`Image server failed to start: ${(error as Error).message}`);
	process.exit(1);
});
