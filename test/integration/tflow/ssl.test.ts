/**
 * The credential's Ignore SSL Issues switch (`ignoreSslIssues`): tFLOW behind HTTPS with a
 * self-signed certificate is refused unless it is on, for the token request, the API calls and the
 * credential's Test alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startTflow, type TflowSetup } from './setup';

let tflow: TflowSetup;
let proxy: https.Server;
let httpsUrl = '';

/** An HTTPS front for the emulator with a fresh self-signed certificate for 127.0.0.1. */
async function startSelfSignedProxy(target: string): Promise<https.Server> {
	const folder = mkdtempSync(path.join(tmpdir(), 'tflow-ssl-'));
	try {
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
			'-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem')], { stdio: 'ignore' });
		const key = readFileSync(path.join(folder, 'key.pem'));
		const cert = readFileSync(path.join(folder, 'cert.pem'));
		const upstream = new URL(target);
		const server = https.createServer({ key, cert }, (req, res) => {
			const forward = http.request(
				{ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			req.pipe(forward);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return server;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

beforeAll(async () => {
	tflow = await startTflow();
	proxy = await startSelfSignedProxy(tflow.emulator.url);
	httpsUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => proxy.close(resolve));
	await tflow.stop();
});

const getClient = { resource: 'client', operation: 'get', clientId: '101' };

test('off: the self-signed certificate is refused before any request reaches tFLOW', async () => {
	await tflow.reset({ instanceUrl: httpsUrl, ignoreSslIssues: false });
	const result = await tflow.run(getClient);
	expect(result.items).toHaveLength(0);
	expect(result.error?.message).toBe('The connection to tFLOW broke before its answer arrived (DEPTH_ZERO_SELF_SIGNED_CERT)');
	expect(tflow.emulator.server.requests()).toHaveLength(0);

	const tested = await tflow.harness.testCredentials('tflowApi', { instanceUrl: httpsUrl, clientId: 'x', clientSecret: 'y', ignoreSslIssues: false });
	expect(tested.status).toBe('Error');
	expect(tflow.emulator.server.requests()).toHaveLength(0);
});

test('on: the token request and the API call go through the HTTPS front', async () => {
	await tflow.reset({ instanceUrl: httpsUrl, ignoreSslIssues: true });
	const result = await tflow.run(getClient);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.id)).toEqual([101]);
	expect(tflow.tokenCalls()).toHaveLength(1);
	expect(tflow.apiCalls('GET', '/api/v2/client/101')).toHaveLength(1);
});

test('on: the credential\'s Test passes through the HTTPS front', async () => {
	const { clientId, clientSecret } = tflow.harness.credentials.store.get('tflowApi') as { clientId: string; clientSecret: string };
	tflow.emulator.server.clearLog();
	const tested = await tflow.harness.testCredentials('tflowApi', { instanceUrl: httpsUrl, clientId, clientSecret, ignoreSslIssues: true });
	expect(tested).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(tflow.apiCalls('GET', '/api/v2/permission/list')).toHaveLength(1);
});
