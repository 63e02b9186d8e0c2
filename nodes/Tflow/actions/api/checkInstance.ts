/**
 * API → Check Instance: walks what the package assumes about a tFLOW instance and outputs one item per
 * assumption, `{check, ok, seen, expected, hint}`, for a user to read or send along with a problem
 * report (docs/assumptions.md lists them). Only reads are sent (GETs and the credential's token
 * request); each check catches its own failure, so one refused read makes a row with ok=false and
 * tFLOW's message, not a failed node. ok=null: the instance had nothing to check this on.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CheckRow } from '../../../shared/checkRow';
import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { TFLOW_CREDENTIAL, tflowList, tflowRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['api'], operation: ['checkInstance'] } }, withConcurrencyOption(properties));

/** The entity types whose property definitions are asked for: the node uses order and job. */
export const PROP_ENTITY_TYPES = ['order', 'job', 'client', 'user'];

/** How many entries a list check reads at most: enough to compare, little for a large instance. */
const SAMPLE = 50;

/** What each check expects, as the package assumes it (docs/assumptions.md). */
const EXPECTED: Record<string, string> = {
	'API version': 'GET /api/version answers {version, branch}, e.g. 0.2.6280 (trunk)',
	'token': 'POST /oauth/access_token (client_credentials) answers an access token that tFLOW accepts as a Bearer header',
	'permission list': 'GET /api/v2/permission/list answers a bare JSON array of permission names; no permission guards it, so every role may read it (the credential\'s Test reads it too)',
	'webhook list': 'GET /api/v2/webhook/list answers a list of {name, url, security_key, failed_attempts}, with or without an id',
	'allowed transitions': 'GET /api/v2/job/{id}/allowedTransitions answers a list of transition names, e.g. ["approve", "reject"]',
	'order list filter': 'GET /api/v2/order/list?name=<text> answers only the orders whose name contains the text',
};

function propExpected(entityType: string): string {
	return `GET /api/v2/prop/${entityType} answers a list of {name, input_type, list_values, …}, or 404 for a type without definitions`;
}

const NO_TOKEN = 'not checked: no access token (see the token row)';

/** The API's message (the transport has taken every secret out), with the status and, when asked, the description. */
function messageOf(error: unknown, withDescription = false): string {
	const failure = error as { message?: string; httpCode?: string | null; description?: string | null };
	const status = failure.httpCode ? ` (HTTP ${failure.httpCode})` : '';
	const description = withDescription && failure.description ? ` — ${failure.description}` : '';
	return `${failure.message ?? String(error)}${status}${description}`;
}

/**
 * Whether a read failed at the token: tFLOW refused it with 401 even after a new token, or the token
 * request failed (the transport then adds what GET /api/version told about the server).
 */
function isTokenFailure(error: Error): boolean {
	const description = String((error as { description?: string | null }).description ?? '');
	return httpStatus(error) === 401 || description.includes('/api/version');
}

function count(amount: number, noun: string): string {
	return `${amount}${amount === SAMPLE ? '+' : ''} ${noun}${amount === 1 ? '' : 's'}`;
}

function httpStatus(error: unknown): number | undefined {
	const code = Number((error as { httpCode?: string | null }).httpCode);
	return Number.isInteger(code) && code > 0 ? code : undefined;
}

/** Runs a read; a failure becomes `{error}` so that every check goes on. */
async function attempt<T>(read: () => Promise<T>): Promise<{ value: T; error?: undefined } | { value?: undefined; error: Error }> {
	try {
		return { value: await read() };
	} catch (error) {
		return { error: error instanceof Error ? error : new Error(String(error)) };
	}
}

function keysOf(entry: unknown): string {
	return entry && typeof entry === 'object' ? Object.keys(entry).sort().join(', ') : typeof entry;
}

/** Permission names as tFLOW lists them: plain strings, or objects with a name (the node reads both). */
function permissionNames(list: unknown[]): string {
	const shown = list.slice(0, 5).map((entry) => (entry && typeof entry === 'object' ? String((entry as IDataObject).name ?? keysOf(entry)) : String(entry)));
	return `${shown.join(', ')}${list.length > 5 ? ', …' : ''}`;
}

function names(list: IDataObject[], key = 'name', max = 5): string {
	const shown = list.slice(0, max).map((entry) => String(entry?.[key] ?? '?'));
	return `${shown.join(', ')}${list.length > max ? ', …' : ''}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<CheckRow[]> {
	// A missing credential stops the node: there is nothing to check without it.
	const before = await this.getCredentials(TFLOW_CREDENTIAL, itemIndex);
	const hadToken = typeof before.accessToken === 'string' && before.accessToken !== '';
	const rows: CheckRow[] = [];

	// The token and a list every role may read (the credential's own Test request) first: without a
	// token every other read would ask the token endpoint again and fail alike.
	const permissions = await attempt(async () => await tflowList.call(this, { path: '/permission/list', itemIndex }, { returnAll: false, limit: SAMPLE }));
	const after = await this.getCredentials(TFLOW_CREDENTIAL, itemIndex);
	// Only compared, never output: whether a token was fetched during the checks.
	const renewed = after.accessToken !== before.accessToken;
	const tokenBroken = permissions.error !== undefined && isTokenFailure(permissions.error);

	// 1. GET /api/version (tFLOW answers it without a token, but the transport signs every request).
	const version = tokenBroken ? undefined : await attempt(async () => (await tflowRequest.call(this, { method: 'GET', apiRoot: '/api', path: '/version', itemIndex })) as IDataObject);
	const versionText = typeof version?.value?.version === 'string' ? version.value.version : undefined;
	rows.push({
		check: 'API version',
		ok: !version ? null : version.error ? false : versionText !== undefined,
		seen: !version
			? NO_TOKEN
			: version.error
				? messageOf(version.error)
				: versionText
					? `${versionText}${version.value?.branch ? ` (${String(version.value.branch)})` : ''}`
					: `an answer without "version": ${keysOf(version.value)}`,
		expected: EXPECTED['API version'],
		hint: version?.error
			? 'No tFLOW answered at the Instance URL: check the credential\'s Instance URL (the address you open tFLOW at).'
			: 'Quote this version in a problem report (API → Get Version outputs it too).',
	});

	// 2 and 3. The token and the permission list.
	rows.push({
		check: 'token',
		ok: !tokenBroken,
		seen: tokenBroken
			? messageOf(permissions.error, true)
			: `${renewed ? 'a new token was fetched at POST /oauth/access_token' : hadToken ? 'the stored token' : 'a token'} and tFLOW accepted it${permissions.error ? ` (the list itself was refused with HTTP ${httpStatus(permissions.error) ?? '?'}, not 401)` : ''}`,
		expected: EXPECTED['token'],
		hint: tokenBroken
			? 'Check the API Key and Secret Key (tFLOW: your user profile → "Show API credentials") and the Instance URL.'
			: 'The token is fetched once and reused until tFLOW answers 401, then fetched again.',
	});
	rows.push({
		check: 'permission list',
		ok: tokenBroken ? null : !permissions.error,
		seen: tokenBroken
			? NO_TOKEN
			: permissions.error
				? messageOf(permissions.error)
				: `${count(permissions.value.length, 'permission')}: ${permissionNames(permissions.value)}`,
		expected: EXPECTED['permission list'],
		hint: permissions.error && !tokenBroken
			? 'The package assumes every role may read this list (the credential\'s Test does); a refusal means this instance guards it: send this row.'
			: 'Lists come as bare arrays; the node reads them up to its Limit.',
	});
	if (tokenBroken) {
		// Nothing else can be read without a token: the remaining checks are listed as not checked.
		for (const check of ['webhook list', ...PROP_ENTITY_TYPES.map((type) => `property definitions: ${type}`), 'allowed transitions', 'order list filter']) {
			rows.push({ check, ok: null, seen: NO_TOKEN, expected: EXPECTED[check] ?? propExpected(check.replace('property definitions: ', '')), hint: 'Fix the token first (see the token row).' });
		}
		return rows;
	}

	// 4. The webhook list: with ids or without (both work; the trigger then works differently).
	const webhooks = await attempt(async () => (await tflowList.call(this, { path: '/webhook/list', itemIndex }, { returnAll: false, limit: SAMPLE })) as IDataObject[]);
	const withId = webhooks.value?.filter((webhook) => webhook && webhook.id !== undefined && webhook.id !== null) ?? [];
	const webhookSeen = (): string => {
		const list = webhooks.value!;
		if (list.length === 0) return 'an empty list: no subscription to read the shape from';
		// The entries' field names only: their URLs and security keys stay out of the output.
		const fields = `entries carry ${keysOf(list[0])}`;
		if (withId.length === list.length) return `${count(list.length, 'subscription')} with ids; ${fields}`;
		if (withId.length === 0) return `${count(list.length, 'subscription')} without ids; ${fields}`;
		return `${count(list.length, 'subscription')}, ${withId.length} with an id; ${fields}`;
	};
	rows.push({
		check: 'webhook list',
		ok: webhooks.error ? false : webhooks.value.length === 0 ? null : true,
		seen: webhooks.error ? messageOf(webhooks.error) : webhookSeen(),
		expected: EXPECTED['webhook list'],
		hint: webhooks.error
			? 'The tFLOW Trigger reads this list to register its webhooks: give the API user the right to manage webhooks, or turn off "Register Webhooks Automatically" and register them in tFLOW by hand.'
			: webhooks.value.length === 0
				? 'Nothing to read the shape from. Activate a workflow with a tFLOW Trigger (or create a webhook) and run the check again.'
				: withId.length > 0
					? 'Subscriptions have ids: the tFLOW Trigger finds its own by URL and event name and deletes them by id; other webhooks for the same event never matter.'
					: 'Subscriptions have no ids, as the documents allow: the tFLOW Trigger knows its own by event name and URL and deletes one by event name only when it is the only webhook under that name; it will not register an event another webhook already holds (activation fails and names it).',
	});

	// 5. Property definitions per entity type: a list, or 404 (the node then sends props unchecked).
	for (const entityType of PROP_ENTITY_TYPES) {
		const used = entityType === 'order' || entityType === 'job';
		const definitions = await attempt(async () => await tflowRequest.call(this, { method: 'GET', path: `/prop/${entityType}`, itemIndex }));
		const status = definitions.error ? httpStatus(definitions.error) : undefined;
		const list = Array.isArray(definitions.value) ? (definitions.value as IDataObject[]) : undefined;
		rows.push({
			check: `property definitions: ${entityType}`,
			ok: definitions.error ? status === 404 : list !== undefined,
			seen: definitions.error
				? status === 404
					? '404: no definitions for this entity type'
					: messageOf(definitions.error)
				: list
					? `${list.length} definitions${list.length ? ` (${names(list)}); entries carry ${keysOf(list[0])}` : ''}`
					: `not a list: ${keysOf(definitions.value)}`,
			expected: propExpected(entityType),
			hint: used
				? status === 404
					? `The ${entityType}'s Properties dropdown stays empty and props are sent as written, unchecked.`
					: `The ${entityType}'s Properties dropdown and the check of props before sending use these definitions.`
				: `The node does not use ${entityType} properties; shown for a problem report.`,
		});
	}

	// 6. The shape of a job's allowed transitions (a list of names), on a job the list finds.
	const jobs = await attempt(async () => (await tflowList.call(this, { path: '/job/list', itemIndex }, { returnAll: false, limit: 1 })) as IDataObject[]);
	const job = jobs.value?.[0];
	if (jobs.error || job?.id === undefined) {
		rows.push({
			check: 'allowed transitions',
			ok: jobs.error ? false : null,
			seen: jobs.error ? `GET job/list: ${messageOf(jobs.error)}` : 'no job to ask (job/list is empty)',
			expected: EXPECTED['allowed transitions'],
			hint: jobs.error ? 'The API user may not list jobs.' : 'Not checked: create a job in tFLOW and run the check again.',
		});
	} else {
		const allowed = await attempt(async () => await tflowRequest.call(this, { method: 'GET', path: `/job/${String(job.id)}/allowedTransitions`, itemIndex }));
		const list = Array.isArray(allowed.value) ? (allowed.value as unknown[]) : undefined;
		const strings = list?.every((entry) => typeof entry === 'string') ?? false;
		const state = job.current_state_name ? ` in state ${String(job.current_state_name)}` : '';
		rows.push({
			check: 'allowed transitions',
			ok: allowed.error ? false : strings,
			seen: allowed.error
				? messageOf(allowed.error)
				: list
					? strings
						? `job ${String(job.id)}${state}: a list of names [${(list as string[]).join(', ')}]`
						: `job ${String(job.id)}${state}: a list of ${list.length} entries that are not all names, e.g. ${typeof list.find((entry) => typeof entry !== 'string')} with ${keysOf(list.find((entry) => typeof entry !== 'string'))}`
					: `job ${String(job.id)}${state}: not a list (${keysOf(allowed.value)})`,
			expected: EXPECTED['allowed transitions'],
			hint: strings || allowed.error
				? 'Execute Transition\'s list and Upload Artwork read these names.'
				: 'Execute Transition\'s list and Upload Artwork expect plain names: report this answer\'s shape.',
		});
	}

	// 7. The undocumented name filter of order/list: honoured, or ignored (every order comes back).
	rows.push(await orderNameFilter.call(this, itemIndex));
	return rows;
}

/** order/list?name=<an existing order's name>: only orders with that name in theirs come back, or every order. */
async function orderNameFilter(this: IExecuteFunctions, itemIndex: number): Promise<CheckRow> {
	const expected = EXPECTED['order list filter'];
	const contains = (order: IDataObject, text: string) => String(order?.name ?? '').toLowerCase().includes(text.toLowerCase());
	const all = await attempt(async () => (await tflowList.call(this, { path: '/order/list', itemIndex }, { returnAll: false, limit: SAMPLE })) as IDataObject[]);
	if (all.error) {
		return { check: 'order list filter', ok: false, seen: `GET order/list: ${messageOf(all.error)}`, expected, hint: 'The API user may not list orders.' };
	}
	// A name that leaves out another order of the sample: only then can a filter be told from none.
	const probe = all.value.find((order) => typeof order?.name === 'string' && order.name !== '' && all.value.some((other) => !contains(other, order.name as string)));
	if (!probe) {
		return {
			check: 'order list filter',
			ok: null,
			seen: `${all.value.length} orders: too few with different names to tell a filter from none`,
			expected,
			hint: 'Not checked: needs two orders with different names.',
		};
	}
	const name = probe.name as string;
	const filtered = await attempt(async () => (await tflowList.call(this, { path: '/order/list', qs: { name }, itemIndex }, { returnAll: false, limit: SAMPLE })) as IDataObject[]);
	if (filtered.error) {
		return { check: 'order list filter', ok: false, seen: `GET order/list?name=${name}: ${messageOf(filtered.error)}`, expected, hint: 'tFLOW refused the name parameter.' };
	}
	const others = filtered.value.filter((order) => !contains(order, name));
	const honoured = others.length === 0 && filtered.value.length > 0;
	return {
		check: 'order list filter',
		ok: honoured,
		seen: honoured
			? `name=${name}: ${filtered.value.length} of ${all.value.length}${all.value.length === SAMPLE ? '+' : ''} orders, all matching (filter honoured)`
			: `name=${name}: ${filtered.value.length} orders, ${others.length} not matching, e.g. ${String(others[0]?.name ?? '?')} (filter ignored)`,
		expected,
		hint: honoured
			? 'Order → Get Many\'s Name filter and the order picker\'s search are answered by tFLOW.'
			: 'tFLOW ignores the name filter, which its document does not name. Order and Job → Get Many check their filters on tFLOW\'s answer and leave out what does not match (with a hint), so results stay right, but every such read fetches the whole list.',
	};
}
