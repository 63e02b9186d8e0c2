/**
 * tFLOW job transitions: which ones upload artwork, the labels of their buttons in the tFLOW UI,
 * and what a job allows now.
 */
import type { TflowContext } from '../transport';
import { tflowRequest } from '../transport';

/** Transitions that upload a new artwork revision; they need a file. */
export const UPLOAD_TRANSITIONS = ['upload_first_revision', 'upload_next_revision'];

/** Button labels in the tFLOW UI (the API only knows the names). */
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

/** Every transition a user can execute in one of tFLOW's workflows (the system ones run by themselves). */
export const USER_TRANSITIONS: readonly string[] = Object.keys(TRANSITION_LABELS);

export function transitionLabel(name: string): string {
	return TRANSITION_LABELS[name] ?? name;
}

/** The job's allowed transition names: user-visible ones, depending on state, workflow and permissions. */
export async function allowedTransitions(this: TflowContext, jobId: number | string, itemIndex?: number): Promise<string[]> {
	const names: unknown = await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}/allowedTransitions`, itemIndex });
	return Array.isArray(names) ? names.map(String) : [];
}
