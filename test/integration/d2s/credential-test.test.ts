/**
 * The credential's Test button (the node's `d2sWorkflowApiTest`, run through n8n-core's own
 * CredentialTestContext as n8n's CredentialsTester does): a deliberately invalid put-order that
 * a right secret turns into 400 invalid-by-spec and a wrong one into 401. It never creates an order.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';
import { createServer } from 'node:net';

import { D2sWorkflow } from '../../../nodes/D2sWorkflow/D2sWorkflow.node';
import { createD2sEmulator, type D2sEmulator } from '../../emulators/d2s';
import { SECRET } from './setup';

let lab: D2sEmulator;

beforeAll(async () => {
	lab = createD2sEmulator({ secret: SECRET });
	await lab.start();
});

afterAll(async () => {
	await lab.stop();
});

beforeEach(() => lab.reset());

async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const node = new D2sWorkflow();
	const testedBy = node.description.credentials?.find((credential) => credential.name === 'd2sWorkflowApi')?.testedBy;
	expect(typeof testedBy).toBe('string');
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	return await test.call(new CredentialTestContext(), { id: 'cred-1', name: 'D2S', type: 'd2sWorkflowApi', data });
}

test('a right secret: OK, from a 400 invalid-by-spec answer, and no order is created', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: lab.labId, secret: SECRET });

	expect(result).toEqual({ status: 'OK', message: 'Connection successful: lab "demo-lab" accepted the secret' });
	const [request] = lab.putOrderRequests();
	expect(lab.putOrderRequests()).toHaveLength(1);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.headers.accept).toMatch(/application\/json/);
	expect(request.body).toEqual({ op: 'put-order', type: 'models-by-widget', secret: SECRET, units: [] });
	expect(lab.state.calls[0]).toMatchObject({ status: 400, type: 'invalid-by-spec' });
	expect(lab.state.orders).toHaveLength(0);
});

test('a wrong secret: the lab answers 401 and the test says the secret is wrong', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: lab.labId, secret: 'wrong-secret-1234' });

	expect(result).toEqual({ status: 'Error', message: 'The secret is wrong: D2S Workflow answered 401 Unauthorized' });
	expect(lab.state.calls[0].status).toBe(401);
	expect(result.message).not.toContain('wrong-secret-1234');
});

test('an unknown lab id is told apart from a wrong secret', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: 'no-such-lab', secret: SECRET });
	expect(result.status).toBe('Error');
	expect(result.message).toBe(`Lab "no-such-lab" not found at ${lab.baseUrl} (404): check the Lab ID and the Base URL`);
});

test('a Base URL pasted with the lab id and a trailing slash still works', async () => {
	const result = await testCredential({ baseUrl: `${lab.baseUrl}/demo-lab/`, labId: 'demo-lab', secret: SECRET });
	expect(result.status).toBe('OK');
	expect(lab.putOrderRequests()[0].path).toBe('/api/v1/demo-lab');
});

test('a server that cannot be reached', async () => {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise((resolve) => probe.close(resolve));

	const result = await testCredential({ baseUrl: `http://127.0.0.1:${port}/api/v1`, labId: 'demo-lab', secret: SECRET });
	expect(result).toEqual({ status: 'Error', message: `Could not reach http://127.0.0.1:${port}/api/v1/demo-lab (ECONNREFUSED)` });
});

test('missing fields are reported without a request', async () => {
	const result = await testCredential({ baseUrl: lab.baseUrl, labId: ' ', secret: SECRET });
	expect(result).toEqual({ status: 'Error', message: 'Enter a Base URL (http or https) and a Lab ID' });
	expect(lab.server.requests()).toHaveLength(0);
});
