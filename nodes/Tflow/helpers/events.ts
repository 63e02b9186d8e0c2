/**
 * tFLOW's vocabulary: the user-visible transitions (labels as in the tFLOW UI) and the webhook
 * event names (the API document's list plus `job.<transition>`).
 */

/** Transitions that upload a new artwork revision; they need a file. */
export const UPLOAD_TRANSITIONS = ['upload_first_revision', 'upload_next_revision'];

export const TRANSITION_LABELS: Record<string, string> = {
	accept: 'Approve (from On Hold)',
	accept_step_1: 'Accept (step 1)',
	accept_step_2: 'Approve (step 2)',
	approve: 'Approve',
	approve_step_1: 'Approve (step 1)',
	approve_step_2: 'Approve (step 2)',
	cancel_from_on_hold_step_1: 'New Revision (from On Hold, step 1)',
	close_to_rejected: 'Cancel',
	re_release_from_released: 'Send Again',
	reject: 'Request New Revision',
	reject_from_approved: 'Cancel (from Approved)',
	reject_from_approved_step_1: 'Cancel (from Approved Internal)',
	reject_from_on_hold: 'Cancel (from On Hold)',
	reject_from_on_hold_step_1: 'Cancel (from On Hold, step 1)',
	reject_from_upload_again: 'Cancel (waiting for new revision)',
	reject_from_upload_first: 'Cancel (waiting for first revision)',
	release: 'Send to Production',
	request_new_revision: 'Request New Revision',
	undo_accept: 'Undo Approve (from On Hold)',
	undo_approve: 'Undo Approve',
	upload_first_revision: 'Upload First Revision',
	upload_next_revision: 'Upload Next Revision',
};

export function transitionLabel(name: string): string {
	return TRANSITION_LABELS[name] ?? name;
}

export const ENTITY_EVENTS: Array<{ name: string; description: string }> = [
	{ name: 'client.create', description: 'A client has been created' },
	{ name: 'client.delete', description: 'A client has been deleted' },
	{ name: 'client.update', description: 'A client has been edited' },
	{ name: 'comment.create', description: 'A comment has been created' },
	{ name: 'comment.delete', description: 'A comment has been deleted' },
	{ name: 'comment.edit', description: 'A comment has been edited' },
	{ name: 'job.clear_rush', description: 'RUSH status has been cleared for a job' },
	{ name: 'job.complete', description: 'A job has moved to a terminal state of its workflow' },
	{ name: 'job.create', description: 'A job has been created' },
	{ name: 'job.delete', description: 'A job has been deleted' },
	{ name: 'job.request_rush', description: 'RUSH status has been requested for a job' },
	{ name: 'job.undo_rush', description: 'A RUSH request has been undone' },
	{ name: 'job.update', description: 'A job has been edited' },
	{ name: 'order.complete', description: 'All jobs of an order have moved to a terminal state' },
	{ name: 'order.create', description: 'An order has been created' },
	{ name: 'order.delete', description: 'An order has been deleted' },
	{ name: 'order.update', description: 'An order has been edited' },
	{ name: 'revision.create', description: 'A revision has been created' },
	{ name: 'revision.create_proof', description: 'A proof has been created for a revision' },
	{ name: 'revision.delete', description: 'A revision has been deleted' },
	{ name: 'revision.upload_proof', description: 'A proof has been uploaded for a revision' },
	{ name: 'user.create', description: 'A user has been created' },
	{ name: 'user.delete', description: 'A user has been deleted' },
	{ name: 'user.update', description: 'A user has been edited' },
];

/** Every event a webhook can subscribe to: entity events and `job.<transition>`, sorted by name. */
export const WEBHOOK_EVENTS: Array<{ name: string; description: string }> = [
	...ENTITY_EVENTS,
	...Object.keys(TRANSITION_LABELS).map((transition) => ({
		name: `job.${transition}`,
		description: `The "${transitionLabel(transition)}" transition has been executed on a job`,
	})),
].sort((a, b) => a.name.localeCompare(b.name));
