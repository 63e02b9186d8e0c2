/** Runs the papilio emulator standalone: `npx tsx tools/emulators/papilio/main.ts --port 0 [--profile kind|documented]`. */
import { portFromArgs } from '../common/server';
import { createPapilioEmulator, type PapilioProfile } from './index';

async function main() {
	const profileIndex = process.argv.indexOf('--profile');
	const profile = (profileIndex > -1 ? process.argv[profileIndex + 1] : process.env.PAPILIO_EMULATOR_PROFILE) as PapilioProfile | undefined;
	const emulator = createPapilioEmulator({ verbose: process.argv.includes('--verbose'), profile });
	const url = await emulator.start(portFromArgs(), process.env.HOST ?? '127.0.0.1');
	const { config } = emulator;
	const apiUser = emulator.state.users[0];
	console.log(`brix:papilio emulator listening on ${url} (profile ${emulator.profile})`);
	console.log(`  server URL:     ${url}`);
	console.log(`  client id:      ${config.clientId}`);
	console.log(`  client secret:  ${config.clientSecret}`);
	console.log(`  username:       ${apiUser.username}`);
	console.log(`  password:       ${apiUser.password}`);
	console.log(`  other users:    ${emulator.state.users.slice(1).map((user) => `${user.username}/${user.password}`).join(', ')}`);
	console.log(`  OAuth2 (code):  ${url}/oauth/authorize, ${url}/oauth/token/access, ${url}/oauth/token/refresh`);
	console.log(`  control:        ${url}/__control/{config,reset,orders,messages,expire-access-tokens,token-requests}`);
	const stop = async () => {
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
