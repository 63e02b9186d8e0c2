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
	/**
	 * The webhook's id in tFLOW, when the instance gives one. Without it the registration is known by
	 * its event and its URL, whose secret is unique to it.
	 */
	id?: number | string;
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
	id?: number | string | null;
	name?: string;
	url?: string;
}

const STORE_KEY = 'registrationsByUrl';

const PERMISSION_HINT =
	'If the tFLOW API user may not manage webhooks, turn off "Register Webhooks Automatically" and register the webhooks in tFLOW by hand.';

const BY_HAND_HINT = 'turn off "Register Webhooks Automatically" and register this workflow\'s webhooks in tFLOW by hand';

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

function hasId(webhook: TflowWebhook): webhook is TflowWebhook & { id: number | string } {
	return webhook.id !== undefined && webhook.id !== null && webhook.id !== '';
}

/** Where a webhook calls, for messages: the host only (its path and query may carry secrets). */
function hostOf(webhookUrl: unknown): string {
	try {
		return new URL(String(webhookUrl)).host || 'an unknown host';
	} catch {
		return 'an unreadable URL';
	}
}

async function listWebhooks(context: IHookFunctions): Promise<TflowWebhook[]> {
	try {
		const webhooks = await tflowList.call<IHookFunctions, [{ path: string }], Promise<TflowWebhook[]>>(context, { path: '/webhook/list' });
		return webhooks.filter((webhook) => webhook && typeof webhook === 'object');
	} catch (error) {
		throw withPermissionHint(error as Error);
	}
}

/** The registration a listed webhook is, if it is one of this node's for `url` (that URL with a secret). */
function asRegistration(webhook: TflowWebhook, url: string): Registration | undefined {
	if (typeof webhook.url !== 'string') return undefined;
	const registered = splitSecret(webhook.url);
	const event = normalizeEventName(webhook.name);
	// A registration without a secret could never deliver (webhook() rejects it): not one of ours.
	if (registered.url !== url || !registered.secret || !event) return undefined;
	return hasId(webhook) ? { id: webhook.id, event, secret: registered.secret } : { event, secret: registered.secret };
}

function sameRegistration(a: Registration, b: Registration) {
	if (a.id !== undefined && b.id !== undefined) return String(a.id) === String(b.id);
	// Each registration has its own secret: event and secret identify it without an id.
	return a.event === b.event && a.secret === b.secret;
}

/**
 * The registrations tFLOW has for this URL, found by URL (without the secret) and event name, so
 * they are recognised even when static data was lost or never saved (a workflow import, a crash);
 * their secrets are read back from their URLs. `wanted` are those of the selected events; `stale`
 * are ones this node recorded earlier for events no longer selected. `webhooks` is the whole list.
 */
async function findRegistrations(context: IHookFunctions, url: string, events: string[], recorded: Registration[]) {
	const webhooks = await listWebhooks(context);
	const wanted: Registration[] = [];
	const stale: Registration[] = [];
	for (const webhook of webhooks) {
		const registration = asRegistration(webhook, url);
		if (!registration) continue;
		if (events.includes(registration.event)) wanted.push(registration);
		else if (recorded.some((known) => sameRegistration(known, registration))) stale.push(registration);
	}
	return { wanted, stale, webhooks };
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

/** A registration that could not be removed, and why. */
interface Leftover {
	url: string;
	registration: Registration;
	/** `shared`: tFLOW lists another webhook under its event name, so it cannot be deleted by name. */
	reason: 'shared' | 'failed';
}

/** Deletes in tFLOW what this node recorded for the given URLs; keeps recorded what could not be deleted. */
async function removeUrls(context: IHookFunctions, urls: string[]): Promise<Leftover[]> {
	const leftovers: Leftover[] = [];
	for (const url of urls) {
		const entry = readStore(context)[url];
		if (!entry) continue;
		const remaining = await removeRegistrations(context, url, entry.registrations);
		saveRegistrations(context, url, entry.test, remaining.map((leftover) => leftover.registration));
		leftovers.push(...remaining);
	}
	return leftovers;
}

/** Records what tFLOW has for this URL and returns it. */
async function reconcile(context: IHookFunctions, events: string[]) {
	const url = currentWebhookUrl(context);
	const test = isTestMode(context);
	const recorded = readStore(context)[url]?.registrations ?? [];
	const { wanted, stale, webhooks } = await findRegistrations(context, url, events, recorded);
	saveRegistrations(context, url, test, [...wanted, ...stale]);
	return { url, test, registrations: wanted, stale, webhooks, elsewhere: otherUrls(context, url, test) };
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

/** Per event, the webhooks tFLOW lists under its name that are not this node's for `url`. */
function otherHolders(webhooks: TflowWebhook[], url: string, events: string[]): Map<string, TflowWebhook[]> {
	const holders = new Map<string, TflowWebhook[]>();
	for (const event of events) {
		const others = webhooks.filter((webhook) => normalizeEventName(webhook.name) === event && !asRegistration(webhook, url));
		if (others.length > 0) holders.set(event, others);
	}
	return holders;
}

function describeHolders(event: string, others: TflowWebhook[]) {
	const hosts = [...new Set(others.map((webhook) => hostOf(webhook.url)))];
	return `${event} (held by a webhook that calls ${hosts.join(', ')})`;
}

/** "the webhook for job.approve to https://…/webhook" — the URL without its secret. */
function describeLeftover(leftover: Leftover) {
	return `${leftover.registration.event} to ${leftover.url}`;
}

/**
 * What to tell the user about registrations left in tFLOW: which ones (event and URL without the
 * secret) and how to remove them.
 */
function leftoverNotice(leftovers: Leftover[]) {
	const shared = leftovers.some((leftover) => leftover.reason === 'shared');
	return (
		`Not removed from tFLOW: the webhook for ${leftovers.map(describeLeftover).join(', and for ')}. ` +
		(shared
			? 'tFLOW lists another webhook under the same event name and gives no ids, so it cannot be removed without risking the other one. '
			: '') +
		'Delete it in tFLOW (its URL ends in ?secret=…), or deactivate/activate the workflow again to retry.'
	);
}

/** The id of each new registration the create answer did not give, looked up by its unique URL. */
async function addIds(context: IHookFunctions, url: string, created: Registration[]) {
	if (created.every((registration) => registration.id !== undefined)) return;
	let webhooks: TflowWebhook[];
	try {
		webhooks = await listWebhooks(context);
	} catch {
		// Not needed to work: without an id the registration is known by its event and URL.
		return;
	}
	for (const registration of created) {
		if (registration.id !== undefined) continue;
		const listed = webhooks.map((webhook) => asRegistration(webhook, url)).find((found) => found && sameRegistration(found, registration));
		if (listed?.id !== undefined) registration.id = listed.id;
	}
}

/**
 * Registers the selected events that tFLOW does not have yet for this URL, and removes this node's
 * registrations of events that are no longer selected and those for URLs n8n no longer has.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings(this);
	if (!settings.registerWebhooks) return true;
	const { url, test, registrations, stale, elsewhere, ...listed } = await reconcile(this, settings.events);
	// Those that cannot be deleted now stay recorded (and refused) for the next attempt.
	await removeUrls(this, elsewhere);
	const staleLeft = await removeRegistrations(this, url, stale);
	const kept = [...registrations, ...staleLeft.map((leftover) => leftover.registration)];
	saveRegistrations(this, url, test, kept);
	const missing = missingEvents(settings.events, registrations);
	// Whether an event name is free is decided on what tFLOW lists after those removals.
	const webhooks = missing.length > 0 && (elsewhere.length > 0 || stale.length > 0) ? await listWebhooks(this) : listed.webhooks;
	const holders = otherHolders(webhooks, url, missing);

	// Without ids a webhook is addressed by its event name: a second one under a name another system
	// uses could never be deleted without risking the other's. Refused before anything is created.
	const unsafe = missing.filter((event) => holders.get(event)?.some((webhook) => !hasId(webhook)));
	if (unsafe.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`tFLOW already has a webhook this trigger did not create for ${unsafe.map((event) => describeHolders(event, holders.get(event)!)).join(', ')}: nothing was registered`,
			{
				description:
					'This tFLOW instance gives webhooks no ids, so they are addressed by event name, and a second webhook for the same event could never be removed safely. ' +
					`Remove the other webhook in tFLOW if it is no longer used, or ${BY_HAND_HINT}.`,
			},
		);
	}

	const created: Registration[] = [];
	const secrets: string[] = [];
	let event: string | undefined;
	let secret = '';
	try {
		for (event of missing) {
			secret = generateSecret();
			secrets.push(secret);
			// Sent once: a lost answer must not register the event twice.
			const response = await tflowRequest.call<IHookFunctions, [Parameters<typeof tflowRequest>[0]], Promise<TflowWebhook | undefined>>(this, {
				method: 'POST',
				path: '/webhook/create',
				body: { name: event, url: urlWithSecret(url, secret), security_key: secret },
			});
			created.push(response && hasId(response) ? { id: response.id, event, secret } : { event, secret });
			saveRegistrations(this, url, test, [...kept, ...created]);
		}
		event = undefined;
		await addIds(this, url, created);
		saveRegistrations(this, url, test, [...kept, ...created]);
	} catch (caught) {
		let error = withoutSecrets(caught as Error, secrets);
		const status = describeFailure(caught).status;
		const cleanup = [...created];
		// Without an answer (or with a server error) tFLOW may have registered it all the same.
		if (event !== undefined && (status === undefined || status >= 500)) cleanup.push({ event, secret });
		// n8n does not call delete after a failed activation: undo this activation's registrations.
		const leftovers = await removeRegistrations(this, url, cleanup);
		saveRegistrations(this, url, test, [...kept, ...leftovers.map((leftover) => leftover.registration)]);
		const others = event !== undefined ? holders.get(event) : undefined;
		if (status === 400 && event !== undefined && others) {
			// An instance that allows one webhook per event name refuses a second one.
			const outcome = leftovers.length === 0 ? ': nothing was registered' : '';
			error = new NodeOperationError(this.getNode(), `tFLOW refused a second webhook for ${describeHolders(event, others)}${outcome}`, {
				description: `This tFLOW instance allows only one webhook per event (it answered: ${error.message}). Remove the other webhook in tFLOW if it is no longer used, or ${BY_HAND_HINT}.`,
			});
		}
		if (leftovers.length > 0) error.message = `${error.message}. ${leftoverNotice(leftovers)}`;
		throw withPermissionHint(error);
	}
	return true;
}

/**
 * Deletes one registration in tFLOW: by id, or without one by its event name, but only after the
 * list shows that the one webhook under that name is this registration (tFLOW deletes by name
 * whichever it finds, and another system may listen to the same event).
 */
async function removeRegistration(context: IHookFunctions, url: string, registration: Registration): Promise<Leftover['reason'] | 'removed'> {
	let key: number | string | undefined = registration.id;
	try {
		if (key === undefined) {
			const named = (await listWebhooks(context)).filter((webhook) => normalizeEventName(webhook.name) === registration.event);
			const ours = named.find((webhook) => {
				const listed = asRegistration(webhook, url);
				return listed !== undefined && sameRegistration(listed, registration);
			});
			if (!ours) return 'removed';
			if (hasId(ours)) key = ours.id;
			else if (named.length === 1) key = String(ours.name);
			else return 'shared';
		}
		await tflowRequest.call(context, { method: 'DELETE', path: `/webhook/${encodeURIComponent(String(key))}` });
	} catch (error) {
		// Already gone counts as deleted.
		if (describeFailure(error).status !== 404) return 'failed';
	}
	return 'removed';
}

/** Deletes registrations in tFLOW; returns those that could not be deleted. */
async function removeRegistrations(context: IHookFunctions, url: string, registrations: Registration[]): Promise<Leftover[]> {
	const leftovers: Leftover[] = [];
	for (const registration of registrations) {
		const outcome = await removeRegistration(context, url, registration);
		if (outcome !== 'removed') leftovers.push({ url, registration, reason: outcome });
	}
	return leftovers;
}

/**
 * Removes exactly the registrations this node recorded for the current URL (whatever the
 * parameters say now) and for URLs of the same mode n8n no longer has, tolerating ones already
 * deleted in tFLOW. What cannot be removed stays recorded: the next deactivation or activation
 * retries it.
 */
export async function deleteRegistrations(this: IHookFunctions): Promise<boolean> {
	const url = currentWebhookUrl(this);
	const leftovers = await removeUrls(this, [url, ...otherUrls(this, url, isTestMode(this))]);
	if (leftovers.length > 0) this.logger.warn(`tFLOW Trigger "${this.getNode().name}": ${leftoverNotice(leftovers)}`);
	return leftovers.length === 0;
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
