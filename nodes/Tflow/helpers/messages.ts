/** How tFLOW words its error answers, read without I/O by the transport and the credential. */

/** tFLOW's `{error, messages: {field: [text, ...]}}` as "field: text; field: text". */
export function formatTflowMessages(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : undefined;
	const { messages, message, error, error_description: errorDescription } = body as {
		messages?: unknown;
		message?: unknown;
		error?: unknown;
		error_description?: unknown;
	};
	const parts: string[] = [];
	if (messages && typeof messages === 'object') {
		for (const [field, texts] of Object.entries(messages as Record<string, unknown>)) {
			const list = Array.isArray(texts) ? texts : [texts];
			for (const text of list) parts.push(/^\d+$/.test(field) ? String(text) : `${field}: ${String(text)}`);
		}
	} else if (typeof messages === 'string' && messages.trim()) {
		parts.push(messages.trim());
	}
	if (parts.length === 0 && typeof message === 'string') parts.push(message);
	if (parts.length === 0 && typeof errorDescription === 'string') parts.push(errorDescription);
	if (parts.length === 0 && typeof error === 'string') parts.push(error);
	return parts.length ? parts.join('; ') : undefined;
}
