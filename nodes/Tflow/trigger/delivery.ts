/**
 * Receiving a tFLOW webhook delivery: reading its fields whatever the encoding, checking the secret,
 * the order/client filter and the optional job/order lookup.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { asNodeError, describeFailure } from '../../shared/http';
import { isValidEventName, normalizeEventName } from '../helpers/events';
import { tflowRequest } from '../transport';
import { registrationsForDelivery } from './registrations';
import { SECRET_PARAMETER, secretsMatch } from './secret';
import type { TriggerSettings } from './settings';
import { readSettings } from './settings';

function addField(fields: IDataObject, name: string, value: string) {
	const existing = fields[name];
	if (existing === undefined) fields[name] = value;
	else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing as string, value];
}

/** A body n8n did not parse (an unusual content type): JSON object or form fields. */
export function parseTextFields(text: string): IDataObject {
	const trimmed = text.trim();
	if (trimmed === '') return {};
	if (trimmed.startsWith('{')) {
		try {
			const parsed = JSON.parse(trimmed) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
		} catch {
			// not JSON after all: read it as form fields
		}
	}
	const fields: IDataObject = {};
	for (const [name, value] of new URLSearchParams(trimmed)) addField(fields, name, value);
	return fields;
}

/**
 * The delivered fields. n8n parses webhook bodies itself: JSON and form-encoded bodies become
 * `body`, multipart ones `{ data: <text fields>, files }` (file parts are of no interest here).
 */
export function readDeliveryFields(context: IWebhookFunctions): IDataObject {
	const request = context.getRequestObject();
	const body = context.getBodyData() as unknown;
	if (/^multipart\/form-data/i.test(String(request.headers['content-type'] ?? ''))) {
		const { data } = (body ?? {}) as { data?: unknown };
		return data && typeof data === 'object' && !Array.isArray(data) ? { ...(data as IDataObject) } : {};
	}
	if (typeof body === 'string') return parseTextFields(body);
	if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length > 0) return { ...(body as IDataObject) };
	// A content type n8n does not parse (or none): n8n still kept the raw body.
	return Buffer.isBuffer(request.rawBody) ? parseTextFields(request.rawBody.toString('utf8')) : {};
}

/** A tFLOW id from a delivered field or an API object, as a string of digits. */
function idOf(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && Number(text) > 0 ? String(Number(text)) : undefined;
}

/** The delivery's job and order, fetched at most once each, and only when needed. */
function relatedRecords(context: IWebhookFunctions, fields: IDataObject) {
	const fetchRecord = async (entity: 'job' | 'order', id: string | undefined): Promise<IDataObject | null> => {
		if (!id) return null;
		try {
			return await tflowRequest.call<IWebhookFunctions, [Parameters<typeof tflowRequest>[0]], Promise<IDataObject>>(context, {
				method: 'GET',
				path: `/${entity}/${id}`,
			});
		} catch (error) {
			// e.g. job.delete: the job is gone, which is no reason to drop the event
			if (describeFailure(error).status === 404) return null;
			throw asNodeError(context.getNode(), error);
		}
	};
	let job: Promise<IDataObject | null> | undefined;
	let order: Promise<IDataObject | null> | undefined;
	const related = {
		job: () => (job ??= fetchRecord('job', idOf(fields.job_id))),
		orderId: async () => idOf(fields.order_id) ?? idOf((await related.job())?.order_id),
		order: () => (order ??= related.orderId().then(async (id) => await fetchRecord('order', id))),
		clientId: async () => idOf(fields.client_id) ?? idOf((await related.order())?.client_id),
	};
	return related;
}

/** Whether the event belongs to one of the selected orders or one of the selected clients. */
async function isSelected(settings: TriggerSettings, related: ReturnType<typeof relatedRecords>): Promise<boolean> {
	if (settings.orderIds.length === 0 && settings.clientIds.length === 0) return true;
	if (settings.orderIds.length > 0) {
		const orderId = await related.orderId();
		if (orderId && settings.orderIds.includes(orderId)) return true;
	}
	if (settings.clientIds.length > 0) {
		const clientId = await related.clientId();
		if (clientId && settings.clientIds.includes(clientId)) return true;
	}
	return false;
}

function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function reject(context: IWebhookFunctions): IWebhookResponseData {
	return answer(context, 401, 'Unauthorized');
}

/** tFLOW sends a few form fields; a body above this size is refused before it is read. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

function deliverySize(context: IWebhookFunctions): number {
	const request = context.getRequestObject();
	const declared = Number(request.headers['content-length']);
	return Math.max(Number.isFinite(declared) ? declared : 0, Buffer.isBuffer(request.rawBody) ? request.rawBody.length : 0);
}

const ID_FIELD = /^(job|order|client|revision|user|comment)_id$/;

/** Why the fields are not a tFLOW delivery (an event name or an entity id is expected), if they are not. */
function notADelivery(fields: IDataObject): string | undefined {
	const eventName = fields.event_name ?? fields.event;
	if (eventName !== undefined && eventName !== '') {
		const normalized = normalizeEventName(eventName);
		return normalized && isValidEventName(normalized) ? undefined : 'event_name is not a tFLOW event name';
	}
	const hasId = Object.entries(fields).some(([name, value]) => ID_FIELD.test(name) && idOf(value) !== undefined);
	return hasId ? undefined : 'not a tFLOW delivery: expected event_name or an id field such as job_id';
}

/** The answer to a genuine delivery that starts no execution (tFLOW must not count it as failed). */
const IGNORED: IWebhookResponseData = { webhookResponse: { received: true } };

/**
 * Handles one delivery: 401 without an execution unless the URL carries the secret of one of this
 * node's registrations for n8n's current webhook URL (and `security_key`, when delivered, matches
 * it too) and the delivered event is that registration's event; otherwise one item with the
 * delivered fields, the normalised `event` and `receivedAt`.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date().toISOString();
	const settings = readSettings(this);
	const received = (this.getQueryData() as IDataObject)[SECRET_PARAMETER];
	const candidates = settings.registerWebhooks
		? registrationsForDelivery(this)
		: [{ secret: settings.manualSecret ?? '', event: undefined }];
	const registration = candidates.find((candidate) => secretsMatch(received, candidate.secret));
	if (!registration) return reject(this);

	if (deliverySize(this) > MAX_DELIVERY_BYTES) return answer(this, 413, 'The delivery is too large for a tFLOW webhook');
	const fields = readDeliveryFields(this);
	const { security_key: securityKey, ...delivered } = fields;
	if (securityKey !== undefined && securityKey !== '' && !secretsMatch(securityKey, registration.secret)) {
		return reject(this);
	}
	const problem = notADelivery(delivered);
	if (problem) return answer(this, 400, problem);
	// A secret opens only its own event: the secret of job.approve's registration does not start job.delete.
	const event = normalizeEventName(delivered.event_name ?? delivered.event);
	if (registration.event && event && event !== registration.event) return reject(this);
	// A registration left from events no longer selected (it is removed at the next activation).
	if (registration.event && !settings.events.includes(registration.event)) return IGNORED;

	const related = relatedRecords(this, delivered);
	if (!(await isSelected(settings, related))) return IGNORED;

	const item: IDataObject = {
		...delivered,
		event: event ?? registration.event ?? null,
		receivedAt,
	};
	if (settings.resolveJob) {
		item.job = await related.job();
		item.order = await related.order();
	}
	return { workflowData: [this.helpers.returnJsonArray(item)] };
}
