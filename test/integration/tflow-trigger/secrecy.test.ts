/**
 * The trigger's secrets never reach node output or errors: not through the tFLOW node's Webhook
 * Get / Get Many (whose `url` carries `?secret=…`), nor through an activation error whose answer
 * echoes the registration request.
 */
import type { Trigger, TriggerSetup } from './setup';
import { startTriggerSetup } from './setup';

let setup: TriggerSetup;

beforeAll(async () => {
	setup = await startTriggerSetup();
});
afterAll(async () => await setup.stop());
beforeEach(async () => await setup.reset());

const remoteWebhooks = () => [...setup.emulator.state.webhooks.values()];
/** Every form a secret may take in a text: raw, URL-encoded, form-encoded and JSON-escaped. */
const forms = (secret: string) => [...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)])];

function expectNoSecrets(text: string, secrets: string[]) {
	for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form);
}

test("Webhook Get and Get Many show the URL without the trigger's secret", async () => {
	const trigger: Trigger = { parameters: { events: ['job.approve', 'order.complete'], registerWebhooks: true, options: {} }, staticData: {} };
	await setup.activate(trigger);
	// and a subscription made by hand whose secret needs URL encoding
	const id = setup.emulator.state.nextId('webhook');
	const handMade = 'a/b+c=d&e';
	setup.emulator.state.webhooks.set(id, { id, name: 'job.reject', url: `https://hooks.example.com/in?secret=${encodeURIComponent(handMade)}&source=tflow`, security_key: handMade, failed_attempts: 0 });
	const secrets = [...Object.values(setup.recorded(trigger))[0].registrations.map((registration) => registration.secret), handMade];
	expect(remoteWebhooks().every((webhook) => webhook.url.includes('secret='))).toBe(true);
	setup.emulator.server.clearLog();

	const many = await setup.runTflow({ resource: 'webhook', operation: 'getMany', returnAll: true });
	const byId = await setup.runTflow({ resource: 'webhook', operation: 'get', webhookId: String(remoteWebhooks()[0].id) });
	const byEvent = await setup.runTflow({ resource: 'webhook', operation: 'get', webhookId: 'job.reject' });
	for (const result of [many, byId, byEvent]) expect(result.error).toBeUndefined();
	expect(setup.webhookCalls('GET').map((call) => call.status)).toEqual([200, 200, 200]);

	const withoutQuery = (url: string) => url.split('?')[0];
	expect(many.items.map((item) => item.json.url)).toEqual(
		remoteWebhooks().map((webhook) => `${withoutQuery(webhook.url)}?secret=***${webhook.id === id ? '&source=tflow' : ''}`),
	);
	expect(many.items.map((item) => item.json.security_key)).toEqual(['***', '***', '***']);
	expect(byId.items[0].json).toEqual(many.items[0].json);
	expect(byEvent.items[0].json.url).toBe('https://hooks.example.com/in?secret=***&source=tflow');
	expectNoSecrets(JSON.stringify([many.items, byId.items, byEvent.items]), secrets);
});

test('an activation error whose answer echoes the registration request does not show the secret', async () => {
	setup.emulator.configure({ echoRefusedWebhookRequests: true });
	// tFLOW refuses the custom event name after job.approve was registered: its answer echoes the request
	const trigger: Trigger = { parameters: { events: ['job.approve'], registerWebhooks: true, options: { customEvents: 'invoice.paid' } }, staticData: {} };
	const error = (await setup.activate(trigger).then(
		() => undefined,
		(caught: unknown) => caught,
	)) as Error & { description?: string; context?: unknown };
	expect(error).toBeInstanceOf(Error);

	const creates = setup.webhookCalls('POST');
	expect(creates.map((call) => [call.body.name, call.status])).toEqual([
		['job.approve', 200],
		['invoice.paid', 400],
	]);
	const secrets = creates.map((call) => String(call.body.security_key));
	expect(secrets.every((secret) => /^[0-9a-f]{64}$/.test(secret))).toBe(true);
	expect(creates[1].rawText).toContain(secrets[1]);

	// the echo reached the error, without the secret
	expect(error.message).toMatch(/^tFLOW rejected the request: name: Unknown event "invoice\.paid".*request: POST \/api\/v2\/webhook\/create/);
	expect(error.message).toContain('secret=***');
	const everything = [error.message, error.description, error.stack, JSON.stringify(error), JSON.stringify(error.context), String(error)].join('\n');
	expectNoSecrets(everything, secrets);
	// rolled back as before
	expect(remoteWebhooks()).toHaveLength(0);
});
