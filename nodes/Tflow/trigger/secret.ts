import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { redactor } from '../../shared/http';
import { withoutUrlSecret } from '../helpers/webhookUrls';

/** The query parameter of the webhook URL that carries the secret. */
export const SECRET_PARAMETER = 'secret';

/** Characters a secret typed by hand may use: they need no URL encoding. */
export const MANUAL_SECRET_PATTERN = /^[A-Za-z0-9._~-]{16,}$/;

export function generateSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Compares a received secret with an expected one in constant time. Both are hashed first so that
 * neither the content nor the length of the expected secret shows in the timing.
 */
export function secretsMatch(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || received === '' || expected === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}

/** The URL tFLOW calls: n8n's webhook URL with the secret as a query parameter. */
export function urlWithSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SECRET_PARAMETER, secret);
	return url.toString();
}

/**
 * Splits a registered URL into the URL without its secret (to compare it with n8n's webhook URL)
 * and the secret. Unparseable URLs come back unchanged and without a secret.
 */
export function splitSecret(registeredUrl: string): { url: string; secret?: string } {
	let url: URL;
	try {
		url = new URL(registeredUrl.trim());
	} catch {
		return { url: registeredUrl };
	}
	const secret = url.searchParams.get(SECRET_PARAMETER) ?? undefined;
	url.searchParams.delete(SECRET_PARAMETER);
	url.hash = '';
	return { url: url.toString().replace(/\?$/, ''), secret: secret || undefined };
}

/** n8n's webhook URL in the same normal form as splitSecret's. */
export function normalizeWebhookUrl(webhookUrl: string): string {
	return splitSecret(webhookUrl).url;
}


/** A value's strings with the secrets (and any URL's `secret` parameter) taken out, objects walked. */
function hideIn(value: unknown, redact: (text: string) => string, seen: Set<object>): unknown {
	if (typeof value === 'string') return withoutUrlSecret(redact(value));
	if (!value || typeof value !== 'object' || seen.has(value)) return value;
	seen.add(value);
	const target = value as Record<string, unknown>;
	// `node` is the workflow's own node, not a copy: it holds no answer of tFLOW's and stays untouched.
	for (const key of Object.keys(target)) if (key !== 'node') target[key] = hideIn(target[key], redact, seen);
	return value;
}

/**
 * An error of a request that carried the trigger's secrets (a registration), without them: tFLOW
 * or a gateway may echo the request (its URL or body) in an answer that becomes the error.
 */
export function withoutSecrets<T>(error: T, secrets: string[]): T {
	// Every form an echo may carry (raw, URL-encoded, JSON-escaped, …), worked out once for the walk.
	const redact = redactor(secrets);
	if (error instanceof Error) {
		error.message = hideIn(error.message, redact, new Set()) as string;
		if (error.stack) error.stack = hideIn(error.stack, redact, new Set()) as string;
	}
	return hideIn(error, redact, new Set()) as T;
}
