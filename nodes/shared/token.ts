import type { IDataObject } from 'n8n-workflow';
import { ExecutionBaseError } from 'n8n-workflow';

/**
 * A failed token request, thrown by a credential's token client (also inside n8n's
 * preAuthentication, which wraps it in a NodeApiError that keeps its message and context). The
 * context says the failure happened at the token, so the request it was for was never sent, and
 * keeps only the token endpoint's answer (never the request, which holds the secrets).
 */
export class TokenRequestError extends ExecutionBaseError {
	/**
	 * Set with `asHttpError`: n8n then reads the status (and asks for a token once more after a 401).
	 * n8n's credential test shows `statusText` for a failed status, so it carries the message.
	 */
	readonly response?: { status: number; statusText: string; data: unknown };

	/** `diagnosis`: what the node found out about the server besides (e.g. which tFLOW version answers there). */
	constructor(message: string, status: number | undefined, body: unknown, options: { asHttpError?: boolean; code?: string; diagnosis?: string } = {}) {
		super(message, {});
		this.context = { tokenRequestFailed: true, tokenAnswer: { status, body, code: options.code, diagnosis: options.diagnosis } as IDataObject };
		if (options.asHttpError && status !== undefined) this.response = { status, statusText: message, data: body };
	}
}

/** The token endpoint's answer when `error` (or the NodeApiError n8n wrapped it in) is a failed token request. */
export function tokenFailure(error: unknown): { status?: number; body?: unknown; code?: string; diagnosis?: string; message: string } | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	if (context?.tokenRequestFailed !== true) return undefined;
	const answer = (context.tokenAnswer ?? {}) as { status?: number; body?: unknown; code?: string; diagnosis?: string };
	return { status: answer.status, body: answer.body, code: answer.code, diagnosis: answer.diagnosis, message: (error as Error).message };
}
