/**
 * Order → Check Instance against both D2S emulator profiles: the lab and the secret are checked from
 * the put-order the document makes invalid, and no order is ever placed (the lab's record of orders
 * and downloads stays empty, the one call was refused as invalid-by-spec). The rows are the same on
 * both profiles: the documented profile differs only in the emulator-only get-order, which the check
 * does not use.
 */
import { SECRET, startD2s, type D2sTestbed } from './setup';

type Row = { check: string; ok: boolean | null; seen: string; expected: string; hint: string };

const CHECKS = ['lab', 'secret', 'error answers', 'order placement'];

describe.each(['kind', 'documented'] as const)('profile %s', (profile) => {
	let bed: D2sTestbed;
	beforeAll(async () => {
		bed = await startD2s({ profile });
	});
	afterAll(async () => await bed.stop());
	beforeEach(() => {
		bed.d2s.reset();
		bed.useCredentials();
	});

	async function check(): Promise<Record<string, Row>> {
		const result = await bed.harness.runNode({ type: 'd2sWorkflow', parameters: { resource: 'order', operation: 'checkInstance' }, credentials: ['d2sWorkflowApi'] });
		expect(result.error).toBeUndefined();
		const rows = result.items.map((item) => item.json as unknown as Row);
		expect(rows.map((row) => row.check)).toEqual(CHECKS);
		expect(JSON.stringify(rows)).not.toContain(SECRET);
		return Object.fromEntries(rows.map((row) => [row.check, row]));
	}

	/** The one call the check makes: the credential test's invalid put-order, refused; no order, no download. */
	function expectNoOrder(status: number) {
		const [request, ...more] = bed.d2s.putOrderRequests();
		expect(more).toEqual([]);
		expect(request.body).toEqual({ op: 'put-order', type: 'models-by-widget', units: [], secret: expect.any(String) });
		expect(bed.d2s.state.calls.map((call) => call.status)).toEqual([status]);
		expect(bed.d2s.state.orders).toEqual([]);
		expect(bed.d2s.state.downloads).toEqual([]);
		expect(bed.d2s.server.requests().map((entry) => entry.method)).toEqual(['POST']);
	}

	test('the right lab and secret: lab and secret ok, the invalid-by-spec answer as documented, placement not checked', async () => {
		expect(bed.d2s.profile).toBe(profile);
		const rows = await check();
		expect(rows.lab.ok).toBe(true);
		expect(rows.lab.seen).toMatch(/^HTTP 400 type invalid-by-spec: invalid-by-spec: the lab rejected the order data \(/);
		expect(rows.secret.ok).toBe(true);
		expect(rows.secret.seen).toMatch(/D2S has no read operation/);
		expect(rows.secret.hint).toMatch(/checks the secret before the order's data/);
		expect(rows['error answers'].ok).toBe(true);
		expect(rows['error answers'].seen).toMatch(/^type invalid-by-spec, problems \{.*"units".*\}/);
		expect(rows['order placement']).toMatchObject({ ok: null });
		expect(rows['order placement'].seen).toMatch(/^not checked/);
		expectNoOrder(400);
		expect(bed.d2s.putOrderRequests()[0].body.secret).toBe(SECRET);
	});

	test('a wrong secret: the lab answers, the secret row fails with D2S\'s 401', async () => {
		bed.useCredentials({ secret: 'wrong-d2s-secret-456' });
		const rows = await check();
		expect(rows.lab.ok).toBe(true);
		expect(rows.secret.ok).toBe(false);
		expect(rows.secret.seen).toMatch(/^HTTP 401: D2S Workflow did not accept the secret/);
		expect(rows['error answers'].ok).toBeNull();
		expect(JSON.stringify(rows)).not.toContain('wrong-d2s-secret-456');
		expectNoOrder(401);
	});

	test('an unknown lab: the lab row fails with 404, the secret is not checked', async () => {
		bed.useCredentials({ labId: 'no-such-lab' });
		const rows = await check();
		expect(rows.lab.ok).toBe(false);
		expect(rows.lab.seen).toMatch(/^HTTP 404: /);
		expect(rows.lab.hint).toMatch(/check the Lab ID/);
		expect(rows.secret.ok).toBeNull();
		expect(bed.d2s.state.orders).toEqual([]);
	});
});

test('the documented profile knows put-order only: get-order is refused as an unknown op', async () => {
	const kind = await startD2s();
	const documented = await startD2s({ profile: 'documented' });
	try {
		const ask = async (bed: D2sTestbed) =>
			await fetch(`${bed.d2s.baseUrl}/${bed.d2s.labId}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify({ op: 'get-order', order: 'none', secret: SECRET }),
			});
		expect((await ask(kind)).status).toBe(404);
		const refused = await ask(documented);
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ type: 'invalid-by-spec', problems: { op: 'unknown operation "get-order"' } });
	} finally {
		await kind.stop();
		await documented.stop();
	}
});
