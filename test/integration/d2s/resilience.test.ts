/**
 * put-order may create an order, so it is never resent, except once when the connection was
 * refused (the request provably never reached the lab). Timeouts and broken connections are
 * reported as "may have been created". The secret never shows up in any output, error or log.
 */
import { createServer } from 'node:net';

import { CONNECT_RETRY_DELAY_MS } from '../../../nodes/D2sWorkflow/transport';
import { createD2sEmulator } from '../../../tools/emulators/d2s';
import { MUG, SECRET, serializeError, startD2s, unitsParameter, type D2sTestbed } from './setup';

let bed: D2sTestbed;

beforeAll(async () => {
	bed = await startD2s();
});

afterAll(async () => {
	await bed.stop();
});

beforeEach(() => {
	bed.d2s.reset();
	bed.d2s.settings.labLatencyMs = 0;
	bed.useCredentials();
});

function order(options = {}) {
	return {
		orderReference: 'R-1',
		email: 'customer@example.com',
		confirm: true,
		unitsInputMode: 'fields',
		units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', bed.images.imageUrl('r.jpg')]] }]),
		options,
	};
}

/** A port nothing listens on (for now). */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('connection refused', () => {
	test('is retried once, and the order goes through when the lab is back', async () => {
		const port = await freePort();
		const lab = createD2sEmulator({ secret: SECRET });
		bed.useCredentials({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
		const started = Date.now();
		const running = bed.put(order());
		// The lab comes up while the node waits before its retry.
		await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_DELAY_MS / 4));
		await lab.start(port);
		try {
			const result = await running;
			expect(result.error).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(CONNECT_RETRY_DELAY_MS);
			expect(lab.putOrderRequests()).toHaveLength(1);
			expect(result.items[0].json).toEqual({ orderNum: lab.state.orders[0].orderNum, message: expect.any(String), orderReference: 'R-1' });
		} finally {
			await lab.stop();
		}
	});

	test('fails clearly after the one retry when the lab stays down', async () => {
		const port = await freePort();
		bed.useCredentials({ baseUrl: `http://127.0.0.1:${port}/api/v1/` });
		const started = Date.now();
		const result = await bed.put(order());

		expect(Date.now() - started).toBeGreaterThanOrEqual(CONNECT_RETRY_DELAY_MS);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Could not connect to D2S Workflow at http://127.0.0.1:${port}/api/v1/demo-lab`);
		expect(result.error?.description).toContain('(ECONNREFUSED) on all 2 tries, so the order never reached the lab and none was created');
		expect(result.error?.context?.details).toMatchObject({ connectionError: 'ECONNREFUSED', orderReference: 'R-1' });
	});
});

describe('never resent once the lab may have received the order', () => {
	test('500 is sent exactly once', async () => {
		bed.d2s.server.addFault({ kind: 'status', status: 500, body: { error: 'boom' }, times: 5 });
		const result = await bed.put(order());
		expect(result.error?.message).toBe('D2S server error, please report it');
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
	});

	test('a connection dropped by the lab is reported as "may have been created" and not resent', async () => {
		bed.d2s.server.addFault({ kind: 'drop', path: '^/api/v1/' });
		const result = await bed.put(order());
		expect(result.error?.message).toBe('The connection to D2S Workflow broke before its answer arrived');
		expect(result.error?.description).toContain('The lab may have created the order');
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
	});

	test('the timeout option ends the wait; the order the lab still creates is not sent twice', async () => {
		bed.d2s.settings.labLatencyMs = 2500;
		const started = Date.now();
		const result = await bed.put(order({ timeout: 1 }));
		const waited = Date.now() - started;

		expect(result.error?.message).toBe('D2S Workflow did not answer within 1 seconds');
		expect(result.error?.description).toContain('raise Options › Timeout');
		expect(result.error?.description).toContain('The lab may have created the order');
		expect(waited).toBeGreaterThanOrEqual(1000);
		expect(waited).toBeLessThan(2500);
		// The lab carries on and creates the order, which is why the node must not resend it.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(bed.d2s.putOrderRequests()).toHaveLength(1);
		expect(bed.d2s.state.orders.map((known) => known.reference)).toEqual(['R-1']);
	});

	test('the default timeout is generous: a slow lab is waited for', async () => {
		bed.d2s.settings.labLatencyMs = 1500;
		const result = await bed.put(order());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.orderReference).toBe('R-1');
	});
});

describe('the secret never leaves the credential', () => {
	const logged: string[] = [];
	const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

	beforeEach(() => {
		logged.length = 0;
		for (const method of consoleMethods) {
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				logged.push(args.map((arg) => (typeof arg === 'string' ? arg : serializeError(arg))).join(' '));
			});
		}
		// n8n's logger may write to the streams directly.
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
			jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
				logged.push(String(chunk));
				return write(chunk, ...rest);
			}) as typeof stream.write);
		}
	});

	afterEach(() => jest.restoreAllMocks());

	async function expectNoSecret(run: Promise<Awaited<ReturnType<D2sTestbed['put']>>>, secrets = [SECRET]) {
		const result = await run;
		const everything = [JSON.stringify(result.items), JSON.stringify(result.run), serializeError(result.error), serializeError(result.run), ...logged].join('\n');
		for (const secret of secrets) expect(everything).not.toContain(secret);
		return result;
	}

	test('in the output of a successful order', async () => {
		const result = await expectNoSecret(bed.put(order()));
		expect(result.items).toHaveLength(1);
		// The capture works: what is written to the streams is seen by the search.
		process.stderr.write('capture check\n');
		expect(logged).toContain('capture check\n');
		// The secret was really sent, so the search above is meaningful.
		expect(bed.d2s.putOrderRequests()[0].body.secret).toBe(SECRET);
	});

	test('in 400 errors of every type, through continueOnFail items too', async () => {
		bed.d2s.settings.duplicateOrderReferences = 'reject';
		await bed.put(order());
		const input = [
			{ json: { ref: 'R-1', base: MUG.id, slot: 'Slot 1', image: bed.images.imageUrl('a.jpg') } }, // duplicate reference: invalid-by-spec
			{ json: { ref: 'R-2', base: 'nope', slot: 'Slot 1', image: bed.images.imageUrl('a.jpg') } },
			{ json: { ref: 'R-3', base: MUG.id, slot: 'Nope', image: bed.images.imageUrl('a.jpg') } },
			{ json: { ref: 'R-4', base: MUG.id, slot: 'Slot 1', image: bed.images.imageUrl('a.jpg', { status: 403 }) } },
		];
		const parameters = { ...order(), orderReference: '={{ $json.ref }}', units: unitsParameter([{ base: '={{ $json.base }}', slots: [['={{ $json.slot }}', '={{ $json.image }}']] }]) };
		for (const continueOnFail of [true, false]) {
			const result = await expectNoSecret(bed.put(parameters, { input, continueOnFail }));
			if (continueOnFail) expect(result.items.map((item) => item.json.type)).toEqual(['invalid-by-spec', 'wrong-base-id', 'slot-not-found', 'download-error']);
			else expect(result.error?.message).toMatch(/^(invalid-by-spec|wrong-base-id|slot-not-found|download-error): /);
		}
		bed.d2s.settings.duplicateOrderReferences = 'accept';
	});

	test('in a 401 for a wrong secret, which is not shown either', async () => {
		bed.useCredentials({ secret: 'Wrong-Secret-4711' });
		const result = await expectNoSecret(bed.put(order()), [SECRET, 'Wrong-Secret-4711']);
		expect(result.error?.httpCode).toBe('401');
	});

	test('in a 500 whose body echoes the secret back', async () => {
		bed.d2s.server.addFault({ kind: 'status', status: 500, body: { error: 'bad request', received: { secret: SECRET } } });
		const result = await expectNoSecret(bed.put(order()));
		expect(result.error?.description).toContain('"received":{"secret":"***"}');
	});

	test('in network failures: refused, dropped and timed out', async () => {
		bed.d2s.server.addFault({ kind: 'drop', path: '^/api/v1/' });
		await expectNoSecret(bed.put(order()));
		bed.d2s.settings.labLatencyMs = 2500;
		const timedOut = await expectNoSecret(bed.put(order({ timeout: 1 })));
		expect(timedOut.error?.message).toContain('did not answer');
		bed.useCredentials({ baseUrl: `http://127.0.0.1:${await freePort()}/api/v1` });
		const refused = await expectNoSecret(bed.put(order()));
		expect(refused.error?.message).toContain('Could not connect');
	});
});
