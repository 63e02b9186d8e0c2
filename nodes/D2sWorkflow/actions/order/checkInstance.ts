/**
 * Order → Check Instance: what can be checked about a D2S lab without placing an order, one item per
 * assumption, `{check, ok, seen, expected, hint}` (docs/assumptions.md lists them). The API has one
 * operation, put-order, and no read: the check sends the put-order the credential's Test sends, which
 * the document makes invalid (no units, no order reference, no user), so the lab refuses it and
 * creates nothing. A failed call becomes rows with ok=false and the lab's message, never an error.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CheckRow } from '../../../shared/checkRow';
import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { D2S_CREDENTIAL, d2sRequest } from '../../transport';

const properties: INodeProperties[] = [];

// A read, like the other nodes' reads: it offers Options › Concurrency (the dispatcher's rule).
export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['checkInstance'] } }, withConcurrencyOption(properties));

/** The lab answers at once: nothing is downloaded for an order it refuses. */
const TIMEOUT_MS = 30_000;

/** A put-order the document makes invalid three times over: it can never become an order. */
export const INVALID_PUT_ORDER: IDataObject = { type: 'models-by-widget', units: [] };

const NO_READ =
	'D2S has no read operation; the check sends a put-order without units, order reference or user, which the document makes invalid, so no order is created.';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<CheckRow[]> {
	// A missing credential stops the node: there is nothing to check without it.
	await this.getCredentials(D2S_CREDENTIAL, itemIndex);
	let answer: { status?: number; type?: string; problems?: unknown; message: string };
	try {
		const body = await d2sRequest.call(this, { op: 'put-order', fields: INVALID_PUT_ORDER, itemIndex, timeoutMs: TIMEOUT_MS });
		// A 2xx to this body would mean the lab accepts what its document forbids; reported, not thrown.
		answer = { status: 200, message: `HTTP 2xx: ${JSON.stringify(body).slice(0, 300)}` };
	} catch (error) {
		const failure = error as Error & { httpCode?: string | null; context?: IDataObject };
		const details = (failure.context?.details ?? {}) as IDataObject;
		const status = Number(failure.httpCode) || undefined;
		answer = { status, type: typeof details.type === 'string' ? details.type : undefined, problems: details.problems, message: failure.message };
	}
	const { status, type } = answer;
	const answered = status !== undefined;
	const labKnown = answered && status !== 404;
	const seenAnswer = `${answered ? `HTTP ${status}` : 'no answer'}${type ? ` type ${type}` : ''}: ${answer.message}`;
	const secretAccepted = status === 400 && type !== undefined;

	return [
		{
			check: 'lab',
			ok: labKnown && status !== undefined && status < 500,
			seen: seenAnswer,
			expected: 'POST {Base URL}/{Lab ID} is answered by the D2S Workflow API (not 404, not a connection failure)',
			hint: !answered
				? 'Nothing answered: check the Base URL (it ends with /api/v1) and that the service is up.'
				: status === 404
					? 'D2S does not know this lab: check the Lab ID and the Base URL.'
					: status !== undefined && status >= 500
						? 'D2S answered with a server error: report it to D2S with this row.'
						: 'The lab answers at this address.',
		},
		{
			check: 'secret',
			ok: !labKnown ? null : status === 401 ? false : secretAccepted,
			seen: `${seenAnswer}. ${NO_READ}`,
			expected: 'a right secret gets the order refused as 400 invalid-by-spec; a wrong one 401',
			hint: !labKnown
				? 'Not checked: the lab must answer first.'
				: status === 401
					? 'D2S refused the secret: check the Secret in the credential.'
					: secretAccepted
						? 'The secret was accepted. Assumed, as the document does not say: the lab checks the secret before the order\'s data (a lab that checks the data first would answer a wrong secret the same way).'
						: 'An answer the document does not list for this request: send this row.',
		},
		{
			check: 'error answers',
			ok: !labKnown || status === 401 ? null : type === 'invalid-by-spec' && answer.problems !== undefined && answer.problems !== null,
			seen: type
				? `type ${type}${answer.problems !== undefined && answer.problems !== null ? `, problems ${JSON.stringify(answer.problems).slice(0, 300)}` : ', without problems'}`
				: seenAnswer,
			expected: '400 {message, type: "invalid-by-spec", problems}; the node reads the type, never the message',
			hint: type === 'invalid-by-spec'
				? 'Refused orders are explained from type and problems (and url, id for download-error, wrong-base-id).'
				: 'Not checked: no 400 answer with a type.',
		},
		{
			check: 'order placement',
			ok: null,
			seen: 'not checked: only a real order shows the success answer {message, order-num}, the image downloads and the base and slot names',
			expected: '200 {message, "order-num"} after the lab downloaded every image',
			hint: 'The check never places an order. Place a test order the lab agrees to, with Order → Place Order, to check these.',
		},
	];
}
