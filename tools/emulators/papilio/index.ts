/**
 * A stateful brix:papilio server following specs/papilio-api.txt: OAuth 2 (user credentials,
 * authorization code, refresh), orders with the status bitmask, PDFs, PINs, tasks, messages and
 * templates, plus control routes under /__control for tests and the sandbox.
 */
import { EmulatorServer, type EmulatorOptions, type EmulatorResponse, type Fields } from '../common/server';
import { PapilioApi, type FrameworkError } from './api';
import { registerCatalogRoutes } from './catalog';
import { registerEditorPages } from './editor';
import { defaultConfig, PAPILIO_PROFILES, type PapilioConfig, type PapilioProfile } from './config';
import { registerOAuthRoutes, TokenStore, type TokenRequestCounts } from './oauth';
import { registerOrderRoutes } from './orders';
import type { MessageRecord, OrderRecord, PapilioState } from './state';
import { API_USER_ID, formatTimestamp, seedState, STATUS } from './state';

export type { PapilioLogEntry, TokenPlacement, FrameworkError } from './api';
export type { PapilioConfig, PapilioProfile } from './config';
export { PAPILIO_PROFILES } from './config';
export type { MessageRecord, OrderRecord, PapilioState, PapilioUser, TemplateRecord } from './state';
export { STATUS } from './state';
export { largeOrderBody, orderPdf, previewPdf } from './files';

export interface PapilioEmulatorOptions extends Partial<PapilioConfig>, EmulatorOptions {
	/** Credentials of the seeded API user (`api-script`). */
	username?: string;
	password?: string;
	/** Seed orders, messages and templates (users are always there). */
	seed?: boolean;
	/** A preset of knobs (PAPILIO_PROFILES in config.ts); knobs given beside it win. Default `kind`. */
	profile?: PapilioProfile;
}

/** Fields of an order to add; numbers may be given as numbers or numeric strings, users by id or username. */
export type OrderInput = Partial<Omit<OrderRecord, 'owner' | 'status'>> & {
	status?: number | string;
	owner?: number | string | null;
};

export type MessageInput = Partial<Omit<MessageRecord, 'sender' | 'recipient'>> & {
	sender?: number | string;
	recipient?: number | string;
};

export interface PapilioEmulator {
	/** The profile the emulator was created with; reset() keeps it. */
	profile: PapilioProfile;
	server: EmulatorServer;
	state: PapilioState;
	config: PapilioConfig;
	tokens: TokenStore;
	/** Requests per token endpoint since the start (or the last reset). */
	tokenRequests: TokenRequestCounts;
	readonly url: string;
	start(port?: number, host?: string): Promise<string>;
	stop(): Promise<void>;
	expireAccessTokens(): void;
	expireRefreshTokens(): void;
	addOrder(partial?: OrderInput): OrderRecord;
	/** Adds `count` copies of an order made from `partial` (ids counting up): long lists for Get Many. */
	addOrderCopies(count: number, partial?: OrderInput): { orders: number };
	addMessage(partial?: MessageInput): MessageRecord;
	/** Makes the next matching API call(s) answer a non-JSON framework error (`httperror404 Not Found`). */
	addFrameworkError(fault: FrameworkError): void;
	/** Back to the seeded data, default tokens and counters; the request log and faults are cleared. */
	reset(): void;
}

const NUMERIC_ORDER_FIELDS = ['id', 'template', 'quality', 'pages', 'copies', 'translation_of', 'released_by', 'downloadSize', 'example_of'] as const;

export function createPapilioEmulator(options: PapilioEmulatorOptions = {}): PapilioEmulator {
	const { username = 'api-script', password = 'papilio-demo-password', seed = true, latencyMs, verbose, profile = 'kind', ...overrides } = options;
	if (!PAPILIO_PROFILES[profile]) throw new Error(`Unknown papilio emulator profile "${profile}"; known: ${Object.keys(PAPILIO_PROFILES).join(', ')}`);
	const initialConfig = (): PapilioConfig => ({
		...defaultConfig(),
		...PAPILIO_PROFILES[profile],
		authorizeAs: username,
		...(Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<PapilioConfig>),
	});
	const config = initialConfig();
	const state = seedState({ username, password }, seed);
	const server = new EmulatorServer('papilio', { latencyMs, verbose });
	const tokens = new TokenStore(config);
	const frameworkErrors: FrameworkError[] = [];

	const userId = (value: number | string | null | undefined, field: string): number => {
		const user = state.users.find((candidate) => candidate.id === Number(value) || candidate.username === value);
		if (!user) throw new Error(`${field}: unknown user ${value}`);
		return user.id;
	};

	const addOrder = (partial: OrderInput = {}): OrderRecord => {
		const now = formatTimestamp(new Date());
		const { owner, status, ...rest } = partial;
		// The control route receives JSON, where numbers may come as strings.
		for (const field of NUMERIC_ORDER_FIELDS) {
			if (typeof rest[field] === 'string') (rest as Record<string, unknown>)[field] = Number(rest[field]);
		}
		const id = rest.id ?? Math.max(51000, ...state.orders.map((order) => order.id)) + 1;
		const record: OrderRecord = {
			title: `Auftrag ${id}`,
			deleted: false,
			template: 34,
			lang: 'de',
			quality: 300,
			color_space: 'cmyk',
			format: 'standard',
			dimension: { unit: 'mm', width: 210, height: 297 },
			created: now,
			modified: now,
			released: null,
			delivered: null,
			pages: 1,
			pin: null,
			remark: '',
			delivery: 1,
			completed_by: [],
			renderable: true,
			...rest,
			id,
			owner: owner === null ? null : userId(owner ?? API_USER_ID, 'owner'),
			status: Number(status ?? STATUS.open),
		};
		state.orders.push(record);
		return record;
	};

	const addOrderCopies = (count: number, partial: OrderInput = {}) => {
		const first = addOrder(partial);
		for (let copy = 1; copy < count; copy++) state.orders.push({ ...first, id: first.id + copy });
		return { orders: state.orders.length };
	};

	const addMessage = (partial: MessageInput = {}): MessageRecord => {
		const { sender, recipient, ...rest } = partial;
		const record: MessageRecord = {
			title: 'Nachricht',
			body: '',
			read: false,
			timestamp: formatTimestamp(new Date()),
			...rest,
			id: partial.id ?? Math.max(2459, ...state.messages.map((message) => message.id)) + 1,
			sender: userId(sender ?? 8, 'sender'),
			recipient: userId(recipient ?? API_USER_ID, 'recipient'),
		};
		state.messages.push(record);
		return record;
	};

	const reset = () => {
		Object.assign(state, seedState({ username, password }, seed));
		for (const key of Object.keys(config) as Array<keyof PapilioConfig>) delete config[key];
		Object.assign(config, initialConfig());
		tokens.clear();
		frameworkErrors.length = 0;
		server.faults.length = 0;
		server.clearLog();
	};

	registerOAuthRoutes(server, config, state, tokens);
	const api = new PapilioApi({ server, config, state, tokens, frameworkErrors });
	registerOrderRoutes(api);
	registerCatalogRoutes(api);
	api.finish();
	registerEditorPages(server, state);
	registerControlRoutes(server, { config, state, tokens, addOrder, addOrderCopies, addMessage, reset, frameworkErrors });

	return {
		profile,
		server,
		state,
		config,
		tokens,
		tokenRequests: tokens.requests,
		get url() {
			return server.url;
		},
		start: (port?: number, host?: string) => server.start(port, host),
		stop: () => server.stop(),
		expireAccessTokens: () => tokens.expireAccessTokens(),
		expireRefreshTokens: () => tokens.expireRefreshTokens(),
		addOrder,
		addOrderCopies,
		addMessage,
		addFrameworkError: (fault) => frameworkErrors.push({ times: 1, ...fault }),
		reset,
	};
}

interface ControlTargets {
	config: PapilioConfig;
	state: PapilioState;
	tokens: TokenStore;
	addOrder: (partial: OrderInput) => OrderRecord;
	addOrderCopies: (count: number, partial: OrderInput) => { orders: number };
	addMessage: (partial: MessageInput) => MessageRecord;
	reset: () => void;
	frameworkErrors: FrameworkError[];
}

function registerControlRoutes(server: EmulatorServer, targets: ControlTargets) {
	const { config, state, tokens } = targets;
	const guarded = (res: EmulatorResponse, action: () => unknown) => {
		try {
			res.json(200, action());
		} catch (error) {
			res.json(400, { error: 'bad_request', error_description: (error as Error).message });
		}
	};
	server.route('GET', '/__control/config', (_req, res) => res.json(200, config));
	server.route('PATCH', '/__control/config', (req, res) => {
		Object.assign(config, req.body as Partial<PapilioConfig>);
		res.json(200, config);
	});
	server.route('POST', '/__control/expire-access-tokens', (_req, res) => {
		tokens.expireAccessTokens();
		res.json(200, { expired: 'access' });
	});
	server.route('POST', '/__control/expire-refresh-tokens', (_req, res) => {
		tokens.expireRefreshTokens();
		res.json(200, { expired: 'refresh' });
	});
	server.route('GET', '/__control/token-requests', (_req, res) => res.json(200, tokens.requests));
	server.route('GET', '/__control/orders', (_req, res) => res.json(200, state.orders));
	server.route('POST', '/__control/orders', (req, res) => guarded(res, () => targets.addOrder(req.body as Fields as OrderInput)));
	server.route('POST', '/__control/order-copies', (req, res) =>
		guarded(res, () => targets.addOrderCopies(Number(req.body.count ?? 0), (req.body.order ?? {}) as Fields as OrderInput)),
	);
	server.route('GET', '/__control/messages', (_req, res) => res.json(200, state.messages));
	server.route('POST', '/__control/messages', (req, res) => guarded(res, () => targets.addMessage(req.body as Fields as MessageInput)));
	server.route('POST', '/__control/framework-errors', (req, res) => {
		targets.frameworkErrors.push({ times: 1, ...(req.body as unknown as FrameworkError) });
		res.json(200, { frameworkErrors: targets.frameworkErrors });
	});
	server.route('POST', '/__control/reset', (_req, res) => {
		targets.reset();
		res.json(200, { reset: true });
	});
}
