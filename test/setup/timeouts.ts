// Integration tests talk to local emulators; e2e tests boot a real n8n.
const seconds = Number(process.env.TEST_TIMEOUT_SECONDS ?? (process.env.JEST_PROJECT === 'e2e' ? 600 : 60));
jest.setTimeout(seconds * 1000);
