/** POST /oauth/access_token (client credentials) and the unauthenticated GET /api/version. */
import { HttpError } from '../../common/server';
import type { TflowContext } from './context';

export const INVALID_CLIENT = { error: 'invalid_client', error_description: 'Client authentication failed' };

export function registerAuthRoutes(ctx: TflowContext) {
	ctx.server.route('POST', '/oauth/access_token', (req, res) => {
		ctx.tokens.requests++;
		const { grant_type: grantType, client_id: clientId, client_secret: clientSecret } = req.input;
		if (grantType !== 'client_credentials' || clientId !== ctx.clientId || clientSecret !== ctx.clientSecret) {
			throw new HttpError(401, INVALID_CLIENT);
		}
		res.json(200, ctx.tokens.issue());
	});

	ctx.server.route('GET', '/api/version', (_req, res) => res.json(200, { version: ctx.config.apiVersion, branch: ctx.config.apiBranch }));
}
