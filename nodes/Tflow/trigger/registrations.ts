/**
 * The lifecycle of the trigger's tFLOW webhooks: one registration per event, each with its own
 * random secret in the URL's query string (also sent as tFLOW's `security_key`).
 *
 * Static data (node) keeps `registrationsByUrl[<n8n webhook URL>] = { test, registrations }`. Keying
 * by URL keeps "listen for test event" (test URL) apart from the active workflow (production URL);
 * `test` tells webhook() which registrations a delivery may belong to, because n8n does not give
 * the test URL to webhook(). A production delivery is only accepted for the registrations of n8n's
 * current production URL: after the public URL changed, the old ones are refused and the next
 * activation (or deactivation) deletes them in tFLOW.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeFailure } from '../../shared/http';
import { normalizeEventName } from '../helpers/events';
import { tflowList, tflowRequest } from '../transport';
import { generateSecret, normalizeWebhookUrl, splitSecret, urlWithSecret, withoutSecrets } from './secret';
import { readSettings } from './settings';

export interface Registration {
	/** The webhook's id in tFLOW. */
	id: number | string;
	event: string;
	secret: string;
}

interface UrlRegistrations {
	/** Registered for n8n's test URL ("listen for test event") rather than the production URL. */
	test: boolean;
	registrations: Registration[];
}

type RegistrationStore = Record<string, UrlRegistrations>;

interface TflowWebhook {
	id?: number | string;
	name?: string;
	url?: string;
}

const STORE_KEY = 'registrationsByUrl';

const PERMISSION_HINT =
	'If the tFLOW API user may not manage webhooks, turn off "Register Webhooks Automatically" and register the webhooks in tFLOW by hand.';

function readStore(context: IHookFunctions): RegistrationStore {
	const stored = context.getWorkflowStaticData('node')[STORE_KEY];
	// A plain copy: n8n only notices changes to static data when a top-level key is assigned.
	return stored && typeof stored === 'object' ? (JSON.parse(JSON.stringify(stored)) as RegistrationStore) : {};
}

function writeStore(context: IHookFunctions, store: RegistrationStore) {
	const data = context.getWorkflowStaticData('node');
	if (Object.keys(store).length === 0) delete data[STORE_KEY];
	else data[STORE_KEY] = store as unknown as IDataObject;
}

function saveRegistrations(context: IHookFunctions, url: string, test: boolean, registrations: Registration[]) {
	const store = readStore(context);
	if (registrations.length === 0) delete store[url];
	else store[url] = { test, registrations };
	writeStore(context, store);
}

function currentWebhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return normalizeWebhookUrl(url);
}

/** n8n calls the lifecycle with mode "manual" while the editor listens for a test event. */
function isTestMode(context: IHookFunctions | IWebhookFunctions) {
	return context.getMode() === 'manual';
}

function withPermissionHint<T extends Error>(error: T): T {
	const status = describeFailure(error).status;
	if (status === 401 || status === 403) {
		const described = error as T & { description?: string | null };
		described.description = [described.description, PERMISSION_HINT].filter(Boolean).join(' — ');
	}
	return error;
}

/**
 * The registrations tFLOW has for this URL, found by URL (without the secret) and event name, so
 * they are recognised even when static data was lost or never saved (a workflow import, a crash);
 * their secrets are read back from their URLs. `wanted` are those of the selected events; `stale`
 * are ones this node recorded earlier for events no longer selected.
 */
async function findRegistrations(context: IHookFunctions, url: string, events: string[], recorded: Registration[]) {
	let webhooks: TflowWebhook[];
	try {
		webhooks = await tflowList.call<IHookFunctions, [{ path: string }], Promise<TflowWebhook[]>>(context, { path: '/webhook/list' });
	} catch (error) {
		throw withPermissionHint(error as Error);
	}
	const wanted: Registration[] = [];
	const stale: Registration[] = [];
	for (const webhook of webhooks) {
		if (webhook?.id === undefined || webhook.id === null || typeof webhook.url !== 'string') continue;
		const registered = splitSecret(webhook.url);
		const event = normalizeEventName(webhook.name);
		// A registration without a secret could never deliver (webhook() rejects it): not one of ours.
		if (registered.url !== url || !registered.secret || !event) continue;
		const registration = { id: webhook.id, event, secret: registered.secret };
		if (events.includes(event)) wanted.push(registration);
		else if (recorded.some((known) => String(known.id) === String(webhook.id))) stale.push(registration);
	}
	return { wanted, stale };
}

/**
 * The URLs this node recorded registrations for, in the same mode (test or production), other than
 * n8n's current one: left from before n8n's public URL changed. Deliveries for them are refused.
 */
function otherUrls(context: IHookFunctions, url: string, test: boolean): string[] {
	return Object.entries(readStore(context))
		.filter(([recordedUrl, entry]) => recordedUrl !== url && entry.test === test)
		.map(([recordedUrl]) => recordedUrl);
}

/** Deletes in tFLOW what this node recorded for the given URLs; keeps recorded what could not be deleted. */
async function removeUrls(context: IHookFunctions, urls: string[]): Promise<boolean> {
	let allRemoved = true;
	for (const url of urls) {
		const entry = readStore(context)[url];
		if (!entry) continue;
		const remaining = await removeRegistrations(context, entry.registrations);
		saveRegistrations(context, url, entry.test, remaining);
		if (remaining.length > 0) allRemoved = false;
	}
	return allRemoved;
}

/** Records what tFLOW has for this URL and returns it. */
async function reconcile(context: IHookFunctions, events: string[]) {
	const url = currentWebhookUrl(context);
	const test = isTestMode(context);
	const recorded = readStore(context)[url]?.registrations ?? [];
	const { wanted, stale } = await findRegistrations(context, url, events, recorded);
	saveRegistrations(context, url, test, [...wanted, ...stale]);
	return { url, test, registrations: wanted, stale, elsewhere: otherUrls(context, url, test) };
}

function missingEvents(events: string[], registrations: Registration[]) {
	return events.filter((event) => !registrations.some((registration) => registration.event === event));
}

/** Whether every selected event is registered for this URL. Never creates or deletes anything. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings(this);
	if (!settings.registerWebhooks) return true;
	const { registrations, stale, elsewhere } = await reconcile(this, settings.events);
	return stale.length === 0 && elsewhere.length === 0 && missingEvents(settings.events, registrations).length === 0;
}

async function registeredId(context: IHookFunctions, response: TflowWebhook | undefined, registeredUrl: string) {
	if (response?.id !== undefined && response.id !== null && response.id !== '') return response.id;
	// tFLOW's documented answer has no id in some versions: look the new webhook up by its unique URL.
	const webhooks = await tflowList.call<IHookFunctions, [{ path: string }], Promise<TflowWebhook[]>>(context, { path: '/webhook/list' });
	return webhooks.find((webhook) => webhook?.url === registeredUrl)?.id;
}

/**
 * Registers the selected events that tFLOW does not have yet for this URL, and removes this node's
 * registrations of events that are no longer selected and those for URLs n8n no longer has.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings(this);
	if (!settings.registerWebhooks) return true;
	const { url, test, registrations, stale, elsewhere } = await reconcile(this, settings.events);
	// Those that cannot be deleted now stay recorded (and refused) for the next attempt.
	await removeUrls(this, elsewhere);
	const kept = [...registrations, ...(await removeRegistrations(this, stale))];
	saveRegistrations(this, url, test, kept);
	const created: Registration[] = [];
	const secrets: string[] = [];
	try {
		for (const event of missingEvents(settings.events, registrations)) {
			const secret = generateSecret();
			secrets.push(secret);
			const registeredUrl = urlWithSecret(url, secret);
			// Sent once: a lost answer must not register the event twice.
			const response = await tflowRequest.call<IHookFunctions, [Parameters<typeof tflowRequest>[0]], Promise<TflowWebhook>>(this, {
				method: 'POST',
				path: '/webhook/create',
				body: { name: event, url: registeredUrl, security_key: secret },
			});
			const id = await registeredId(this, response, registeredUrl);
			if (id === undefined) {
				throw new NodeOperationError(this.getNode(), `tFLOW registered the webhook for ${event} but did not tell its id`);
			}
			created.push({ id, event, secret });
			saveRegistrations(this, url, test, [...kept, ...created]);
		}
	} catch (error) {
		// n8n does not call delete after a failed activation: undo this activation's registrations.
		const leftovers = await removeRegistrations(this, created);
		saveRegistrations(this, url, test, [...kept, ...leftovers]);
		throw withPermissionHint(withoutSecrets(error as Error, secrets));
	}
	return true;
}

/** Deletes registrations in tFLOW; returns those that could not be deleted (already gone counts as deleted). */
async function removeRegistrations(context: IHookFunctions, registrations: Registration[]): Promise<Registration[]> {
	const remaining: Registration[] = [];
	for (const registration of registrations) {
		try {
			await tflowRequest.call(context, { method: 'DELETE', path: `/webhook/${encodeURIComponent(String(registration.id))}` });
		} catch (error) {
			if (describeFailure(error).status !== 404) remaining.push(registration);
		}
	}
	return remaining;
}

/**
 * Removes exactly the registrations this node recorded for the current URL (whatever the
 * parameters say now) and for URLs of the same mode n8n no longer has, tolerating ones already
 * deleted in tFLOW.
 */
export async function deleteRegistrations(this: IHookFunctions): Promise<boolean> {
	const url = currentWebhookUrl(this);
	return await removeUrls(this, [url, ...otherUrls(this, url, isTestMode(this))]);
}

/**
 * The registrations a delivery to this webhook may belong to: those of n8n's current production
 * URL, or while the editor listens for a test event those of the test URL (which n8n does not give
 * to webhook(); they are deleted when listening ends). Read without copying: this runs per delivery.
 */
export function registrationsForDelivery(context: IWebhookFunctions): readonly Registration[] {
	const stored = context.getWorkflowStaticData('node')[STORE_KEY] as RegistrationStore | undefined;
	if (!stored || typeof stored !== 'object') return [];
	if (isTestMode(context)) {
		return Object.values(stored).flatMap((entry) => (entry?.test === true ? entry.registrations : []));
	}
	const productionUrl = context.getNodeWebhookUrl('default');
	const entry = productionUrl ? stored[normalizeWebhookUrl(productionUrl)] : undefined;
	return entry && entry.test !== true && Array.isArray(entry.registrations) ? entry.registrations : [];
}
