/** What every tFLOW route needs, and the wrapper that guards `/api/v2` routes with the Bearer token. */
import { rmSync } from 'node:fs';

import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from '../../common/server';
import { HttpError } from '../../common/server';
import type { TflowConfig } from '../config';
import type { TflowState } from '../state';
import type { TokenStore } from '../tokens';
import { bearerToken } from '../tokens';
import type { WebhookDispatcher } from '../webhooks';

export interface TflowContext {
	server: EmulatorServer;
	state: TflowState;
	config: TflowConfig;
	tokens: TokenStore;
	webhooks: WebhookDispatcher;
	clientId: string;
	clientSecret: string;
	seed: boolean;
}

export const ACCESS_DENIED = { error: 'access_denied', message: 'The access token is missing, invalid or expired' };

/** A handler's return value is answered as JSON 200; handlers that stream answer themselves and return nothing. */
export type ApiHandler = (req: EmulatorRequest, res: EmulatorResponse) => unknown | Promise<unknown>;

/** Registers `/api/v2<path>`: refused with 401 unless the Authorization header carries a live token. */
export function apiRoute(ctx: TflowContext, method: string, path: string, handler: ApiHandler) {
	ctx.server.route(method, `/api/v2${path}`, async (req, res) => {
		try {
			// The body (even a large upload) has been read by now and is discarded on refusal.
			if (!ctx.tokens.use(bearerToken(req.headers.authorization))) {
				throw new HttpError(401, ACCESS_DENIED, { 'WWW-Authenticate': 'Bearer' });
			}
			const result = await handler(req, res);
			if (result !== undefined) res.json(200, result);
		} finally {
			// Uploads that did not become a revision's original (refused, or not an artwork part) are deleted.
			for (const file of req.files) if (!ctx.state.isRevisionFile(file.path)) rmSync(file.path, { force: true });
		}
	});
}
