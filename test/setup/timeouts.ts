// Integration tests talk to local emulators (seconds); TEST_TIMEOUT_SECONDS overrides.
jest.setTimeout(Number(process.env.TEST_TIMEOUT_SECONDS ?? 60) * 1000);
