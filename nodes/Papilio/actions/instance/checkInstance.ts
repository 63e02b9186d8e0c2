/**
 * Instance → Check Instance: walks what the package assumes about a papilio server and outputs one
 * item per assumption, `{check, ok, seen, expected, hint}` (docs/assumptions.md lists them). Only
 * reads are sent, besides the token requests (a login and a refresh, which change nothing in
 * papilio); each check catches its own failure, so a refused read makes a row with ok=false and
 * papilio's message. ok=null: nothing to check it on. No token or secret reaches the output.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CheckRow } from '../../../shared/checkRow';
import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { requestPapilioToken } from '../../token';
import { authenticationOf, papilioList } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['instance'], operation: ['checkInstance'] } }, withConcurrencyOption(properties));

/** The released bit: the search check asks for it (the trigger's Order Reached Status searches so). */
const RELEASED = 32;
const SAMPLE = 20;

/** What each check expects, as the package assumes it (docs/assumptions.md). */
const EXPECTED: Record<string, string> = {
	'token refresh': 'POST /oauth/token/refresh (refresh_token) answers {access_token, expires_in, token_type}',
	'token accepted': 'every /api/v1 call with the access_token parameter is answered; GET /messages/received needs no permission',
	'order search': `GET /api/v1/orders/search/and?status=${RELEASED} answers {count, orders} with only orders that have all bits of the status`,
	'expand on task lists': 'the task lists take the expand arguments of /order (status=true answers the status as named flags)',
};

/** The error's message: the transport and the token client build it from papilio's answer only. */
function messageOf(error: unknown): string {
	const failure = error as { message?: string; httpCode?: string | null };
	return `${failure.message ?? String(error)}${failure.httpCode ? ` (HTTP ${failure.httpCode})` : ''}`;
}

async function attempt<T>(run: () => Promise<T>): Promise<{ value: T; error?: undefined } | { value?: undefined; error: Error }> {
	try {
		return { value: await run() };
	} catch (error) {
		return { error: error instanceof Error ? error : new Error(String(error)) };
	}
}

function isForbidden(error: Error): boolean {
	return /not allowed|forbidden/i.test(error.message) || (error as { httpCode?: string | null }).httpCode === '403';
}

function hasBit(status: unknown, bit: number): boolean {
	return /^\d+$/.test(String(status)) && (Number(status) & bit) === bit;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<CheckRow[]> {
	const type = authenticationOf(this);
	// A missing credential stops the node: there is nothing to check without it.
	const credentials = await this.getCredentials(type, itemIndex);
	const rows: CheckRow[] = [];

	// 1. A token: a fresh login (papilioApi) or the one "Connect my account" stored (OAuth2).
	let refreshToken = '';
	if (type === 'papilioApi') {
		const login = await attempt(
			async () =>
				await requestPapilioToken(this.helpers, credentials, '/oauth/token/user', {
					username: String(credentials.username ?? ''),
					password: String(credentials.password ?? ''),
				}),
		);
		refreshToken = typeof login.value?.refresh_token === 'string' ? login.value.refresh_token : '';
		rows.push({
			check: 'login',
			ok: !login.error,
			seen: login.error
				? messageOf(login.error)
				: `an access token (expires_in ${String(login.value.expires_in ?? '?')})${refreshToken ? ' and a refresh token' : ', without a refresh token'}`,
			expected: 'POST /oauth/token/user (Basic client auth; username, password) answers {access_token, expires_in, token_type, refresh_token}',
			hint: login.error
				? 'invalid_client: check Client ID and Client Secret (papilio → /admin/api); invalid_user: Username and Password, and that the API client may be used by this user.'
				: 'The credential logs in once, renews at /oauth/token/refresh and logs in again when the refresh token has expired.',
		});
	} else {
		const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
		const connected = typeof tokenData.access_token === 'string' && tokenData.access_token !== '';
		refreshToken = typeof tokenData.refresh_token === 'string' ? tokenData.refresh_token : '';
		rows.push({
			check: 'login',
			ok: connected,
			seen: connected ? `the credential holds an access token${refreshToken ? ' and a refresh token' : ', without a refresh token'} from "Connect my account"` : 'the credential is not connected',
			expected: 'the Authorization Code grant (/oauth/authorize, /oauth/token/access) stored {access_token, refresh_token}',
			hint: connected ? 'Tokens are renewed at /oauth/token/refresh; after 30 days click "Reconnect".' : 'Open the credential and click "Connect my account".',
		});
	}

	if (rows[0].ok !== true) {
		// Every read would log in again and fail alike; papilio locks an account after a few failed logins.
		for (const check of ['token refresh', 'token accepted', 'order search', 'expand on task lists']) {
			rows.push({ check, ok: null, seen: 'not checked: no access token (see the login row)', expected: EXPECTED[check], hint: 'Fix the login first.' });
		}
		return rows;
	}

	// 2. Renewal: papilio's own refresh endpoint with that refresh token (n8n's OAuth2 refresh would go elsewhere).
	if (!refreshToken) {
		rows.push({
			check: 'token refresh',
			ok: null,
			seen: 'no refresh token to renew with',
			expected: EXPECTED['token refresh'],
			hint: 'Not checked: without a refresh token every renewal is a new login (papilioApi) or a reconnect (OAuth2).',
		});
	} else {
		const refresh = await attempt(async () => await requestPapilioToken(this.helpers, credentials, '/oauth/token/refresh', { refresh_token: refreshToken }));
		rows.push({
			check: 'token refresh',
			ok: !refresh.error,
			seen: refresh.error
				? messageOf(refresh.error)
				: `a new access token (expires_in ${String(refresh.value.expires_in ?? '?')})${refresh.value.refresh_token ? ' and a new refresh token' : '; no new refresh token, the old one stays valid (as documented)'}`,
			expected: EXPECTED['token refresh'],
			hint: refresh.error
				? type === 'papilioApi'
					? 'The credential then logs in again whenever the access token expires (one login per hour).'
					: 'The OAuth2 credential cannot renew its token: click "Reconnect" in the credential.'
				: 'An expired access token (invalid_token after an hour) is renewed here without a new login.',
		});
	}

	// 3. The token as the access_token parameter, on a read every user may make (the credential's Test request).
	const messages = await attempt(async () => await papilioList.call(this, { path: '/messages/received', itemIndex }, 'messages', { returnAll: false, limit: 1 }));
	rows.push({
		check: 'token accepted',
		ok: !messages.error,
		seen: messages.error ? messageOf(messages.error) : `GET /api/v1/messages/received answered {count: ${String(messages.value.response.count ?? '?')}, messages: […]}`,
		expected: EXPECTED['token accepted'],
		hint: messages.error ? 'papilio refused the token: run the check again; if it stays, send this row.' : 'The token goes in the access_token parameter, as the document says.',
	});

	// 4. A search with the status filter, as the trigger's "Order Reached Status" sends it.
	const search = await attempt(
		async () => await papilioList.call(this, { path: '/orders/search/and', qs: { status: RELEASED }, itemIndex }, 'orders', { returnAll: false, limit: SAMPLE }),
	);
	const found = search.value?.list ?? [];
	const without = found.filter((order) => !hasBit(order?.status, RELEASED));
	rows.push({
		check: 'order search',
		ok: search.error ? false : found.length === 0 ? null : without.length === 0,
		seen: search.error
			? messageOf(search.error)
			: found.length === 0
				? `status=${RELEASED}: no orders (count ${String(search.value.response.count ?? 0)})`
				: without.length === 0
					? `status=${RELEASED}: ${found.length}${found.length === SAMPLE ? '+' : ''} orders, all with the released bit (filter honoured)`
					: `status=${RELEASED}: ${found.length} orders, ${without.length} without the released bit, e.g. order ${String(without[0]?.id)} with status ${String(without[0]?.status)} (filter ignored)`,
		expected: EXPECTED['order search'],
		hint: search.error
			? isForbidden(search.error)
				? 'Search needs the editUsers permission: Order → Search and the trigger\'s "Order Reached Status" fail for this user.'
				: 'Order → Search and the trigger\'s "Order Reached Status" send this request.'
			: found.length === 0
				? 'Not checked: no released order to tell whether the status filter is honoured.'
				: without.length === 0
					? 'Order → Search and the trigger\'s "Order Reached Status" rely on this filter.'
					: 'papilio ignores the status filter: the trigger\'s "Order Reached Status" would emit orders without those flags.',
	});

	// 5. The expand arguments on a task list (the document names them for /order and /orders only).
	const tasks = await attempt(
		async () => await papilioList.call(this, { path: '/tasks/printable', qs: { status: 'true' }, itemIndex }, 'orders', { returnAll: false, limit: 5 }),
	);
	const first = tasks.value?.list[0];
	const expanded = Array.isArray(first?.status);
	rows.push({
		check: 'expand on task lists',
		ok: tasks.error ? (isForbidden(tasks.error) ? null : false) : first === undefined ? null : expanded,
		seen: tasks.error
			? messageOf(tasks.error)
			: first === undefined
				? 'GET /tasks/printable?status=true: no printable orders'
				: expanded
					? `GET /tasks/printable?status=true: order ${String(first.id)} has status ${JSON.stringify(first.status)} (expanded)`
					: `GET /tasks/printable?status=true: order ${String(first.id)} has status ${JSON.stringify(first.status)} (not expanded)`,
		expected: EXPECTED['expand on task lists'],
		hint: tasks.error
			? isForbidden(tasks.error)
				? 'Not checked: the user lacks printOrders, which /tasks/printable needs.'
				: 'Task → Get Printable and the trigger\'s "New Printable Order" send this request.'
			: first === undefined
				? 'Not checked: no printable order to look at.'
				: expanded
					? 'Task → Get … with Expand outputs expanded fields.'
					: 'papilio ignores the expand arguments on task lists: Task → Get … outputs plain ids and status codes even with Expand set (the status flags are still decoded by the node).',
	});
	return rows;
}
