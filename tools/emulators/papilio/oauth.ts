/**
 * papilio's OAuth 2 endpoints: authorization code (auto-approved as a configured user), user
 * credentials, and a separate refresh endpoint that issues no new refresh token. Every token
 * endpoint requires HTTP Basic auth with the client id and secret.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse, EmulatorServer } from '../common/server';
import { papilioError } from './errors';
import type { PapilioConfig } from './config';
import type { PapilioState, PapilioUser } from './state';

interface AccessToken {
	userId: number;
	issuedAt: number;
	uses: number;
	expired: boolean;
}

interface RefreshToken {
	userId: number;
	issuedAt: number;
	expired: boolean;
}

interface AuthorizationCode {
	userId: number;
	issuedAt: number;
	redirectUri?: string;
	used: boolean;
}

export interface TokenRequestCounts {
	user: number;
	access: number;
	refresh: number;
}

const newToken = () => randomBytes(20).toString('hex');

export class TokenStore {
	readonly accessTokens = new Map<string, AccessToken>();

	readonly refreshTokens = new Map<string, RefreshToken>();

	readonly codes = new Map<string, AuthorizationCode>();

	readonly requests: TokenRequestCounts = { user: 0, access: 0, refresh: 0 };

	constructor(private readonly config: PapilioConfig) {}

	clear() {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		Object.assign(this.requests, { user: 0, access: 0, refresh: 0 });
	}

	expireAccessTokens() {
		for (const token of this.accessTokens.values()) token.expired = true;
	}

	expireRefreshTokens() {
		for (const token of this.refreshTokens.values()) token.expired = true;
	}

	issue(userId: number, withRefreshToken: boolean) {
		const accessToken = newToken();
		this.accessTokens.set(accessToken, { userId, issuedAt: Date.now(), uses: 0, expired: false });
		const answer: Record<string, unknown> = {
			access_token: accessToken,
			expires_in: this.config.accessTokenLifetimeSeconds,
			token_type: 'Bearer',
		};
		if (withRefreshToken) {
			const refreshToken = newToken();
			this.refreshTokens.set(refreshToken, { userId, issuedAt: Date.now(), expired: false });
			answer.refresh_token = refreshToken;
		}
		return answer;
	}

	issueCode(userId: number, redirectUri: string | undefined) {
		const code = newToken();
		this.codes.set(code, { userId, issuedAt: Date.now(), redirectUri, used: false });
		return code;
	}

	/** The user id of a valid access token, counting this use; undefined when unknown or expired. */
	useAccessToken(token: string): number | undefined {
		const record = this.accessTokens.get(token);
		if (!record || record.expired || isOlderThan(record.issuedAt, this.config.accessTokenLifetimeSeconds)) return undefined;
		record.uses += 1;
		const maxUses = this.config.accessTokenMaxUses;
		if (maxUses && record.uses > maxUses) {
			record.expired = true;
			return undefined;
		}
		return record.userId;
	}

	refreshTokenUser(token: string): number | undefined {
		const record = this.refreshTokens.get(token);
		if (!record || record.expired || isOlderThan(record.issuedAt, this.config.refreshTokenLifetimeSeconds)) return undefined;
		return record.userId;
	}
}

function isOlderThan(issuedAt: number, lifetimeSeconds: number) {
	return Date.now() - issuedAt >= lifetimeSeconds * 1000;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function requireClient(req: EmulatorRequest, config: PapilioConfig) {
	const header = String(req.headers.authorization ?? '');
	const match = /^Basic\s+(\S+)$/i.exec(header);
	if (!match) throw papilioError('invalid_client', 'Client credentials are required as HTTP Basic auth');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	const clientId = decoded.slice(0, separator);
	const clientSecret = decoded.slice(separator + 1);
	// RFC 6749 form-encodes both parts before Base64; clients that don't are accepted too.
	const matches = (raw: string, expected: string) => raw === expected || safeDecode(raw) === expected;
	if (separator === -1 || !matches(clientId, config.clientId) || !matches(clientSecret, config.clientSecret)) {
		throw papilioError('invalid_client', 'The client credentials are invalid');
	}
}

function safeDecode(value: string) {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return value;
	}
}

/** Whether the client may act for this user (papilio clients can be restricted to users). */
function clientAllows(user: PapilioUser, config: PapilioConfig) {
	return user.active && (!config.clientUsers || config.clientUsers.includes(user.username));
}

export function requireHttps(req: EmulatorRequest, config: PapilioConfig) {
	if (config.requireSsl && req.headers['x-forwarded-proto'] !== 'https') {
		throw papilioError('forbidden', 'SSL is required');
	}
}

export function registerOAuthRoutes(
	server: EmulatorServer,
	config: PapilioConfig,
	state: PapilioState,
	tokens: TokenStore,
) {
	const tokenAnswer = (res: EmulatorResponse, body: unknown) => {
		res.header('Cache-Control', 'no-store');
		res.json(200, body);
	};

	server.route('GET', '/oauth/authorize', (req, res) => {
		requireHttps(req, config);
		const clientId = text(req.query.client_id);
		if (clientId !== config.clientId) throw papilioError('invalid_client', 'Unknown client_id');
		const requested = text(req.query.redirect_uri);
		if (requested && config.redirectUris.length > 0 && !config.redirectUris.includes(requested)) {
			throw papilioError('invalid_uri', 'The redirect URI is not registered for this client');
		}
		const redirectUri = requested ?? config.redirectUris[0];
		if (!redirectUri) throw papilioError('invalid_uri', 'The client has no redirect URI');
		const responseType = text(req.query.response_type);
		if (responseType && responseType !== 'code') {
			throw papilioError('invalid_request', 'response_type must be "code"');
		}
		const target = new URL(redirectUri);
		const user = state.users.find((candidate) => candidate.username === config.authorizeAs);
		if (config.denyAuthorization || !user || !clientAllows(user, config)) {
			target.searchParams.set('error', 'access_denied');
			target.searchParams.set('error_description', 'The user denied access to your application');
		} else {
			target.searchParams.set('code', tokens.issueCode(user.id, requested));
		}
		const stateParam = text(req.query.state);
		if (stateParam !== undefined) target.searchParams.set('state', stateParam);
		res.header('Location', target.toString());
		res.text(302, `Redirecting to ${target.toString()}`);
	});

	server.route('POST', '/oauth/token/user', (req, res) => {
		tokens.requests.user += 1;
		requireHttps(req, config);
		requireClient(req, config);
		const username = text(req.input.username);
		const password = text(req.input.password);
		if (!username || !password) throw papilioError('invalid_request', 'username and password are required');
		const user = state.users.find((candidate) => candidate.username === username);
		if (!user || user.password !== password || !clientAllows(user, config)) {
			throw papilioError('invalid_user', 'The user credentials are invalid or the account may not use this client');
		}
		tokenAnswer(res, tokens.issue(user.id, true));
	});

	server.route('POST', '/oauth/token/access', (req, res) => {
		tokens.requests.access += 1;
		requireHttps(req, config);
		requireClient(req, config);
		const grantType = text(req.input.grant_type);
		if (grantType === 'refresh_token') {
			throw papilioError('invalid_request', 'Refresh tokens are exchanged at /oauth/token/refresh; use /oauth/token/refresh');
		}
		if (grantType && grantType !== 'authorization_code') {
			throw papilioError('invalid_request', 'grant_type must be authorization_code');
		}
		const code = text(req.input.code);
		if (!code) throw papilioError('invalid_request', 'code is required');
		const record = tokens.codes.get(code);
		const redirectUri = text(req.input.redirect_uri);
		if (
			!record ||
			record.used ||
			isOlderThan(record.issuedAt, config.authCodeLifetimeSeconds) ||
			(redirectUri !== undefined && record.redirectUri !== undefined && redirectUri !== record.redirectUri)
		) {
			throw papilioError('invalid_grant', 'The authorization code is invalid or has expired');
		}
		record.used = true;
		tokenAnswer(res, tokens.issue(record.userId, true));
	});

	server.route('POST', '/oauth/token/refresh', (req, res) => {
		tokens.requests.refresh += 1;
		requireHttps(req, config);
		requireClient(req, config);
		const grantType = text(req.input.grant_type);
		if (grantType && grantType !== 'refresh_token') {
			throw papilioError('invalid_request', 'grant_type must be refresh_token');
		}
		const refreshToken = text(req.input.refresh_token);
		if (!refreshToken) throw papilioError('invalid_request', 'refresh_token is required');
		const userId = tokens.refreshTokenUser(refreshToken);
		if (userId === undefined) throw papilioError('invalid_grant', 'The refresh token is invalid or has expired');
		// As documented: a new access token, the refresh token stays the same.
		tokenAnswer(res, tokens.issue(userId, false));
	});
}
