/**
 * Runs the D2S Workflow emulator on its own (used by the sandbox):
 *
 *   npx tsx tools/emulators/d2s/main.ts --port 0 [--host 127.0.0.1] [--json] [--verbose]
 *     [--lab-id ID] [--secret S] [--lab-latency MS] [--download-timeout MS] [--reject-duplicates]
 *     [--latency MS] [--with-images] [--profile kind|documented]
 *
 * Every flag can also come from the environment: D2S_EMULATOR_<FLAG> (e.g. D2S_EMULATOR_LAB_LATENCY=1000).
 * Prints the URL, the credential values (Base URL, Lab ID, Secret) and the known bases with their
 * slot names, or one JSON line with --json. --with-images also starts the local image server.
 */
import { cliOptions, portFromArgs } from '../common/server';
import { createImageServer } from '../images/index';
import { createD2sEmulator, type D2sProfile } from './index';

const { option, flag, numberOption } = cliOptions('D2S_EMULATOR_');

async function main() {
	const host = option('host') ?? '127.0.0.1';
	const d2s = createD2sEmulator({
		labId: option('lab-id'),
		secret: option('secret'),
		labLatencyMs: numberOption('lab-latency'),
		downloadTimeoutMs: numberOption('download-timeout'),
		duplicateOrderReferences: flag('reject-duplicates') ? 'reject' : 'accept',
		latencyMs: numberOption('latency'),
		verbose: flag('verbose'),
		profile: option('profile') as D2sProfile | undefined,
	});
	const url = await d2s.start(portFromArgs(0), host);
	const images = flag('with-images') ? createImageServer({ verbose: flag('verbose') }) : undefined;
	const imagesUrl = images ? await images.start(0, host) : undefined;
	const info = { name: 'd2s', profile: d2s.profile, url, baseUrl: d2s.baseUrl, labId: d2s.labId, secret: d2s.secret, bases: d2s.bases, imagesUrl };
	if (flag('json')) {
		console.log(JSON.stringify(info));
	} else {
		console.log(`D2S Workflow emulator listening on ${url} (profile ${d2s.profile})`);
		console.log(`  Base URL: ${d2s.baseUrl}`);
		console.log(`  Lab ID:   ${d2s.labId}`);
		console.log(`  Secret:   ${d2s.secret}`);
		console.log('  Known bases (widget data-unit → slot names):');
		for (const base of d2s.bases) console.log(`    ${base.id}  ${base.name}: ${base.slots.map((slot) => `"${slot}"`).join(', ')}`);
		console.log(`  Controls: ${url}/__control/orders (see docs/d2s.md)`);
		if (images) console.log(`Image server listening on ${imagesUrl}, e.g. ${images.imageUrl('photo-1.jpg')}`);
	}
	const shutdown = () => {
		Promise.all([d2s.stop(), images?.stop()]).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(`D2S emulator failed to start: ${(error as Error).message}`);
	process.exit(1);
});
