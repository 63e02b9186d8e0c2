import http from 'node:http';
import type { ICredentialType, IExecuteFunctions, INodeType, INodeTypeDescription, IHttpRequestHelper, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeHarness } from '../../tools/harness';

class SmokeApi implements ICredentialType {
	name = 'smokeApi'; displayName = 'Smoke';
	properties = [
		{ displayName: 'T', name: 'sessionToken', type: 'hidden' as const, typeOptions: { expirable: true }, default: '' },
		{ displayName: 'U', name: 'url', type: 'string' as const, default: '' },
	];
	async preAuthentication(this: IHttpRequestHelper, c: ICredentialDataDecryptedObject) {
		const r = await this.helpers.httpRequest({ method: 'POST', url: `${c.url}/token`, json: true });
		return { sessionToken: r.token };
	}
	authenticate = { type: 'generic' as const, properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } } };
}
class Smoke implements INodeType {
	description = { displayName: 'Smoke', name: 'smoke', group: ['transform'], version: 1, description: '', defaults: { name: 'Smoke' }, inputs: ['main'], outputs: ['main'], properties: [], credentials: [{ name: 'smokeApi', required: true }] } as unknown as INodeTypeDescription;
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const c = await this.getCredentials('smokeApi');
			const r = await this.helpers.httpRequestWithAuthentication.call(this, 'smokeApi', { url: `${c.url}/me`, json: true });
			out.push({ json: r, pairedItem: { item: i } });
		}
		return [out];
	}
}
test('the harness runs preAuthentication once, refreshes on 401 and stores binaries', async () => {
	let n = 0; let valid = '';
	const server = http.createServer((req, res) => {
		if (req.url === '/token') { n++; valid = `tok${n}`; res.end(JSON.stringify({ token: valid })); return; }
		if (req.headers.authorization !== `Bearer ${valid}`) { res.statusCode = 401; res.end('{}'); return; }
		res.end(JSON.stringify({ ok: true, auth: req.headers.authorization }));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as any).port;
	const h = await new NodeHarness({ nodes: { smoke: Smoke }, credentialTypes: [SmokeApi] }).init();
	h.setCredentials('smokeApi', { url: `http://127.0.0.1:${port}` });
	const r = await h.runNode({ type: 'smoke', parameters: {}, credentials: ['smokeApi'], input: [{ json: {} }, { json: {} }, { json: {} }] });
	expect(r.error).toBeUndefined();
	expect(r.items.length).toBe(3);
	expect(n).toBe(1);
	valid = 'expired';
	const r2 = await h.runNode({ type: 'smoke', parameters: {}, credentials: ['smokeApi'], input: [{ json: {} }] });
	expect(r2.items[0].json.auth).toBe('Bearer tok2');
	const b = await h.binaryItem(Buffer.from('hello'), 'a.txt', 'text/plain');
	expect((await h.readBinary(b.binary!.data)).toString()).toBe('hello');
	server.close();
});
