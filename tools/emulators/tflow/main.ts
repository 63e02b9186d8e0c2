/**
 * Runs the tFLOW emulator on its own (used by the sandbox):
 *
 *   npx tsx tools/emulators/tflow/main.ts --port 0 [--host 127.0.0.1] [--json] [--verbose] [--no-seed]
 *     [--client-id K] [--client-secret S] [--token-lifetime SECONDS] [--token-max-uses N]
 *     [--webhook-format form|json] [--no-security-key] [--preflight ok|error] [--workflow 2|4|5|30]
 *     [--generated-file-bytes N] [--latency MS] [--props-check strict|off] [--prop-select-value name|id|nameOrId]
 *     [--profile kind|documented]
 *
 * Every flag can also come from the environment: TFLOW_EMULATOR_<FLAG> (e.g. TFLOW_EMULATOR_TOKEN_LIFETIME=60).
 * Prints the instance URL and the API credentials, or one JSON line with --json.
 */
import { cliOptions, portFromArgs } from '../common/server';
import type { PropSelectValue, PropsCheck, TflowProfile } from './config';
import { createTflowEmulator } from './index';

const { option, flag, numberOption } = cliOptions('TFLOW_EMULATOR_');

async function main() {
	const emulator = createTflowEmulator({
		clientId: option('client-id'),
		clientSecret: option('client-secret'),
		profile: option('profile') as TflowProfile | undefined,
		seed: !flag('no-seed'),
		verbose: flag('verbose'),
		latencyMs: numberOption('latency'),
		tokenLifetimeSeconds: numberOption('token-lifetime'),
		tokenMaxUses: numberOption('token-max-uses'),
		webhookFormat: option('webhook-format') as 'form' | 'json' | undefined,
		includeSecurityKey: flag('no-security-key') ? false : undefined,
		preflightOutcome: option('preflight') as 'ok' | 'error' | undefined,
		defaultWorkflowId: numberOption('workflow'),
		generatedFileBytes: numberOption('generated-file-bytes'),
		propsCheck: option('props-check') as PropsCheck | undefined,
		propSelectValue: option('prop-select-value') as PropSelectValue | undefined,
	});
	const url = await emulator.start(portFromArgs(0), option('host') ?? '127.0.0.1');
	const info = { name: 'tflow', url, instanceUrl: url, clientId: emulator.clientId, clientSecret: emulator.clientSecret };
	if (flag('json')) {
		console.log(JSON.stringify(info));
	} else {
		console.log(`tFLOW emulator listening on ${url}`);
		console.log(`  Instance URL: ${url}`);
		console.log(`  API Key:      ${emulator.clientId}`);
		console.log(`  Secret Key:   ${emulator.clientSecret}`);
		console.log(`  Controls:     ${url}/__control/state (see docs/tflow-emulator.md)`);
	}
	const shutdown = () => {
		emulator.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((error) => {
	console.error(`tFLOW emulator failed to start: ${(error as Error).message}`);
	process.exit(1);
});
