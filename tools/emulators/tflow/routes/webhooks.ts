/**
 * Webhook subscriptions: one per event name + URL + security key; addressed by id or event name.
 * `webhookIds: false` (the documented answer `{name, url, security_key, failed_attempts}`) hides the
 * id, which stays in the state for the deliveries log, and addresses webhooks by event name only;
 * `webhooksPerEvent: 'one'` refuses a second webhook for an event name.
 */
import type { EmulatorRequest, Fields } from '../../common/server';
import { HttpError } from '../../common/server';
import { InputReader, definedOnly, notFound, tflowError } from '../input';
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
	/** A numeric key is an id (unless ids are hidden); anything else an event name (the first subscription to it). */
	const findWebhook = (key: string): Webhook => {
		const webhooks = [...state.webhooks.values()];
		const byId = /^\d+$/.test(key);
		const found = byId ? (ctx.config.webhookIds ? state.webhooks.get(Number(key)) : undefined) : webhooks.find((webhook) => webhook.name === key);
		if (!found) throw notFound('Webhook', key);
		return found;
	};
	/** A webhook as the API answers it. */
	const view = (webhook: Webhook) => {
		if (ctx.config.webhookIds) return { ...webhook };
		const { id: _id, ...visible } = webhook;
		return visible;
	};

	apiRoute(ctx, 'POST', '/webhook/create', (req) => {
		const fields = readOrEcho(req, true);
		if (ctx.config.webhooksPerEvent === 'one' && [...state.webhooks.values()].some((webhook) => webhook.name === fields.name)) {
			throw tflowError(400, { name: [`A webhook for "${fields.name}" already exists`] });
		}
		const id = state.nextId('webhook');
		const webhook: Webhook = { id, name: fields.name!, url: fields.url!, security_key: fields.security_key ?? '', failed_attempts: 0 };
		state.webhooks.set(id, webhook);
		return view(webhook);
	});

	apiRoute(ctx, 'GET', '/webhook/list', () => [...state.webhooks.values()].map(view));

	apiRoute(ctx, 'GET', '/webhook/:key', (req) => view(findWebhook(req.params.key)));

	apiRoute(ctx, 'POST', '/webhook/:key', (req) => {
		const webhook = findWebhook(req.params.key);
		const fields = readOrEcho(req, false);
		// Renaming onto an event that already has a webhook would make two where only one is allowed.
		if (ctx.config.webhooksPerEvent === 'one' && fields.name !== undefined && [...state.webhooks.values()].some((other) => other !== webhook && other.name === fields.name)) {
			throw tflowError(400, { name: [`A webhook for "${fields.name}" already exists`] });
		}
		return view(Object.assign(webhook, fields));
	});

	apiRoute(ctx, 'DELETE', '/webhook/:key', (req) => {
		const webhook = findWebhook(req.params.key);
		state.webhooks.delete(webhook.id);
		return ctx.config.webhookIds ? { id: webhook.id, deleted: true } : { name: webhook.name, deleted: true };
	});
}
