/**
 * Deliveries from the tFLOW emulator to the trigger through an n8n-like webhook receiver: what the
 * node emits per body type, what it refuses, Resolve Job and the order/client filter.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Trigger, TriggerSetup } from './setup';
import { WEBHOOK_ID, startTriggerSetup } from './setup';

let setup: TriggerSetup;

beforeAll(async () => {
	setup = await startTriggerSetup();
});
afterAll(async () => await setup.stop());
beforeEach(async () => await setup.reset());

const jobs = () => [...setup.emulator.state.jobs.values()];
const jobIn = (state: string) => jobs().find((job) => job.current_state_name === state)!;
const clientOf = (job: { order_id: number }) => setup.emulator.state.orders.get(job.order_id)!.client_id;

/** An active trigger listening on the production path. */
async function activeTrigger(parameters: INodeParameters = {}): Promise<Trigger> {
	const trigger: Trigger = { parameters: { events: ['job.approve', 'job.delete'], registerWebhooks: true, options: {}, ...parameters }, staticData: {} };
	await setup.activate(trigger);
	setup.listen(trigger);
	setup.emulator.server.clearLog();
	return trigger;
}

function secretOf(trigger: Trigger, event = 'job.approve') {
	const entry = Object.values(setup.recorded(trigger)).find((recorded) => !recorded.test)!;
	return entry.registrations.find((registration) => registration.event === event)!.secret;
}

/** The fields tFLOW sent in its last delivery, without its security key. */
function lastSentFields(): IDataObject {
	const { security_key: _securityKey, ...fields } = setup.emulator.deliveries.at(-1)!.fields;
	return fields as IDataObject;
}

async function apiToken() {
	const response = await fetch(`${setup.emulator.url}/oauth/access_token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: setup.emulator.clientId, client_secret: setup.emulator.clientSecret }),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

test('a form-encoded delivery of a real approval: one item with the delivered fields unchanged, event and receivedAt', async () => {
	const trigger = await activeTrigger();
	const job = jobIn('to_review');
	const approval = await fetch(`${setup.emulator.url}/api/v2/job/${job.id}/executeTransition`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${await apiToken()}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ transition_name: 'approve' }),
	});
	expect(approval.status).toBe(200);
	await setup.emulator.flushDeliveries();

	expect(setup.emulator.deliveries.map((delivery) => [delivery.event, delivery.status])).toEqual([['job.approve', 200]]);
	expect(setup.received).toHaveLength(1);
	const [item] = setup.received[0].items;
	const sent = lastSentFields();
	expect(sent).toMatchObject({ event_name: 'job.approve', job_id: job.id, order_id: job.order_id });
	const { receivedAt, event, ...delivered } = item.json;
	// form fields arrive as text, exactly as tFLOW sent them
	expect(delivered).toEqual(Object.fromEntries(Object.entries(sent).map(([key, value]) => [key, String(value)])));
	expect(event).toBe('job.approve');
	expect(Number.isNaN(Date.parse(String(receivedAt)))).toBe(false);
	expect(JSON.stringify(item)).not.toContain(secretOf(trigger));
	expect([...setup.emulator.state.webhooks.values()].every((webhook) => webhook.failed_attempts === 0)).toBe(true);
});

test('JSON deliveries keep their types; deliveries without security_key are accepted', async () => {
	await activeTrigger();
	setup.emulator.configure({ webhookFormat: 'json', includeSecurityKey: false });
	const job = jobIn('to_review');
	await setup.emulator.fire('job.approve', { job_id: job.id });
	expect(setup.received.map((delivery) => delivery.status)).toEqual([200]);
	const { receivedAt: _receivedAt, event, ...delivered } = setup.received[0].items[0].json;
	expect(delivered).toEqual(setup.emulator.deliveries[0].fields);
	expect(delivered.job_id).toBe(job.id);
	expect(event).toBe('job.approve');
});

test('a multipart delivery is read field by field, file parts left out', async () => {
	const trigger = await activeTrigger();
	const form = new FormData();
	form.append('event_name', 'job.approve');
	form.append('job_id', '3');
	form.append('security_key', secretOf(trigger));
	form.append('artwork', new Blob(['%PDF-1.4']), 'proof.pdf');
	const response = await fetch(`${setup.receiverUrl}${setup.productionPath}?secret=${secretOf(trigger)}`, { method: 'POST', body: form });
	expect(response.status).toBe(200);
	const { receivedAt: _receivedAt, ...json } = setup.received[0].items[0].json;
	expect(json).toEqual({ event_name: 'job.approve', job_id: '3', event: 'job.approve' });
});

test('forged requests are refused with 401 and start nothing', async () => {
	const trigger = await activeTrigger();
	const productionSecret = secretOf(trigger);
	const body = 'event_name=job.approve&job_id=3';
	const form = 'application/x-www-form-urlencoded';

	// a second workflow's trigger (another webhook path) and the editor listening for a test event
	const other: Trigger = { parameters: trigger.parameters, staticData: {} };
	const otherPath = `/other/webhook/${WEBHOOK_ID}/webhook`;
	setup.harness.webhookBaseUrl = `${setup.receiverUrl}/other/`;
	await setup.activate(other);
	setup.listen(other, { path: otherPath, webhookBaseUrl: setup.harness.webhookBaseUrl });
	setup.harness.webhookBaseUrl = `${setup.receiverUrl}/`;
	const listening: Trigger = { parameters: trigger.parameters, staticData: {} };
	await setup.activate(listening, true);
	setup.listen(listening, { isTest: true });

	const attempts: Array<[string, string]> = [
		['no secret', setup.productionPath],
		['wrong secret', `${setup.productionPath}?secret=${'0'.repeat(64)}`],
		['secret of another event', `${setup.productionPath}?secret=x${productionSecret.slice(1)}`],
		['right secret, other workflow', `${otherPath}?secret=${productionSecret}`],
		['right secret, test URL', `${setup.testPath}?secret=${productionSecret}`],
	];
	for (const [, path] of attempts) expect(await setup.post(path, body, form)).toBe(401);
	expect(await setup.post(`${setup.productionPath}?secret=${productionSecret}`, `${body}&security_key=forged`, form)).toBe(401);
	expect(setup.received.every((delivery) => delivery.items.length === 0)).toBe(true);

	// the genuine ones pass
	expect(await setup.post(`${setup.productionPath}?secret=${productionSecret}`, body, form)).toBe(200);
	expect(await setup.post(`${otherPath}?secret=${secretOf(other)}`, body, form)).toBe(200);
	expect(setup.received.filter((delivery) => delivery.items.length === 1).map((delivery) => delivery.path)).toEqual([setup.productionPath, otherPath]);
});

test('a registration in tFLOW with a guessed secret counts failed attempts and starts nothing', async () => {
	await activeTrigger();
	const id = setup.emulator.state.nextId('webhook');
	setup.emulator.state.webhooks.set(id, { id, name: 'job.approve', url: `${setup.receiverUrl}${setup.productionPath}?secret=guess`, security_key: 'guess', failed_attempts: 0 });
	await setup.emulator.fire('job.approve', { job_id: jobIn('to_review').id });
	expect(setup.received.map((delivery) => [delivery.status, delivery.items.length]).sort()).toEqual([[200, 1], [401, 0]]);
	expect(setup.emulator.state.webhooks.get(id)!.failed_attempts).toBe(1);
});

test('Resolve Job adds the full job and its order, fetched with the credential', async () => {
	await activeTrigger({ options: { resolveJob: true } });
	const job = jobIn('approved');
	await setup.emulator.fire('job.approve', { job_id: job.id });
	const [item] = setup.received[0].items;
	const token = String(setup.harness.credentials.store.get('tflowApi')?.accessToken);
	const get = async (path: string) => (await (await fetch(`${setup.emulator.url}/api/v2${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as IDataObject;
	expect(item.json.job).toEqual(await get(`/job/${job.id}`));
	expect(item.json.order).toEqual(await get(`/order/${job.order_id}`));
	expect((item.json.order as IDataObject).client_id).toBe(clientOf(job));
	const lookups = setup.apiCalls('GET').slice(0, 2);
	expect(lookups.map((call) => call.path)).toEqual([`/api/v2/job/${job.id}`, `/api/v2/order/${job.order_id}`]);
	for (const call of lookups) expect(call.headers.authorization).toBe(`Bearer ${token}`);
});

test('Resolve Job for a deleted job gives job null and still the order', async () => {
	await activeTrigger({ options: { resolveJob: true } });
	const job = jobIn('to_upload_first');
	const response = await fetch(`${setup.emulator.url}/api/v2/job/${job.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${await apiToken()}` } });
	expect(response.status).toBe(200);
	await setup.emulator.flushDeliveries();
	const [item] = setup.received[0].items;
	expect(item.json).toMatchObject({ event: 'job.delete', job_id: String(job.id), job: null, order: { id: job.order_id } });
});

test('Only Order IDs passes events of those orders and answers the others without an execution', async () => {
	const [inFirst, inSecond] = [jobIn('to_review'), jobs().find((job) => clientOf(job) === 102)!];
	await activeTrigger({ options: { orderIds: String(inFirst.order_id) } });
	await setup.emulator.fire('job.approve', { job_id: inFirst.id });
	await setup.emulator.fire('job.approve', { job_id: inSecond.id });
	expect(setup.received.map((delivery) => [delivery.status, delivery.items.map((item) => item.json.job_id)])).toEqual([
		[200, [String(inFirst.id)]],
		[200, []],
	]);
	expect(setup.apiCalls()).toHaveLength(0); // order_id was delivered: nothing to look up
	expect([...setup.emulator.state.webhooks.values()].every((webhook) => webhook.failed_attempts === 0)).toBe(true);
});

test('Only Client IDs looks the client up through job and order when the delivery lacks it', async () => {
	const trigger = await activeTrigger({ options: { clientIds: '102' } });
	const ofClient102 = jobs().find((job) => clientOf(job) === 102)!;
	const ofClient101 = jobIn('to_review');
	const path = `${setup.productionPath}?secret=${secretOf(trigger)}`;
	for (const job of [ofClient102, ofClient101]) {
		expect(await setup.post(path, `event_name=job.approve&job_id=${job.id}`, 'application/x-www-form-urlencoded')).toBe(200);
	}
	expect(setup.received.map((delivery) => delivery.items.length)).toEqual([1, 0]);
	expect(setup.apiCalls('GET').map((call) => call.path)).toEqual([
		`/api/v2/job/${ofClient102.id}`,
		`/api/v2/order/${ofClient102.order_id}`,
		`/api/v2/job/${ofClient101.id}`,
		`/api/v2/order/${ofClient101.order_id}`,
	]);
});

test('when a lookup fails, the delivery is answered 500 (tFLOW counts it) and nothing is emitted', async () => {
	await activeTrigger({ options: { resolveJob: true } });
	const job = jobIn('to_review');
	setup.emulator.server.addFault({ kind: 'status', method: 'GET', path: `^/api/v2/job/${job.id}$`, status: 500, body: { error: true, messages: { id: ['database unavailable'] } } });
	await setup.emulator.fire('job.approve', { job_id: job.id });
	expect(setup.received.map((delivery) => [delivery.status, delivery.items.length])).toEqual([[500, 0]]);
	const webhook = [...setup.emulator.state.webhooks.values()].find((registered) => registered.name === 'job.approve')!;
	expect(webhook.failed_attempts).toBe(1);
});

test('a secret opens only the event of its registration: job.delete with the secret of job.approve is refused', async () => {
	const trigger = await activeTrigger({ events: ['job.approve', 'job.release'] });
	const approveSecret = secretOf(trigger);
	const path = `${setup.productionPath}?secret=${approveSecret}`;
	const form = 'application/x-www-form-urlencoded';
	// an event the trigger does not listen to, and one it does (with its own registration and secret)
	expect(await setup.post(path, 'event_name=job.delete&job_id=3', form)).toBe(401);
	expect(await setup.post(path, `event_name=job.release&job_id=3&security_key=${approveSecret}`, form)).toBe(401);
	expect(await setup.post(path, JSON.stringify({ event: 'JOB.DELETE', job_id: 3 }), 'application/json')).toBe(401);
	// a tFLOW registration of job.delete that copied the approval's URL
	const id = setup.emulator.state.nextId('webhook');
	setup.emulator.state.webhooks.set(id, { id, name: 'job.delete', url: `${setup.receiverUrl}${path}`, security_key: approveSecret, failed_attempts: 0 });
	await setup.emulator.fire('job.delete', { job_id: 3 });
	expect(setup.received.map((delivery) => [delivery.status, delivery.items.length])).toEqual([
		[401, 0],
		[401, 0],
		[401, 0],
		[401, 0],
	]);
	expect(setup.emulator.state.webhooks.get(id)!.failed_attempts).toBe(1);

	// the approval itself, and job.release with its own secret, pass
	expect(await setup.post(path, 'event_name=job.approve&job_id=3', form)).toBe(200);
	expect(await setup.post(`${setup.productionPath}?secret=${secretOf(trigger, 'job.release')}`, 'event_name=job.release&job_id=3', form)).toBe(200);
	expect(setup.received.slice(4).map((delivery) => delivery.items.map((item) => item.json.event))).toEqual([['job.approve'], ['job.release']]);
});
