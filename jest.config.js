// Four projects: pure unit tests, integration tests against the emulators through n8n's execution
// code, e2e tests that drive a real n8n (run by scripts/e2e.sh once per n8n runtime), and the browser
// suite: n8n's editor in Chromium (run by scripts/browser.sh).
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const common = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
		},
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeouts.ts'],
		},
		{
			...common,
			displayName: 'browser',
			testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeouts.ts'],
		},
	],
};
