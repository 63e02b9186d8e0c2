/**
 * Delivers tFLOW events to subscribed webhooks: one POST per matching subscription, form-encoded by
 * default or JSON, recorded with its outcome; a failed delivery counts on the webhook's
 * `failed_attempts`. Deliveries run in the background, events in the order they happened;
 * `flush()` waits for them.
 */
import http from 'node:http';
import https from 'node:https';

import type { TflowConfig } from './config';
import type { TflowState, Webhook } from './state';
import { isoTimestamp } from './state';

export type EventFields = Record<string, string | number | boolean | null | undefined>;

export interface Delivery {
	webhookId: number;
	url: string;
	event: string;
	/** HTTP status of the receiver's answer; absent when it never answered. */
	status?: number;
	ok: boolean;
	error?: string;
	durationMs: number;
	/** The fields sent, as the receiver got them. */
	fields: Record<string, unknown>;
	at: string;
}

export class WebhookDispatcher {
	readonly deliveries: Delivery[] = [];

	private readonly inFlight = new Set<Promise<unknown>>();

	constructor(
		private readonly state: TflowState,
		private readonly config: TflowConfig,
	) {}

	/** Deliveries of API events, one event after the other in the order they happened. */
	private queue: Promise<unknown> = Promise.resolve();

	/** Queues deliveries of an event (after the current API answer), without waiting for them. */
	publish(event: string, fields: EventFields) {
		const previous = this.queue;
		this.queue = this.track(
			previous.then(() => new Promise((resolve) => setImmediate(resolve))).then(() => this.fire(event, fields)),
		);
	}

	/** Delivers an event to every webhook subscribed to it now; resolves with the deliveries. */
	fire(event: string, fields: EventFields): Promise<Delivery[]> {
		const targets = [...this.state.webhooks.values()].filter((webhook) => webhook.name === event);
		return this.track(Promise.all(targets.map((webhook) => this.deliver(webhook, event, fields))));
	}

	/** Fires an event `count` times, at most `concurrency` at once (load tests of receivers). */
	async burst(event: string, fields: EventFields, count: number, concurrency: number) {
		const started = Date.now();
		let next = 0;
		const results: Delivery[] = [];
		const worker = async () => {
			while (next < count) {
				const sequence = ++next;
				results.push(...(await this.fire(event, { ...fields, sequence })));
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
		const ok = results.filter((delivery) => delivery.ok).length;
		return { event, count, deliveries: results.length, ok, failed: results.length - ok, durationMs: Date.now() - started };
	}

	/** Waits until every delivery started so far (and any it triggered) has finished. */
	async flush() {
		while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
	}

	clear() {
		this.deliveries.length = 0;
	}

	private track<T>(promise: Promise<T>): Promise<T> {
		this.inFlight.add(promise);
		const done = () => this.inFlight.delete(promise);
		promise.then(done, done);
		return promise;
	}

	private payload(webhook: Webhook, event: string, fields: EventFields) {
		const payload: Record<string, unknown> = { event_name: event };
		for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null) payload[key] = value;
		payload.timestamp ??= isoTimestamp(this.state.now());
		if (this.config.includeSecurityKey) payload.security_key = webhook.security_key;
		return payload;
	}

	private async deliver(webhook: Webhook, event: string, fields: EventFields): Promise<Delivery> {
		const payload = this.payload(webhook, event, fields);
		const json = this.config.webhookFormat === 'json';
		const body = json
			? JSON.stringify(payload)
			: new URLSearchParams(Object.entries(payload).map(([key, value]): [string, string] => [key, String(value)])).toString();
		const contentType = json ? 'application/json' : 'application/x-www-form-urlencoded';
		const started = Date.now();
		const delivery: Delivery = { webhookId: webhook.id, url: webhook.url, event, ok: false, durationMs: 0, fields: payload, at: isoTimestamp(this.state.now()) };
		try {
			delivery.status = await post(webhook.url, body, contentType, this.config.webhookTimeoutMs);
			delivery.ok = delivery.status >= 200 && delivery.status < 300;
			if (!delivery.ok) delivery.error = `receiver answered HTTP ${delivery.status}`;
		} catch (error) {
			delivery.error = (error as Error).message;
		}
		delivery.durationMs = Date.now() - started;
		if (!delivery.ok) webhook.failed_attempts++;
		this.deliveries.push(delivery);
		return delivery;
	}
}

/** POSTs a body and resolves with the answer's status once the answer has been read. */
function post(url: string, body: string, contentType: string, timeoutMs: number): Promise<number> {
	return new Promise((resolve, reject) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			reject(new Error(`invalid URL ${url}`));
			return;
		}
		const client = target.protocol === 'https:' ? https : http;
		const request = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': contentType,
					'Content-Length': Buffer.byteLength(body),
					'User-Agent': 'tFLOW-emulator-webhooks',
				},
				timeout: timeoutMs || undefined,
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', reject);
		request.end(body);
	});
}
