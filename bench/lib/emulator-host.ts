/**
 * Runs one emulator in its own process for a benchmark, so the measured process holds only n8n
 * and the node (its CPU time and memory are not mixed with the server's). Prints one JSON line
 * with the URL and credentials, then serves until SIGTERM or until its stdin closes (the benchmark ended).
 *
 *   npx tsx bench/lib/emulator-host.ts tflow|papilio ['{"generatedFileBytes": 1073741824}']
 */
async function main() {
	const [system, optionsJson = '{}'] = process.argv.slice(2);
	const options = JSON.parse(optionsJson);
	let info: Record<string, unknown>;
	let stop: () => Promise<void>;
	if (system === 'tflow') {
		const { createTflowEmulator } = await import('../../tools/emulators/tflow');
		const tflow = createTflowEmulator(options);
		await tflow.start();
		info = { url: tflow.url, clientId: tflow.clientId, clientSecret: tflow.clientSecret };
		stop = () => tflow.stop();
	} else if (system === 'papilio') {
		const { createPapilioEmulator } = await import('../../tools/emulators/papilio');
		const papilio = createPapilioEmulator(options);
		await papilio.start();
		const user = papilio.state.users[0];
		info = {
			url: papilio.url,
			clientId: papilio.config.clientId,
			clientSecret: papilio.config.clientSecret,
			username: user.username,
			password: user.password,
		};
		stop = () => papilio.stop();
	} else {
		throw new Error(`unknown emulator "${system}" (tflow or papilio)`);
	}
	const shutdown = () => stop().then(() => process.exit(0), () => process.exit(1));
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
	process.stdin.on('end', shutdown);
	process.stdin.resume();
	console.log(JSON.stringify(info));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
