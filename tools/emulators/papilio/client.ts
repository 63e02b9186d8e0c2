/** A plain fetch client for tests that talk to the papilio emulator directly (not through the node). */
import type { PapilioEmulator } from './index';

export const CLIENT_ID = 'papilio-demo-client';
export const CLIENT_SECRET = 'papilio-demo-secret';
export const USERNAME = 'api-script';
export const PASSWORD = 'papilio-demo-password';

export function basicAuth(id = CLIENT_ID, secret = CLIENT_SECRET) {
	return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export interface Answer {
	status: number;
	headers: Headers;
	body: any;
	text: string;
}

async function toAnswer(response: Response): Promise<Answer> {
	const text = await response.text();
	let body: any;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, body, text };
}

/** POSTs a form to an OAuth token endpoint with the client's Basic auth (unless `authorization` is given). */
export async function tokenRequest(
	emulator: PapilioEmulator,
	endpoint: 'user' | 'access' | 'refresh',
	form: Record<string, string>,
	authorization: string | null = basicAuth(),
): Promise<Answer> {
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
	if (authorization) headers.Authorization = authorization;
	const response = await fetch(`${emulator.url}/oauth/token/${endpoint}`, {
		method: 'POST',
		headers,
		body: new URLSearchParams(form).toString(),
	});
	return toAnswer(response);
}

export async function login(emulator: PapilioEmulator, username = USERNAME, password = PASSWORD) {
	const answer = await tokenRequest(emulator, 'user', { username, password });
	if (answer.status !== 200) throw new Error(`login failed: ${answer.text}`);
	return answer.body as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}

export interface CallOptions {
	token?: string;
	/** Where the access token goes (query by default, as the node sends it). */
	tokenIn?: 'query' | 'form' | 'json' | 'header';
	query?: Record<string, string>;
	form?: Record<string, string>;
	json?: Record<string, unknown>;
}

/** Calls `/api/v1<path>`. */
export async function call(emulator: PapilioEmulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
	const { token, tokenIn = 'query' } = options;
	const query = new URLSearchParams(options.query);
	const headers: Record<string, string> = {};
	let form = options.form;
	let json = options.json;
	if (token !== undefined) {
		if (tokenIn === 'query') query.set('access_token', token);
		if (tokenIn === 'form') form = { ...form, access_token: token };
		if (tokenIn === 'json') json = { ...json, access_token: token };
		if (tokenIn === 'header') headers.Authorization = `Bearer ${token}`;
	}
	let body: string | undefined;
	if (form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(form).toString();
	} else if (json) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(json);
	}
	const search = query.toString();
	const response = await fetch(`${emulator.url}/api/v1${path}${search ? `?${search}` : ''}`, { method, headers, body });
	return toAnswer(response);
}

/** Fetches `/api/v1<path>` and returns the raw response (for files). */
export function download(emulator: PapilioEmulator, path: string, token: string) {
	return fetch(`${emulator.url}/api/v1${path}?access_token=${token}`);
}
