/**
 * The credential's Test button: the credential's test request (a deliberately invalid put-order)
 * run as n8n's CredentialsTester runs it, through n8n-core's RoutingNode with the credential's
 * authentication. A right secret turns it into 400 invalid-by-spec, a wrong one into 401; it never
 * creates an order.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createServer } from 'node:net';

import { D2sWorkflowApi } from '../../../credentials/D2sWorkflowApi.credentials';
import { D2sWorkflow } from '../../../nodes/D2sWorkflow/D2sWorkflow.node';
import { createD2sEmulator, type D2sEmulator } from '../../../tools/emulators/d2s';
import { NodeHarness } from '../../../tools/harness';
import { SECRET } from './setup';

const REFUSED =
	'D2S Workflow did not accept the test order: check the Secret, the Lab ID and the Base URL (it ends with /api/v1). D2S answers a wrong Secret with 401 "Unauthorized (invalid API key)" and an unknown Lab ID with 404; a right secret with the error type "invalid-by-spec".';

let lab: D2sEmulator;
let harness: NodeHarness;

beforeAll(async () => {
	lab = createD2sEmulator({ secret: SECRET });
	await lab.start();
	harness = await new NodeHarness({ nodes: { d2sWorkflow: D2sWorkflow }, credentialTypes: [D2sWorkflowApi] }).init();
});

afterAll(async () => {
	await lab.stop();
});

beforeEach(() => lab.reset());

async function testCredential(data: ICredentialDataDecryptedObject) {
	return await harness.testCredentials('d2sWorkflowApi', data);
}

test('the credential carries its own test request, and the node names no test function', () => {
	expect(new D2sWorkflowApi().test?.request.method).toBe('POST');
	const credential = new D2sWorkflow().description.credentials?.find((entry) => entry.name === 'd2sWorkflowApi');
	expect(credential?.testedBy).toBeUndefined();
});

test('a right secret: OK, from a 400 invalid-by-spec answer, and no order is created', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: lab.labId, secret: SECRET });

	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	const [request] = lab.putOrderRequests();
	expect(lab.putOrderRequests()).toHaveLength(1);
	expect(request.path).toBe('/api/v1/demo-lab');
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.headers.accept).toMatch(/application\/json/);
	expect(request.body).toEqual({ op: 'put-order', type: 'models-by-widget', secret: SECRET, units: [] });
	expect(lab.state.calls[0]).toMatchObject({ status: 400, type: 'invalid-by-spec' });
	expect(lab.state.orders).toHaveLength(0);
});

test('a wrong secret: the lab answers 401 and the test fails', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: lab.labId, secret: 'wrong-secret-1234' });

	expect(result).toEqual({ status: 'Error', message: REFUSED });
	expect(lab.putOrderRequests()[0].body).toMatchObject({ secret: 'wrong-secret-1234' });
	expect(lab.state.calls[0].status).toBe(401);
	expect(lab.state.orders).toHaveLength(0);
});

test('an unknown lab ID: the lab answers 404 and the test fails', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: 'no-such-lab', secret: SECRET });
	expect(result).toEqual({ status: 'Error', message: REFUSED });
	expect(lab.server.requests()[0].path).toBe('/api/v1/no-such-lab');
});

test('a server error fails the test too: only the invalid-by-spec answer proves the secret', async () => {
	lab.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v1/demo-lab$', status: 500, body: { message: 'database down' } });
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: lab.labId, secret: SECRET });
	expect(result).toEqual({ status: 'Error', message: REFUSED });
});

test('a Base URL pasted with the lab ID and a trailing slash still works', async () => {
	const result = await testCredential({ baseUrl: `  ${lab.baseUrl}/demo-lab/ `, labId: ' demo-lab ', secret: SECRET });
	expect(result.status).toBe('OK');
	expect(lab.putOrderRequests()[0].path).toBe('/api/v1/demo-lab');
});

test('a server that cannot be reached', async () => {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise((resolve) => probe.close(resolve));

	const result = await testCredential({ baseUrl: `http://127.0.0.1:${port}/api/v1`, labId: 'demo-lab', secret: SECRET });
	// n8n's own wording for ECONNREFUSED.
	expect(result).toEqual({ status: 'Error', message: 'The service refused the connection - perhaps it is offline' });
});

test('an empty Lab ID fails the test without reaching a lab', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: ' ', secret: SECRET });
	expect(result.status).toBe('Error');
	expect(lab.putOrderRequests()).toHaveLength(0);
	expect(lab.state.orders).toHaveLength(0);
});
