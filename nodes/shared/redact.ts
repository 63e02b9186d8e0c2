/**
 * Redaction of credentials in everything built from an API's answer. An answer may echo a secret
 * in any of the forms it was sent in: raw, inside a JSON string, URL-encoded (query strings,
 * encodeURIComponent), form-encoded ('+' for spaces) or base64 (HTTP Basic auth of id:secret).
 */

const MIN_SECRET_LENGTH = 4;

function base64(text: string) {
	return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Every form in which `secret` may come back, longest first: raw or inside JSON strings (up to
 * three quotings: a request body embedded as a string in an error, embedded again), each of them
 * as it is, URL-encoded, form-encoded or in base64.
 */
export function secretForms(secret: string): string[] {
	const escaped = (text: string) => JSON.stringify(text).slice(1, -1);
	const quoted = [secret, escaped(secret), escaped(escaped(secret)), escaped(escaped(escaped(secret)))];
	const forms = new Set<string>();
	for (const text of quoted) {
		forms.add(text);
		forms.add(encodeURIComponent(text));
		forms.add(encodeURI(text));
		forms.add(new URLSearchParams({ s: text }).toString().slice(2));
		forms.add(base64(text));
		forms.add(base64(text).replace(/=+$/, ''));
		forms.add(Buffer.from(text, 'utf8').toString('base64url'));
	}
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The secrets a request is sent with. HTTP Basic pairs are added as `id:secret`, whose base64 form
 * is what travels in the Authorization header.
 */
export class Secrets {
	private readonly values = new Set<string>();

	add(...values: unknown[]): this {
		for (const value of values) {
			if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
		}
		return this;
	}

	/** An HTTP Basic `user:password` pair: its base64 form is what an echo of the header shows. */
	addBasicPair(user: unknown, password: unknown): this {
		if (typeof password === 'string' && password !== '') this.add(password, `${String(user ?? '')}:${password}`);
		return this;
	}

	list(): string[] {
		return [...this.values];
	}
}

function formsOf(secrets: Iterable<string | undefined>): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret && secret.length >= MIN_SECRET_LENGTH) for (const form of secretForms(secret)) forms.add(form);
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

function redactWithForms(text: string, forms: string[]): string {
	let result = text;
	for (const form of forms) if (result.includes(form)) result = result.split(form).join('***');
	return result;
}

/**
 * A function that removes every form of the given secrets from a text, the forms worked out once:
 * for redacting many texts with the same secrets.
 */
export function redactor(secrets: Iterable<string | undefined> | Secrets): (text: string) => string {
	const forms = formsOf(secrets instanceof Secrets ? secrets.list() : secrets);
	return (text) => redactWithForms(text, forms);
}

/** Removes every form of the given secrets from a text. */
export function redact(text: string, secrets: Iterable<string | undefined> | Secrets): string {
	return redactor(secrets)(text);
}

/**
 * A copy of a value (object, list or text, nested) without any form of the given secrets, in
 * keys or values. Walks the value rather than its JSON text, so that an escape JSON adds cannot
 * hide a secret and a redaction cannot break the structure.
 */
export function redactValue<T>(value: T, secrets: Iterable<string | undefined> | Secrets): T {
	const forms = formsOf(secrets instanceof Secrets ? secrets.list() : secrets);
	if (forms.length === 0) return value;
	const seen = new WeakSet<object>();
	const walk = (entry: unknown, depth: number): unknown => {
		if (typeof entry === 'string') return redactWithForms(entry, forms);
		if (Buffer.isBuffer(entry)) return redactWithForms(entry.toString('utf8'), forms);
		if (entry === null || typeof entry !== 'object' || depth > 32) return entry;
		if (seen.has(entry)) return '[circular]';
		seen.add(entry);
		if (Array.isArray(entry)) return entry.map((item) => walk(item, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(entry)) copy[redactWithForms(key, forms)] = walk(item, depth + 1);
		return copy;
	};
	return walk(value, 0) as T;
}
