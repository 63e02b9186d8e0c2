/**
 * The trigger's registration lifecycle (checkExists / create / delete through n8n's HookContext)
 * against the tFLOW emulator: what tFLOW ends up with, what the node recorded, and which calls
 * reached the API.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Trigger, TriggerSetup } from './setup';
import { startTriggerSetup } from './setup';

let setup: TriggerSetup;

beforeAll(async () => {
	setup = await startTriggerSetup();
});
afterAll(async () => await setup.stop());
beforeEach(async () => await setup.reset());

const EVENTS = ['job.approve', 'order.complete'];
const trigger = (parameters: INodeParameters = {}): Trigger => ({
	parameters: { events: EVENTS, registerWebhooks: true, options: {}, ...parameters },
	staticData: {},
});
const remoteWebhooks = () => [...setup.emulator.state.webhooks.values()];
const productionUrl = () => `${setup.receiverUrl}${setup.productionPath}`;

test('activation registers one webhook per event, each with its own secret in the URL and as security key', async () => {
	const node = trigger();
	expect(await setup.lifecycle('checkExists', node)).toBe(false);
	expect(setup.webhookCalls().map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/v2/webhook/list']);
	expect(await setup.lifecycle('create', node)).toBe(true);

	const creates = setup.webhookCalls('POST');
	expect(creates.map((call) => call.path)).toEqual(['/api/v2/webhook/create', '/api/v2/webhook/create']);
	const token = String(setup.harness.credentials.store.get('tflowApi')?.accessToken);
	const secrets = creates.map((call) => {
		expect(call.headers.authorization).toBe(`Bearer ${token}`);
		expect(call.query).toEqual({});
		const url = new URL(String(call.body.url));
		expect(`${url.origin}${url.pathname}`).toBe(productionUrl());
		const secret = url.searchParams.get('secret')!;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(call.body.security_key).toBe(secret);
		return secret;
	});
	expect(creates.map((call) => call.body.name)).toEqual(EVENTS);
	expect(new Set(secrets).size).toBe(2);

	expect(remoteWebhooks().map((webhook) => [webhook.name, webhook.url])).toEqual(EVENTS.map((event, index) => [event, `${productionUrl()}?secret=${secrets[index]}`]));
	expect(setup.recorded(node)).toEqual({
		[productionUrl()]: {
			test: false,
			registrations: remoteWebhooks().map((webhook, index) => ({ id: webhook.id, event: EVENTS[index], secret: secrets[index] })),
		},
	});
	expect(await setup.lifecycle('checkExists', node)).toBe(true);
});

test('activating again (also with a direct create) registers nothing twice', async () => {
	const node = trigger();
	await setup.activate(node);
	const before = remoteWebhooks().map((webhook) => webhook.id);
	await setup.activate(node);
	expect(await setup.lifecycle('create', node)).toBe(true);
	expect(remoteWebhooks().map((webhook) => webhook.id)).toEqual(before);
	expect(setup.webhookCalls('POST')).toHaveLength(2);
});

test('registrations survive lost static data (e.g. an imported workflow): found by URL and event, secrets adopted', async () => {
	const node = trigger();
	await setup.activate(node);
	const recorded = setup.recorded(node);
	const imported: Trigger = { parameters: node.parameters, staticData: {} };
	expect(await setup.lifecycle('checkExists', imported)).toBe(true);
	expect(setup.recorded(imported)).toEqual(recorded);
	expect(remoteWebhooks()).toHaveLength(2);
	// and the adopted secrets open the webhook
	setup.listen(imported);
	const approved = [...setup.emulator.state.jobs.values()].find((job) => job.current_state_name === 'to_review')!;
	await setup.emulator.fire('job.approve', { job_id: approved.id });
	expect(setup.received.map((delivery) => delivery.status)).toEqual([200]);
});

test('a registration deleted in tFLOW is registered again, and only that one', async () => {
	const node = trigger();
	await setup.activate(node);
	const [approve, complete] = remoteWebhooks();
	setup.emulator.state.webhooks.delete(complete.id);
	setup.emulator.server.clearLog();
	expect(await setup.lifecycle('checkExists', node)).toBe(false);
	await setup.lifecycle('create', node);
	expect(setup.webhookCalls('POST').map((call) => call.body.name)).toEqual(['order.complete']);
	expect(remoteWebhooks().map((webhook) => webhook.name)).toEqual(['job.approve', 'order.complete']);
	expect(remoteWebhooks()[0].id).toBe(approve.id);
	expect(setup.recorded(node)[productionUrl()].registrations.map((registration) => registration.event)).toEqual(['job.approve', 'order.complete']);
});

test('deactivation deletes exactly the registrations this node made, tolerates ones already gone and clears static data', async () => {
	const node = trigger();
	await setup.activate(node);
	// someone else's webhooks: another URL for the same event, and our URL without a secret
	const foreign = [
		{ name: 'job.approve', url: 'https://erp.example.com/tflow-hook', security_key: 'x' },
		{ name: 'job.approve', url: productionUrl(), security_key: '' },
	];
	for (const body of foreign) {
		const id = setup.emulator.state.nextId('webhook');
		setup.emulator.state.webhooks.set(id, { id, ...body, failed_attempts: 0 });
	}
	const [approve, complete] = remoteWebhooks();
	setup.emulator.state.webhooks.delete(complete.id); // already removed in tFLOW
	setup.emulator.server.clearLog();

	expect(await setup.lifecycle('delete', node)).toBe(true);
	expect(setup.webhookCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
		`DELETE /api/v2/webhook/${approve.id}`,
		`DELETE /api/v2/webhook/${complete.id}`,
	]);
	expect(setup.webhookCalls().map((call) => call.status)).toEqual([200, 404]);
	expect(remoteWebhooks().map((webhook) => webhook.url)).toEqual(foreign.map((webhook) => webhook.url));
	expect(node.staticData).toEqual({ 'node:Node': {} });
	// deleting again does nothing
	setup.emulator.server.clearLog();
	expect(await setup.lifecycle('delete', node)).toBe(true);
	expect(setup.webhookCalls()).toHaveLength(0);
});

test('a registration that cannot be deleted stays recorded for the next attempt', async () => {
	const node = trigger();
	await setup.activate(node);
	const [approve, complete] = remoteWebhooks();
	setup.emulator.server.addFault({ kind: 'status', method: 'DELETE', path: `/api/v2/webhook/${complete.id}$`, status: 500, body: { error: true, messages: { id: ['database unavailable'] } } });
	expect(await setup.lifecycle('delete', node)).toBe(false);
	expect(setup.emulator.state.webhooks.has(approve.id)).toBe(false);
	expect(setup.recorded(node)[productionUrl()].registrations.map((registration) => registration.id)).toEqual([complete.id]);
	expect(await setup.lifecycle('delete', node)).toBe(true);
	expect(remoteWebhooks()).toHaveLength(0);
	expect(setup.recorded(node)).toEqual({});
});

test('listening for a test event does not touch the production registrations, even with shared static data', async () => {
	const node = trigger();
	await setup.activate(node);
	const production = setup.recorded(node)[productionUrl()];
	await setup.activate(node, true);
	const testUrl = `${setup.receiverUrl}${setup.testPath}`;
	expect(remoteWebhooks().map((webhook) => webhook.url.split('?')[0])).toEqual([productionUrl(), productionUrl(), testUrl, testUrl]);
	expect(setup.recorded(node)[testUrl].test).toBe(true);
	expect(await setup.lifecycle('delete', node, true)).toBe(true);
	expect(remoteWebhooks().map((webhook) => webhook.url.split('?')[0])).toEqual([productionUrl(), productionUrl()]);
	expect(setup.recorded(node)).toEqual({ [productionUrl()]: production });
});

test('events no longer selected: their registrations are removed at the next activation', async () => {
	const node = trigger();
	await setup.activate(node);
	const edited: Trigger = { parameters: { ...node.parameters, events: ['job.approve', 'job.release'] }, staticData: node.staticData };
	expect(await setup.lifecycle('checkExists', edited)).toBe(false);
	await setup.lifecycle('create', edited);
	expect(remoteWebhooks().map((webhook) => webhook.name)).toEqual(['job.approve', 'job.release']);
	expect(setup.recorded(edited)[productionUrl()].registrations.map((registration) => registration.event)).toEqual(['job.approve', 'job.release']);
});

test('a registration that fails half-way is rolled back, and the error says what tFLOW answered', async () => {
	// tFLOW refuses event names it does not know: the custom one fails after job.approve succeeded
	const node = trigger({ events: ['job.approve'], options: { customEvents: 'invoice.paid' } });
	const error = await setup.activate(node).then(() => undefined, (caught: Error) => caught);
	expect(error?.message).toMatch(/^tFLOW rejected the request: name: Unknown event "invoice.paid"/);
	expect(setup.webhookCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
		'GET /api/v2/webhook/list',
		'GET /api/v2/webhook/list',
		'POST /api/v2/webhook/create',
		'POST /api/v2/webhook/create',
		expect.stringMatching(/^DELETE \/api\/v2\/webhook\/\d+$/),
	]);
	expect(remoteWebhooks()).toHaveLength(0);
	expect(setup.recorded(node)).toEqual({});
});

test('an API user without webhook permission gets a hint to register by hand', async () => {
	setup.emulator.server.addFault({ kind: 'status', method: 'GET', path: '^/api/v2/webhook/list$', status: 403, body: { error: true, messages: { permission: ['Access denied'] } } });
	const error = (await setup.lifecycle('checkExists', trigger()).catch((caught: unknown) => caught)) as Error & { description?: string };
	expect(error.message).toMatch(/not allowed to do this: permission: Access denied/);
	expect(error.description).toMatch(/turn off "Register Webhooks Automatically"/);
	expect(setup.webhookCalls('POST')).toHaveLength(0);
});

test.each([
	[{ events: [] }, 'Events: select at least one event or add a custom event name'],
	[{ options: { customEvents: 'job.approve, not an event' } }, 'Custom Event Names: "not" is not a tFLOW event name'],
	[{ options: { customEvents: 'Approve!' } }, 'Custom Event Names: "approve!" is not a tFLOW event name'],
	[{ options: { orderIds: '12, abc' } }, 'Only Order IDs: "abc" is not a tFLOW id'],
	[{ options: { clientIds: '0' } }, 'Only Client IDs: "0" is not a tFLOW id'],
	[{ registerWebhooks: false, webhookSecret: 'too-short' }, 'Webhook Secret: use at least 16 characters'],
	[{ registerWebhooks: false, webhookSecret: 'has spaces and is long enough' }, 'Webhook Secret: use at least 16 characters'],
])('bad parameters %j are reported before any request', async (parameters, message) => {
	await expect(setup.lifecycle('checkExists', trigger(parameters as INodeParameters))).rejects.toThrow(message);
	expect(setup.emulator.server.requests()).toHaveLength(0);
});

test('with registration by hand, the lifecycle calls tFLOW for nothing', async () => {
	const node = trigger({ registerWebhooks: false, webhookSecret: 'a-long-hand-made-secret' });
	expect(await setup.lifecycle('checkExists', node)).toBe(true);
	expect(await setup.lifecycle('create', node)).toBe(true);
	expect(await setup.lifecycle('delete', node)).toBe(true);
	expect(setup.emulator.server.requests()).toHaveLength(0);
	expect(setup.recorded(node)).toEqual({});
});

describe("after n8n's public URL changed", () => {
	/** The same receiver under another host name: n8n's webhook URL is now different. */
	const movedBase = () => setup.receiverUrl.replace('127.0.0.1', 'localhost');
	const movedUrl = () => `${movedBase()}${setup.productionPath}`;
	const approved = () => [...setup.emulator.state.jobs.values()].find((job) => job.current_state_name === 'approved')!;

	async function activeThenMoved() {
		const node = trigger();
		await setup.activate(node);
		setup.listen(node);
		const old = remoteWebhooks().map((webhook) => ({ ...webhook }));
		setup.harness.webhookBaseUrl = `${movedBase()}/`;
		setup.emulator.server.clearLog();
		return { node, old };
	}

	afterEach(() => {
		setup.harness.webhookBaseUrl = `${setup.receiverUrl}/`;
	});

	test('deliveries with the old URL and secret are refused, also after deactivation', async () => {
		const { node, old } = await activeThenMoved();
		const oldApprove = old.find((webhook) => webhook.name === 'job.approve')!;
		// tFLOW still delivers to the old URL, which still reaches this n8n
		await setup.emulator.fire('job.approve', { job_id: approved().id });
		expect(setup.emulator.deliveries.map((delivery) => delivery.url)).toEqual([oldApprove.url]);
		expect(setup.received.map((delivery) => [delivery.status, delivery.items.length])).toEqual([[401, 0]]);

		expect(await setup.lifecycle('delete', node)).toBe(true);
		expect(setup.webhookCalls().map((call) => `${call.method} ${call.path}`)).toEqual(old.map((webhook) => `DELETE /api/v2/webhook/${webhook.id}`));
		expect(remoteWebhooks()).toHaveLength(0);
		expect(setup.recorded(node)).toEqual({});
		const oldPath = oldApprove.url.slice(setup.receiverUrl.length);
		expect(await setup.post(oldPath, `event_name=job.approve&job_id=${approved().id}`, 'application/x-www-form-urlencoded')).toBe(401);
		expect(setup.received.every((delivery) => delivery.items.length === 0)).toBe(true);
	});

	test('activation deletes the registrations for the old URL in tFLOW and registers the new URL', async () => {
		const { node, old } = await activeThenMoved();
		// someone else's registration for the same event stays
		const foreignId = setup.emulator.state.nextId('webhook');
		setup.emulator.state.webhooks.set(foreignId, { id: foreignId, name: 'job.approve', url: 'https://erp.example.com/hook?secret=theirs', security_key: 'theirs', failed_attempts: 0 });
		expect(await setup.lifecycle('checkExists', node)).toBe(false);
		expect(await setup.lifecycle('create', node)).toBe(true);

		const calls = setup.webhookCalls().map((call) => `${call.method} ${call.path}`);
		for (const webhook of old) expect(calls).toContain(`DELETE /api/v2/webhook/${webhook.id}`);
		expect(calls.filter((call) => call.startsWith('DELETE'))).toHaveLength(old.length);
		expect(remoteWebhooks().map((webhook) => [webhook.name, webhook.url.split('?')[0]])).toEqual([
			['job.approve', 'https://erp.example.com/hook'],
			['job.approve', movedUrl()],
			['order.complete', movedUrl()],
		]);
		expect(Object.keys(setup.recorded(node))).toEqual([movedUrl()]);
		expect(await setup.lifecycle('checkExists', node)).toBe(true);

		// tFLOW now delivers to the new URL, and that delivery starts the workflow
		setup.emulator.state.webhooks.delete(foreignId);
		await setup.emulator.fire('job.approve', { job_id: approved().id });
		expect(setup.received.map((delivery) => [delivery.status, delivery.items.length])).toEqual([[200, 1]]);
	});

	test('an old registration that cannot be deleted stays recorded for the next activation, and stays refused', async () => {
		const { node, old } = await activeThenMoved();
		const [approve, complete] = old;
		setup.emulator.server.addFault({ kind: 'status', method: 'DELETE', path: `/api/v2/webhook/${approve.id}$`, status: 500, body: { error: true, messages: { id: ['database unavailable'] } } });
		await setup.activate(node);
		expect(setup.emulator.state.webhooks.has(complete.id)).toBe(false);
		const oldUrl = productionUrl();
		expect(setup.recorded(node)[oldUrl].registrations.map((registration) => registration.id)).toEqual([approve.id]);
		const oldPath = approve.url.slice(setup.receiverUrl.length);
		expect(await setup.post(oldPath, 'event_name=job.approve&job_id=3', 'application/x-www-form-urlencoded')).toBe(401);

		expect(await setup.lifecycle('checkExists', node)).toBe(false);
		await setup.lifecycle('create', node);
		expect(setup.emulator.state.webhooks.has(approve.id)).toBe(false);
		expect(Object.keys(setup.recorded(node))).toEqual([movedUrl()]);
	});
});

/**
 * The same lifecycle on an instance that gives webhooks ids (`kind`) and on one that, as the
 * documents show, answers `{name, url, security_key, failed_attempts}` and addresses webhooks by
 * event name only (`documented`): what tFLOW holds after every step.
 */
describe.each(['kind', 'documented'] as const)('the lifecycle on a tFLOW instance of the %s profile', (profile) => {
	let bed: TriggerSetup;
	beforeAll(async () => {
		bed = await startTriggerSetup({ profile });
	});
	afterAll(async () => await bed.stop());
	beforeEach(async () => await bed.reset());

	const withIds = profile === 'kind';
	const ours = () => `${bed.receiverUrl}${bed.productionPath}`;
	/** What tFLOW holds: event and URL without the secret, in the order they were created. */
	const held = () => [...bed.emulator.state.webhooks.values()].map((webhook) => `${webhook.name} ${webhook.url.split('?')[0]}`);
	const node = (events = EVENTS): Trigger => ({ parameters: { events, registerWebhooks: true, options: {} }, staticData: {} });
	const FOREIGN_URL = 'https://erp.example.com/tflow-hook?token=erp-private-token';
	/** Another system's webhook, registered in tFLOW directly. */
	function addForeign(name: string) {
		const id = bed.emulator.state.nextId('webhook');
		const webhook = { id, name, url: FOREIGN_URL, security_key: 'erp-key', failed_attempts: 0 };
		bed.emulator.state.webhooks.set(id, webhook);
		return { ...webhook };
	}
	const failure = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (caught: unknown) => caught)) as (Error & { description?: string }) | undefined;
	const creates = () => bed.webhookCalls('POST').filter((call) => call.path === '/api/v2/webhook/create');

	test('activate, deliver, change the events, deactivate, reactivate: tFLOW holds exactly our registrations after each step', async () => {
		const trigger = node();
		await bed.activate(trigger);
		expect(held()).toEqual([`job.approve ${ours()}`, `order.complete ${ours()}`]);
		const registrations = bed.recorded(trigger)[ours()].registrations;
		expect(registrations.map((registration) => [registration.event, 'id' in registration])).toEqual([
			['job.approve', withIds],
			['order.complete', withIds],
		]);
		expect(await bed.lifecycle('checkExists', trigger)).toBe(true);

		bed.listen(trigger);
		const job = [...bed.emulator.state.jobs.values()].find((candidate) => candidate.current_state_name === 'to_review')!;
		await bed.emulator.fire('job.approve', { job_id: job.id });
		expect(bed.received.map((delivery) => [delivery.status, delivery.items[0]?.json.event])).toEqual([[200, 'job.approve']]);

		const edited: Trigger = { parameters: { ...trigger.parameters, events: ['job.approve', 'job.release'] }, staticData: trigger.staticData };
		bed.emulator.server.clearLog();
		await bed.activate(edited);
		expect(held()).toEqual([`job.approve ${ours()}`, `job.release ${ours()}`]);
		const deletes = bed.webhookCalls('DELETE').map((call) => call.path);
		expect(deletes).toEqual([withIds ? `/api/v2/webhook/${registrations[1].id}` : '/api/v2/webhook/order.complete']);

		bed.emulator.server.clearLog();
		expect(await bed.lifecycle('delete', edited)).toBe(true);
		expect(held()).toEqual([]);
		expect(bed.recorded(edited)).toEqual({});
		expect(bed.webhookCalls('DELETE').map((call) => call.status)).toEqual([200, 200]);

		await bed.activate(edited);
		await bed.activate(edited);
		expect(await bed.lifecycle('create', edited)).toBe(true);
		expect(held()).toEqual([`job.approve ${ours()}`, `job.release ${ours()}`]);
		expect(creates().map((call) => call.body.name)).toEqual(['job.approve', 'job.release']);
		expect(await bed.lifecycle('delete', edited)).toBe(true);
		expect(held()).toEqual([]);
	});

	test('registrations survive lost static data: found by event and URL, and removed by the copy', async () => {
		const trigger = node();
		await bed.activate(trigger);
		const imported: Trigger = { parameters: trigger.parameters, staticData: {} };
		bed.emulator.server.clearLog();
		expect(await bed.lifecycle('checkExists', imported)).toBe(true);
		expect(bed.recorded(imported)).toEqual(bed.recorded(trigger));
		expect(await bed.lifecycle('delete', imported)).toBe(true);
		expect(held()).toEqual([]);
		expect(creates()).toHaveLength(0);
	});

	test('a webhook another system registered later for the same event is never deleted or changed', async () => {
		const trigger = node();
		await bed.activate(trigger);
		const foreign = addForeign('job.approve');
		bed.emulator.server.clearLog();
		await bed.activate(trigger);
		const removed = await bed.lifecycle('delete', trigger);
		expect(bed.emulator.state.webhooks.get(foreign.id)).toEqual(foreign);
		expect(bed.webhookCalls('POST')).toHaveLength(0);
		if (withIds) {
			// addressed by id: ours go, theirs stays
			expect(removed).toBe(true);
			expect(held()).toEqual([`job.approve ${FOREIGN_URL.split('?')[0]}`]);
			return;
		}
		// By name tFLOW would delete whichever it finds first: ours for job.approve stays, recorded for later.
		expect(removed).toBe(false);
		expect(bed.webhookCalls('DELETE').map((call) => call.path)).toEqual(['/api/v2/webhook/order.complete']);
		expect(held()).toEqual([`job.approve ${ours()}`, `job.approve ${FOREIGN_URL.split('?')[0]}`]);
		expect(bed.recorded(trigger)[ours()].registrations.map((registration) => registration.event)).toEqual(['job.approve']);
		// once the other system removed its webhook, the next deactivation removes ours
		bed.emulator.state.webhooks.delete(foreign.id);
		expect(await bed.lifecycle('delete', trigger)).toBe(true);
		expect(held()).toEqual([]);
		expect(bed.recorded(trigger)).toEqual({});
	});

	test(
		withIds
			? 'with ids, a webhook of another system on a selected event does not stop the activation and stays'
			: 'without ids, a webhook of another system on a selected event: activation refuses, names the event and host, and creates nothing',
		async () => {
			const foreign = addForeign('order.complete');
			const trigger = node();
			const error = await failure(bed.activate(trigger));
			expect(bed.emulator.state.webhooks.get(foreign.id)).toEqual(foreign);
			expect(bed.webhookCalls('DELETE')).toHaveLength(0);
			if (withIds) {
				expect(error).toBeUndefined();
				expect(held()).toEqual([`order.complete ${FOREIGN_URL.split('?')[0]}`, `job.approve ${ours()}`, `order.complete ${ours()}`]);
				expect(await bed.lifecycle('delete', trigger)).toBe(true);
				expect(held()).toEqual([`order.complete ${FOREIGN_URL.split('?')[0]}`]);
				return;
			}
			expect(error?.message).toBe(
				'tFLOW already has a webhook this trigger did not create for order.complete (held by a webhook that calls erp.example.com): nothing was registered',
			);
			expect(error?.description).toMatch(/Remove the other webhook in tFLOW .*turn off "Register Webhooks Automatically" and register/);
			expect(JSON.stringify(error)).not.toMatch(/erp-private-token|tflow-hook/);
			expect(creates()).toHaveLength(0);
			expect(held()).toEqual([`order.complete ${FOREIGN_URL.split('?')[0]}`]);
			expect(bed.recorded(trigger)).toEqual({});
		},
	);

	test(
		withIds
			? 'listening for a test event while the workflow is active registers the test URL beside the production one'
			: 'without ids, listening for a test event while the production registration holds the events is refused and the production one stays',
		async () => {
			const trigger = node();
			await bed.activate(trigger);
			const production = held();
			const error = await failure(bed.activate(trigger, true));
			const testUrl = `${bed.receiverUrl}${bed.testPath}`;
			if (withIds) {
				expect(error).toBeUndefined();
				expect(held()).toEqual([...production, `job.approve ${testUrl}`, `order.complete ${testUrl}`]);
				expect(await bed.lifecycle('delete', trigger, true)).toBe(true);
			} else {
				expect(error?.message).toMatch(/^tFLOW already has a webhook this trigger did not create for job\.approve \(held by a webhook that calls 127\.0\.0\.1:\d+\), order\.complete/);
			}
			expect(held()).toEqual(production);
			expect(Object.keys(bed.recorded(trigger))).toEqual([ours()]);
		},
	);

	test('an instance that allows one webhook per event, with another system holding one: activation says so and changes nothing', async () => {
		bed.emulator.configure({ webhooksPerEvent: 'one' });
		const foreign = addForeign('order.complete');
		const trigger = node();
		const error = await failure(bed.activate(trigger));
		expect(error?.message).toMatch(/order\.complete \(held by a webhook that calls erp\.example\.com\): nothing was registered$/);
		if (withIds) expect(error?.description).toMatch(/allows only one webhook per event/);
		expect(JSON.stringify(error)).not.toMatch(/erp-private-token|secret=/);
		// with ids job.approve was created first (the instance's limit shows only at order.complete) and removed again
		expect(creates().map((call) => [call.body.name, call.status])).toEqual(withIds ? [['job.approve', 200], ['order.complete', 400]] : []);
		expect([...bed.emulator.state.webhooks.values()]).toEqual([foreign]);
		expect(bed.recorded(trigger)).toEqual({});
	});

	test('an activation that fails at the second registration removes the first', async () => {
		bed.emulator.server.addFault({ kind: 'delay', method: 'POST', path: '^/api/v2/webhook/create$', delayMs: 1 });
		bed.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v2/webhook/create$', status: 503, body: { error: true, messages: { server: ['maintenance'] } } });
		const trigger = node();
		const error = await failure(bed.activate(trigger));
		expect(error?.message).toMatch(/maintenance/);
		expect(error?.message).not.toMatch(/Not removed/);
		expect(creates().map((call) => call.status)).toEqual([200, 503]);
		expect(held()).toEqual([]);
		expect(bed.recorded(trigger)).toEqual({});
		// and the next activation registers both
		await bed.activate(trigger);
		expect(held()).toEqual([`job.approve ${ours()}`, `order.complete ${ours()}`]);
	});

	test('a registration whose answer was lost is found and removed as well', async () => {
		bed.emulator.server.addFault({ kind: 'delay', method: 'POST', path: '^/api/v2/webhook/create$', delayMs: 1 });
		bed.emulator.server.addFault({ kind: 'dropMidResponse', method: 'POST', path: '^/api/v2/webhook/create$' });
		const trigger = node();
		const error = await failure(bed.activate(trigger));
		expect(error).toBeDefined();
		// tFLOW registered order.complete although the node never saw the answer; sent once, never again
		expect(creates()).toHaveLength(2);
		expect(held()).toEqual([]);
		expect(bed.recorded(trigger)).toEqual({});
	});

	test('a failed activation whose registration cannot be removed says which one is left and how to remove it', async () => {
		bed.emulator.server.addFault({ kind: 'delay', method: 'POST', path: '^/api/v2/webhook/create$', delayMs: 1 });
		bed.emulator.server.addFault({ kind: 'status', method: 'POST', path: '^/api/v2/webhook/create$', status: 422, body: { error: true, messages: { url: ['refused'] } } });
		bed.emulator.server.addFault({ kind: 'status', method: 'DELETE', path: '^/api/v2/webhook/', status: 500, body: { error: true, messages: { id: ['database unavailable'] } } });
		const trigger = node();
		const error = await failure(bed.activate(trigger));
		expect(error?.message).toContain(`Not removed from tFLOW: the webhook for job.approve to ${ours()}. Delete it in tFLOW`);
		expect(error?.message).not.toMatch(/secret=[0-9a-f]/);
		expect(held()).toEqual([`job.approve ${ours()}`]);
		// recorded, so the next deactivation removes it
		expect(bed.recorded(trigger)[ours()].registrations.map((registration) => registration.event)).toEqual(['job.approve']);
		expect(await bed.lifecycle('delete', trigger)).toBe(true);
		expect(held()).toEqual([]);
	});
});
