/**
 * Runs the model emulator on its own, in demo mode (see docs/model-emulator.md):
 *
 *   npx tsx tools/emulators/model/main.ts --port 0 [--host 127.0.0.1] [--api-key KEY] [--json] [--verbose]
 *
 * Every flag can also come from the environment: MODEL_EMULATOR_<FLAG> (e.g. MODEL_EMULATOR_API_KEY).
 * Prints the Base URL and API key for n8n's OpenAI credential, or one JSON line with --json.
 */
import { cliOptions, portFromArgs } from '../common/server';
import { createModelEmulator } from './index';

const { option, flag } = cliOptions('MODEL_EMULATOR_');

async function main() {
	const model = createModelEmulator({ apiKey: option('api-key'), verbose: flag('verbose') });
	const url = await model.start(portFromArgs(0), option('host') ?? '127.0.0.1');
	const info = { name: 'model', url, baseUrl: model.baseUrl, apiKey: model.apiKey };
	if (flag('json')) {
		console.log(JSON.stringify(info));
	} else {
		console.log(`Model emulator (OpenAI chat completions, demo mode) listening on ${url}`);
		console.log(`  Base URL: ${model.baseUrl}`);
		console.log(`  API key:  ${model.apiKey}`);
		console.log(`  Controls: ${url}/__control/completions, /__control/script (see docs/model-emulator.md)`);
	}
	const shutdown = () => {
		model.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(`model emulator failed to start: ${(error as Error).message}`);
	process.exit(1);
});
