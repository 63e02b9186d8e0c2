/**
 * The frame around every /api/v1 call: HTTPS check, injected framework errors, the access_token
 * parameter (query or body; a Bearer header alone is refused), the caller's user, JSON or XML
 * output, and the spec's error envelope. Unknown methods answer not_implemented, known paths with
 * a wrong HTTP method method_not_allowed.
 */
import { STATUS_CODES } from 'node:http';
import type { EmulatorRequest, EmulatorResponse, EmulatorServer, Fields, LogEntry } from '../common/server';
import { HttpError } from '../common/server';
import type { PapilioConfig } from './config';
import { papilioError } from './errors';
import { orderPdf } from './files';
import { requireHttps, type TokenStore } from './oauth';
import type { Expand, OrderRecord, PapilioState, PapilioUser, Permission, SerializeContext } from './state';
import { serializeOrder } from './state';

export type TokenPlacement = 'query' | 'body' | 'header' | 'none';

/** The request log entries of API calls also say where the access token was and whose it was. */
export type PapilioLogEntry = LogEntry & { tokenIn?: TokenPlacement; user?: string };

/** A framework error answered as a non-JSON body (`httperror404 Not Found`), before any API logic. */
export interface FrameworkError {
	status: number;
	method?: string;
	/** Regular expression source matched against the path. */
	path?: string;
	times?: number;
}

export interface ApiEnvironment {
	server: EmulatorServer;
	config: PapilioConfig;
	state: PapilioState;
	tokens: TokenStore;
	frameworkErrors: FrameworkError[];
}

export interface ApiContext {
	req: EmulatorRequest;
	res: EmulatorResponse;
	user: PapilioUser;
	/** Query and body parameters without access_token (and without format=json|xml). */
	args: Fields;
	/** Base of the URLs in answers (previews, PIN path). */
	baseUrl: string;
	env: ApiEnvironment;
}

/** A handler returns the JSON answer, or undefined when it wrote the response itself (files). */
export type ApiHandler = (context: ApiContext) => unknown;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const MAX_DEPTH = 8;

export class PapilioApi {
	private readonly methodsByPath = new Map<string, Set<string>>();

	constructor(private readonly env: ApiEnvironment) {}

	/** Registers `method /api/v1<path>`; `:name` segments become `req.params.name`. */
	route(method: string, path: string, handler: ApiHandler) {
		const pattern = `/api/v1${path}`;
		const methods = this.methodsByPath.get(pattern) ?? new Set<string>();
		methods.add(method);
		this.methodsByPath.set(pattern, methods);
		this.env.server.route(method, pattern, (req, res) => this.dispatch(req, res, handler));
	}

	/** Adds the method_not_allowed and not_implemented answers; call after the last route. */
	finish() {
		for (const [pattern, methods] of this.methodsByPath) {
			const allowed = [...methods].join(', ');
			for (const method of METHODS.filter((candidate) => !methods.has(candidate))) {
				this.env.server.route(method, pattern, (req, res) =>
					this.dispatch(req, res, () => {
						throw papilioError('method_not_allowed', `${method} is not allowed here; use ${allowed}`);
					}),
				);
			}
		}
		for (let depth = 0; depth <= MAX_DEPTH; depth++) {
			const pattern = ['/api/v1', ...Array.from({ length: depth }, (_, i) => `:segment${i}`)].join('/');
			for (const method of METHODS) {
				this.env.server.route(method, pattern, (req, res) =>
					this.dispatch(req, res, ({ req: request }) => {
						throw papilioError('not_implemented', `The method ${request.path.slice('/api/v1'.length) || '/'} does not exist`);
					}),
				);
			}
		}
	}

	private async dispatch(req: EmulatorRequest, res: EmulatorResponse, handler: ApiHandler) {
		const logEntry = findLogEntry(this.env.server.log, req);
		const args: Fields = { ...req.input };
		const asXml = args.format === 'xml';
		if (args.format === 'xml' || args.format === 'json') delete args.format;
		try {
			requireHttps(req, this.env.config);
			if (this.answerFrameworkError(req, res)) return;
			const placement = tokenPlacement(req);
			if (logEntry) logEntry.tokenIn = placement;
			const token = placement === 'query' ? req.query.access_token : placement === 'body' ? req.body.access_token : undefined;
			if (typeof token !== 'string' || token === '') {
				throw papilioError('invalid_token', 'The access token provided is missing');
			}
			const userId = this.env.tokens.useAccessToken(token);
			const user = this.env.state.users.find((candidate) => candidate.id === userId);
			if (!user || !user.active) throw papilioError('invalid_token', 'The access token provided has expired');
			if (logEntry) logEntry.user = user.username;
			delete args.access_token;
			const baseUrl = this.env.config.publicUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
			const result = await handler({ req, res, user, args, baseUrl, env: this.env });
			if (result !== undefined) answer(res, 200, result, asXml);
		} catch (error) {
			if (error instanceof HttpError && typeof error.body === 'object' && !res.raw.headersSent) {
				answer(res, error.status, error.body, asXml);
				return;
			}
			throw error;
		}
	}

	private answerFrameworkError(req: EmulatorRequest, res: EmulatorResponse): boolean {
		const queue = this.env.frameworkErrors;
		const index = queue.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === req.method) &&
				(!fault.path || new RegExp(fault.path).test(req.path)),
		);
		if (index === -1) return false;
		const fault = queue[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) queue.splice(index, 1);
		res.text(fault.status, `httperror${fault.status} ${STATUS_CODES[fault.status] ?? 'Error'}`, 'text/html; charset=utf-8');
		return true;
	}
}

/** The server logs each request with the same headers object the handler sees. */
function findLogEntry(log: LogEntry[], req: EmulatorRequest): PapilioLogEntry | undefined {
	for (let index = log.length - 1; index >= 0; index--) {
		if (log[index].headers === req.headers) return log[index];
	}
	return undefined;
}

function tokenPlacement(req: EmulatorRequest): TokenPlacement {
	if (req.query.access_token !== undefined) return 'query';
	if (req.body.access_token !== undefined) return 'body';
	if (/^Bearer\s/i.test(String(req.headers.authorization ?? ''))) return 'header';
	return 'none';
}

function answer(res: EmulatorResponse, status: number, body: unknown, asXml: boolean) {
	if (asXml) res.text(status, `<?xml version="1.0" encoding="UTF-8"?>\n${toXml('response', body)}`, 'application/xml; charset=utf-8');
	else res.json(status, body);
}

function escapeXml(value: string) {
	return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function toXml(name: string, value: unknown): string {
	if (value === null || value === undefined) return `<${name}/>`;
	if (Array.isArray(value)) return `<${name}>${value.map((item) => toXml('item', item)).join('')}</${name}>`;
	if (typeof value === 'object') {
		const inner = Object.entries(value as Record<string, unknown>)
			.map(([key, item]) => toXml(key, item))
			.join('');
		return `<${name}>${inner}</${name}>`;
	}
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

// ---- helpers shared by the route modules ----

export function can(user: PapilioUser, ...permissions: Permission[]) {
	return permissions.some((permission) => user.permissions.includes(permission));
}

export function requirePermission(user: PapilioUser, permission: Permission, action: string) {
	if (!can(user, permission)) throw papilioError('forbidden', `${action} requires the ${permission} permission`);
}

/** A positive integer URL or body parameter; bad_request otherwise. */
export function integerArg(value: unknown, name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d+$/.test(text.trim())) {
		throw papilioError('bad_request', `${name} must be an integer`);
	}
	const number = Number(text.trim());
	if (number < min || number > max) throw papilioError('bad_request', `${name} must be between ${min} and ${max}`);
	return number;
}

function booleanArg(value: unknown, name: string): boolean {
	if (value === undefined || value === '' || value === 'false' || value === '0' || value === false) return false;
	if (value === 'true' || value === '1' || value === true) return true;
	throw papilioError('bad_request', `${name} must be a boolean (true, false, 1 or 0)`);
}

/** The expand options of /order (status, owner, template, released_by); `skip` names filters of the same name. */
export function expandArgs(args: Fields, skip: Array<keyof Expand> = []): Expand {
	const expand: Expand = {};
	for (const key of ['status', 'owner', 'template', 'released_by'] as const) {
		if (!skip.includes(key)) expand[key] = booleanArg(args[key], key);
	}
	return expand;
}

/**
 * The expand arguments on task lists and template examples, where the document does not name them:
 * honoured like /order's unless the config says this server ignores them (then unchecked, as any
 * unknown argument).
 */
export function unnamedExpandArgs(context: ApiContext): Expand {
	return context.env.config.expandOnTasksAndExamples ? expandArgs(context.args) : {};
}

export function fileSize(env: ApiEnvironment, order: OrderRecord) {
	return order.downloadSize ?? env.config.downloadSizeBytes ?? orderPdf(order).length;
}

export function serializeContext(context: ApiContext, expand: Expand, printFields = false): SerializeContext {
	return {
		state: context.env.state,
		baseUrl: context.baseUrl,
		expand,
		fileSize: (order) => fileSize(context.env, order),
		printFields,
	};
}

export function orderList(context: ApiContext, orders: OrderRecord[], expand: Expand, printFields = false) {
	const serialize = serializeContext(context, expand, printFields);
	const sorted = [...orders].sort((a, b) => a.id - b.id);
	return { count: sorted.length, orders: sorted.map((order) => serializeOrder(order, serialize)) };
}

/** A user named in the URL by id or username; blank = the caller. Others need editUsers. */
export function userFromPath(context: ApiContext, value: string | undefined): PapilioUser {
	const { user, env } = context;
	if (value === undefined || value === '') return user;
	const target = env.state.users.find((candidate) => String(candidate.id) === value || candidate.username === value);
	if (!target) throw papilioError('not_found', `User ${value} does not exist`);
	if (target.id !== user.id) requirePermission(user, 'editUsers', 'Reading data of other users');
	return target;
}
