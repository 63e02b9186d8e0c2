/**
 * tFLOW's OAuth subset: client-credentials tokens with a lifetime and an optional use budget, sent
 * back only in the `Authorization: Bearer` header.
 */
import { randomBytes } from 'node:crypto';

import type { TflowConfig } from './config';

interface IssuedToken {
	expiresAt: number;
	uses: number;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newToken() {
	return [...randomBytes(40)].map((byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
}

export class TokenStore {
	/** Calls of POST /oauth/access_token, answered or refused. */
	requests = 0;

	issued = 0;

	private readonly tokens = new Map<string, IssuedToken>();

	constructor(
		private readonly config: TflowConfig,
		private readonly now: () => number,
	) {}

	issue() {
		// The emulator knows one API key, so every token issued before is that key's.
		if (this.config.oneActiveTokenPerKey) this.tokens.clear();
		const token = newToken();
		const lifetime = this.config.tokenLifetimeSeconds;
		this.tokens.set(token, { expiresAt: this.now() + lifetime * 1000, uses: 0 });
		this.issued++;
		return { access_token: token, token_type: 'Bearer', expires_in: lifetime };
	}

	/** Accepts a token for one API call, counting the use; false when missing, unknown or expired. */
	use(token: string | undefined): boolean {
		const entry = token ? this.tokens.get(token) : undefined;
		if (!entry) return false;
		const maxUses = this.config.tokenMaxUses;
		if (this.now() >= entry.expiresAt || (maxUses > 0 && entry.uses >= maxUses)) {
			this.tokens.delete(token!);
			return false;
		}
		entry.uses++;
		return true;
	}

	/** Every token issued so far stops working now. */
	expireAll() {
		this.tokens.clear();
	}

	/** Tokens that would still be accepted. */
	get active() {
		const maxUses = this.config.tokenMaxUses;
		return [...this.tokens.values()].filter(
			(entry) => this.now() < entry.expiresAt && !(maxUses > 0 && entry.uses >= maxUses),
		).length;
	}
}

/** The token of an `Authorization: Bearer …` header; tokens elsewhere (e.g. the query) don't count. */
export function bearerToken(authorization: string | string[] | undefined) {
	const header = Array.isArray(authorization) ? authorization[0] : authorization;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match?.[1];
}
