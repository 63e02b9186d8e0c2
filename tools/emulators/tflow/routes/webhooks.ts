/** Webhook subscriptions: one per event name + URL + security key; addressed by id or event name. */
import type { EmulatorRequest, Fields } from '../../common/server';
import { HttpError } from '../../common/server';
import { InputReader, definedOnly, notFound } from '../input';
import type { Webhook } from '../state';
import { isKnownEvent } from '../workflows';
import type { TflowContext } from './context';
import { apiRoute } from './context';

function readWebhook(input: Fields, creating: boolean) {
	const reader = new InputReader(input);
	const name = !creating && !reader.has('name') ? undefined : reader.string('name', true)?.trim();
	if (name !== undefined && !isKnownEvent(name)) {
		reader.fail('name', `Unknown event "${name}"; events are e.g. job.create, job.approve, order.complete`);
	}
	const url = !creating && !reader.has('url') ? undefined : reader.string('url', true)?.trim();
	if (url !== undefined) {
		let protocol = '';
		try {
			protocol = new URL(url).protocol;
		} catch {
			// reported below
		}
		if (protocol !== 'http:' && protocol !== 'https:') reader.fail('url', `"${url}" is not an http(s) URL`);
	}
	const fields = definedOnly({ name, url, security_key: reader.string('security_key') });
	reader.assertValid();
	return fields;
}

export function registerWebhookRoutes(ctx: TflowContext) {
	const { state } = ctx;
	/** readWebhook, whose refusal echoes the request (URL, query and body as received) when configured to. */
	const readOrEcho = (req: EmulatorRequest, creating: boolean) => {
		try {
			return readWebhook(req.input, creating);
		} catch (error) {
			if (!ctx.config.echoRefusedWebhookRequests || !(error instanceof HttpError)) throw error;
			const query = new URLSearchParams(req.query as Record<string, string>).toString();
			const request = `${req.method} ${req.path}${query ? `?${query}` : ''} ${req.rawText}`;
			const body = error.body as { messages?: Record<string, string[]> };
			throw new HttpError(error.status, { ...body, messages: { ...body.messages, request: [request] }, request: { body: req.input, raw: req.rawText } }, error.headers);
		}
	};
	/** A numeric key is an id; anything else an event name (the first subscription to it). */
	const findWebhook = (key: string): Webhook => {
		const webhooks = [...state.webhooks.values()];
		const found = /^\d+$/.test(key) ? state.webhooks.get(Number(key)) : webhooks.find((webhook) => webhook.name === key);
		if (!found) throw notFound('Webhook', key);
		return found;
	};

	apiRoute(ctx, 'POST', '/webhook/create', (req) => {
		const fields = readOrEcho(req, true);
		const id = state.nextId('webhook');
		const webhook: Webhook = { id, name: fields.name!, url: fields.url!, security_key: fields.security_key ?? '', failed_attempts: 0 };
		state.webhooks.set(id, webhook);
		return webhook;
	});

	apiRoute(ctx, 'GET', '/webhook/list', () => [...state.webhooks.values()]);

	apiRoute(ctx, 'GET', '/webhook/:key', (req) => findWebhook(req.params.key));

	apiRoute(ctx, 'POST', '/webhook/:key', (req) => {
		const webhook = findWebhook(req.params.key);
		return Object.assign(webhook, readOrEcho(req, false));
	});

	apiRoute(ctx, 'DELETE', '/webhook/:key', (req) => {
		const webhook = findWebhook(req.params.key);
		state.webhooks.delete(webhook.id);
		return { id: webhook.id, deleted: true };
	});
}
