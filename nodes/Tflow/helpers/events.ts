import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * tFLOW's webhook events. The entity events are the list in the tFLOW API document; the
 * transition events are `job.<transition>` for the transitions tFLOW's workflows are known to have
 * (tFLOW fires one event per executed transition).
 */
interface EventDefinition {
	value: string;
	name: string;
	description: string;
}

const ENTITY_EVENTS: EventDefinition[] = [
	{ value: 'client.create', name: 'Client Created', description: 'A client company was created' },
	{ value: 'client.delete', name: 'Client Deleted', description: 'A client company was deleted' },
	{ value: 'client.update', name: 'Client Updated', description: 'A client company was edited' },
	{ value: 'comment.create', name: 'Comment Created', description: 'A comment was added' },
	{ value: 'comment.delete', name: 'Comment Deleted', description: 'A comment was deleted' },
	{ value: 'comment.edit', name: 'Comment Edited', description: 'A comment was edited' },
	{ value: 'job.clear_rush', name: 'Job Rush Cleared', description: 'The RUSH status of a job was cleared' },
	{
		value: 'job.complete',
		name: 'Job Completed',
		description: 'A job reached a terminal state of its workflow (for example released or rejected)',
	},
	{ value: 'job.create', name: 'Job Created', description: 'A job was created' },
	{ value: 'job.delete', name: 'Job Deleted', description: 'A job was deleted' },
	{ value: 'job.request_rush', name: 'Job Rush Requested', description: 'RUSH status was requested for a job' },
	{ value: 'job.undo_rush', name: 'Job Rush Request Undone', description: 'A RUSH request was withdrawn' },
	{ value: 'job.update', name: 'Job Updated', description: 'A job was edited' },
	{
		value: 'order.complete',
		name: 'Order Completed',
		description: 'All jobs of an order reached a terminal state of their workflow',
	},
	{ value: 'order.create', name: 'Order Created', description: 'An order was created' },
	{ value: 'order.delete', name: 'Order Deleted', description: 'An order was deleted' },
	{ value: 'order.update', name: 'Order Updated', description: 'An order was edited' },
	{ value: 'revision.create', name: 'Revision Created', description: 'An artwork revision was created (uploaded)' },
	{ value: 'revision.create_proof', name: 'Revision Proof Created', description: 'A proof was generated for a revision' },
	{ value: 'revision.delete', name: 'Revision Deleted', description: 'A revision was deleted' },
	{ value: 'revision.upload_proof', name: 'Revision Proof Uploaded', description: 'A proof was uploaded for a revision' },
	{ value: 'user.create', name: 'User Created', description: 'A user was created' },
	{ value: 'user.delete', name: 'User Deleted', description: 'A user was deleted' },
	{ value: 'user.update', name: 'User Updated', description: 'A user was edited' },
];

/** Transition name → [readable title, what it means]. "(UI: x)" is the button label in tFLOW. */
const TRANSITIONS: Record<string, [string, string]> = {
	accept: ['Accept', 'A job that was On Hold was approved (UI: Approve)'],
	accept_step_1: ['Accept Step 1', 'Two-step approval: a job On Hold was accepted in the first (internal) step'],
	accept_step_2: ['Accept Step 2', 'Two-step approval: a job On Hold was approved in the second (final) step'],
	approve: ['Approve', 'A job Awaiting Approval was approved'],
	approve_step_1: ['Approve Step 1', 'Two-step approval: the first (internal) approval'],
	approve_step_2: ['Approve Step 2', 'Two-step approval: the second (final) approval'],
	auto_release: ['Auto Release', 'System: an approved job was sent to production automatically'],
	cancel_from_on_hold_step_1: ['Cancel From On Hold Step 1', 'Two-step approval: a new revision was requested for a job On Hold (UI: New Revision)'],
	checks_error: ['Checks Error', 'System: the preflight of a revision found errors'],
	checks_ok: ['Checks OK', 'System: the preflight of a revision passed'],
	checks_ok_and_release: ['Checks OK and Release', 'System: the preflight passed and the job was sent to production'],
	checks_ok_to_step_1: ['Checks OK to Step 1', 'System: the preflight passed; the job waits for the first approval step'],
	close_to_rejected: ['Close to Rejected', 'A job Awaiting Approval was cancelled (UI: Cancel)'],
	place_on_hold: ['Place On Hold', 'System: a job was put On Hold, for example after preflight errors'],
	place_on_hold_to_step_1: ['Place On Hold to Step 1', 'System: two-step approval, a job was put On Hold in the first step'],
	re_release_from_released: ['Re-Release', 'A released job was sent to production again (UI: Send Again)'],
	reject: ['Reject', 'A new revision was requested for a job Awaiting Approval (UI: Request New Revision)'],
	reject_from_approved: ['Reject From Approved', 'An approved job was cancelled (UI: Cancel)'],
	reject_from_approved_step_1: ['Reject From Approved Step 1', 'Two-step approval: a job approved internally was cancelled (UI: Cancel)'],
	reject_from_on_hold: ['Reject From On Hold', 'A job On Hold was cancelled (UI: Cancel)'],
	reject_from_on_hold_step_1: ['Reject From On Hold Step 1', 'Two-step approval: a job On Hold in the first step was cancelled (UI: Cancel)'],
	reject_from_upload_again: ['Reject From Upload Again', 'A job waiting for a new revision was cancelled (UI: Cancel)'],
	reject_from_upload_first: ['Reject From Upload First', 'A job waiting for its first artwork was cancelled (UI: Cancel)'],
	release: ['Release', 'An approved job was sent to a production queue (UI: Send To Production)'],
	repreflight_from_on_hold: ['Re-Preflight From On Hold', 'System: a job On Hold was preflighted again'],
	repreflight_from_to_review: ['Re-Preflight From Awaiting Approval', 'System: a job Awaiting Approval was preflighted again'],
	request_new_revision: ['Request New Revision', 'A new artwork revision was requested'],
	undo_accept: ['Undo Accept', 'An acceptance was undone'],
	undo_approve: ['Undo Approve', 'An approval was undone; the job awaits approval again'],
	upload_first_revision: ['Upload First Revision', 'The first artwork of a job was uploaded'],
	upload_next_revision: ['Upload Next Revision', 'A further artwork revision was uploaded'],
};

const TRANSITION_EVENTS: EventDefinition[] = Object.entries(TRANSITIONS).map(([transition, [title, meaning]]) => ({
	value: `job.${transition}`,
	name: `Job Transition: ${title}`,
	description: `${meaning} (event job.${transition})`,
}));

export const KNOWN_EVENTS: ReadonlySet<string> = new Set([...ENTITY_EVENTS, ...TRANSITION_EVENTS].map((event) => event.value));

/** The Events options, sorted by name as n8n lists them. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [...ENTITY_EVENTS, ...TRANSITION_EVENTS]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map(({ name, value, description }) => ({ name, value, description }));

/** `entity.action` in lower case: tFLOW's event names, e.g. `job.approve_step_1`. */
const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** An event name as tFLOW writes it: trimmed and in lower case. */
export function normalizeEventName(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim().toLowerCase();
	return text === '' ? undefined : text;
}

export function isValidEventName(name: string) {
	return EVENT_NAME.test(name);
}
