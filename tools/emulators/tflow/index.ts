/**
 * A stateful local tFLOW API (see docs/tflow-emulator.md): OAuth client-credentials tokens, orders,
 * jobs with data-driven workflows, artwork revisions and their files, companies, users, products,
 * production queues and webhooks that really deliver.
 *
 *   const tflow = createTflowEmulator({ tokenMaxUses: 3 });
 *   await tflow.start();          // http://127.0.0.1:<free port>, the credential's instanceUrl
 *   ...
 *   await tflow.flushDeliveries();
 *   await tflow.stop();
 */
import type { EmulatorOptions } from '../common/server';
import { EmulatorServer } from '../common/server';
import type { TflowConfig } from './config';
import type { TflowProfile } from './config';
import { DEFAULT_CONFIG, PROFILES, applyConfig } from './config';
import { registerAuthRoutes } from './routes/auth';
import type { TflowContext } from './routes/context';
import { fireEvent, registerControlRoutes, resetEmulator } from './routes/control';
import { registerDirectoryRoutes } from './routes/directory';
import { registerJobRoutes } from './routes/jobs';
import { registerOrderRoutes } from './routes/orders';
import { registerPropRoutes } from './routes/props';
import { registerRevisionRoutes } from './routes/revisions';
import { registerRoleRoutes } from './routes/roles';
import { registerWebhookRoutes } from './routes/webhooks';
import { TflowState } from './state';
import { TokenStore } from './tokens';
import type { EventFields } from './webhooks';
import { WebhookDispatcher } from './webhooks';

export type { TflowConfig, TflowProfile } from './config';
export { PROFILE_NAMES } from './config';
export type { Delivery, EventFields } from './webhooks';
export { API_USER_EMAIL, INSTANCE_CLIENT_ID } from './state';

export const DEMO_CLIENT_ID = 'tflow-demo-key';
export const DEMO_CLIENT_SECRET = 'tflow-demo-secret';

export interface TflowEmulatorOptions extends Partial<TflowConfig>, EmulatorOptions {
	/** The API key the token endpoint accepts. */
	clientId?: string;
	/** The Secret key the token endpoint accepts. */
	clientSecret?: string;
	/** Load the print-shop seed data (default true). */
	seed?: boolean;
	/** Clock for timestamps and token expiry (tests can move time on). */
	now?: () => number;
	/** A preset of settings (see PROFILES in config.ts); settings given beside it win. Default `kind`. */
	profile?: TflowProfile;
}

export function createTflowEmulator(options: TflowEmulatorOptions = {}) {
	const {
		clientId = DEMO_CLIENT_ID,
		clientSecret = DEMO_CLIENT_SECRET,
		seed = true,
		now = Date.now,
		latencyMs,
		verbose,
		profile = 'kind',
		...knobs
	} = options;
	if (!PROFILES[profile]) throw new Error(`Unknown tFLOW emulator profile "${profile}"; known: ${Object.keys(PROFILES).join(', ')}`);
	const config = applyConfig({ ...DEFAULT_CONFIG, ...PROFILES[profile] }, knobs);
	const server = new EmulatorServer('tflow', { latencyMs, verbose });
	const state = new TflowState(now);
	const ctx: TflowContext = {
		server,
		state,
		config,
		tokens: new TokenStore(config, now),
		webhooks: new WebhookDispatcher(state, config),
		clientId,
		clientSecret,
		seed,
	};
	registerAuthRoutes(ctx);
	registerJobRoutes(ctx);
	registerRevisionRoutes(ctx);
	registerOrderRoutes(ctx);
	registerDirectoryRoutes(ctx);
	registerWebhookRoutes(ctx);
	registerRoleRoutes(ctx);
	registerPropRoutes(ctx);
	registerControlRoutes(ctx);
	const ready = state.reset(seed);

	return {
		server,
		state,
		config,
		clientId,
		clientSecret,
		profile,
		/** The instance URL (set once started). */
		get url() {
			return server.url;
		},
		async start(port = 0, host = '127.0.0.1') {
			await ready;
			return server.start(port, host);
		},
		async stop() {
			await ctx.webhooks.flush();
			await server.stop();
		},
		/** Every token issued so far stops working now. */
		expireTokens: () => ctx.tokens.expireAll(),
		/** How often POST /oauth/access_token was called. */
		get tokenRequests() {
			return ctx.tokens.requests;
		},
		get deliveries() {
			return ctx.webhooks.deliveries;
		},
		/** Delivers an event to its subscribers now and resolves with the deliveries. */
		fire: (event: string, fields: EventFields = {}) => fireEvent(ctx, event, fields),
		/** Waits until all webhook deliveries started so far have finished. */
		flushDeliveries: () => ctx.webhooks.flush(),
		/** Changes knobs at run time (same checks as PATCH /__control/config). */
		configure: (patch: Partial<TflowConfig>) => applyConfig(config, patch),
		/** Back to the seed data; tokens, config and the request log stay. */
		reset: () => resetEmulator(ctx),
	};
}

export type TflowEmulator = ReturnType<typeof createTflowEmulator>;
