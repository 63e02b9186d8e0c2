// e2e tests boot a real n8n, several times per case; TEST_TIMEOUT_SECONDS overrides.
jest.setTimeout(Number(process.env.TEST_TIMEOUT_SECONDS ?? 600) * 1000);
