/**
 * tFLOW workflows as data. The real state table is not public (print-apis.md §1.5-1.7), so each
 * workflow is a list of transitions between named states; the emulator engine only reads these tables.
 *
 * `preflight` is the state a job is in while its product's preflight runs. The emulator finishes the
 * preflight at once with the system transition of the configured outcome, and takes `automatic`
 * system transitions as soon as a job enters their `from` state (e.g. auto release after approval).
 */
export const PREFLIGHT = 'preflight';

/** `user`: listed by allowedTransitions; `upload`: a user transition that needs an `artwork` file; `system`: never listed. */
export type TransitionKind = 'user' | 'upload' | 'system';

export interface TransitionDefinition {
	name: string;
	from: readonly string[];
	to: string;
	kind: TransitionKind;
	/** Taken by the workflow itself when a job enters a `from` state. */
	automatic?: boolean;
}

export interface WorkflowDefinition {
	id: number;
	name: string;
	initialState: string;
	/** A job in one of these states is complete (`job.complete`; `order.complete` when all jobs are). */
	terminalStates: readonly string[];
	/** System transition that ends a preflight, by outcome. */
	preflightTransitions: { ok: string; error: string };
	transitions: readonly TransitionDefinition[];
}

const user = (name: string, from: string[], to: string): TransitionDefinition => ({ name, from, to, kind: 'user' });
const upload = (name: string, from: string[], to: string): TransitionDefinition => ({ name, from, to, kind: 'upload' });
const system = (name: string, from: string[], to: string, automatic = false): TransitionDefinition => ({
	name,
	from,
	to,
	kind: 'system',
	automatic,
});

/** Workflow 2, "default": one-step approval, manual send to production. */
const defaultTransitions: TransitionDefinition[] = [
	upload('upload_first_revision', ['to_upload_first'], PREFLIGHT),
	user('reject_from_upload_first', ['to_upload_first'], 'rejected'),
	system('checks_ok', [PREFLIGHT], 'to_review'),
	system('place_on_hold', [PREFLIGHT], 'on_hold'),
	user('approve', ['to_review'], 'approved'),
	user('reject', ['to_review'], 'to_upload_again'),
	user('close_to_rejected', ['to_review'], 'rejected'),
	system('repreflight_from_to_review', ['to_review'], PREFLIGHT),
	user('accept', ['on_hold'], 'approved'),
	user('reject_from_on_hold', ['on_hold'], 'rejected'),
	system('repreflight_from_on_hold', ['on_hold'], PREFLIGHT),
	upload('upload_next_revision', ['to_upload_again'], PREFLIGHT),
	user('reject_from_upload_again', ['to_upload_again'], 'rejected'),
	user('release', ['approved'], 'released'),
	user('reject_from_approved', ['approved'], 'rejected'),
	user('undo_approve', ['approved'], 'to_review'),
	user('re_release_from_released', ['released'], 'released'),
];

const preflightTransitions = { ok: 'checks_ok', error: 'place_on_hold' };

export const WORKFLOWS: Record<number, WorkflowDefinition> = {
	2: {
		id: 2,
		name: 'Default',
		initialState: 'to_upload_first',
		terminalStates: ['rejected', 'released'],
		preflightTransitions,
		transitions: defaultTransitions,
	},
	4: {
		id: 4,
		name: 'Automated release',
		initialState: 'to_upload_first',
		terminalStates: ['rejected', 'released'],
		preflightTransitions,
		// An approved job goes to production at once, so nobody acts on it in the approved state.
		transitions: [
			...defaultTransitions.filter((transition) => !transition.from.includes('approved')),
			system('auto_release', ['approved'], 'released', true),
		],
	},
	5: {
		id: 5,
		name: 'No release',
		initialState: 'to_upload_first',
		terminalStates: ['rejected', 'approved'],
		preflightTransitions,
		transitions: defaultTransitions.filter(
			(transition) => transition.name !== 'release' && transition.name !== 're_release_from_released',
		),
	},
	30: {
		id: 30,
		name: 'No approval',
		initialState: 'to_upload_first',
		terminalStates: ['rejected', 'released'],
		preflightTransitions,
		transitions: [
			upload('upload_first_revision', ['to_upload_first'], PREFLIGHT),
			user('reject_from_upload_first', ['to_upload_first'], 'rejected'),
			system('checks_ok', [PREFLIGHT], 'approved'),
			system('place_on_hold', [PREFLIGHT], 'on_hold'),
			user('accept', ['on_hold'], 'approved'),
			user('reject_from_on_hold', ['on_hold'], 'rejected'),
			system('repreflight_from_on_hold', ['on_hold'], PREFLIGHT),
			user('release', ['approved'], 'released'),
			user('reject_from_approved', ['approved'], 'rejected'),
			user('re_release_from_released', ['released'], 'released'),
		],
	},
};

export function workflowById(id: number): WorkflowDefinition {
	const workflow = WORKFLOWS[id];
	if (!workflow) throw new Error(`Unknown tFLOW workflow ${id}`);
	return workflow;
}

/** Transitions a user may execute in a state, in table order (what allowedTransitions answers). */
export function userTransitions(workflow: WorkflowDefinition, state: string): TransitionDefinition[] {
	return workflow.transitions.filter((transition) => transition.kind !== 'system' && transition.from.includes(state));
}

/** The system transition the workflow takes by itself in a state, if any. */
export function automaticTransition(
	workflow: WorkflowDefinition,
	state: string,
	preflightOutcome: 'ok' | 'error',
): TransitionDefinition | undefined {
	const name = state === PREFLIGHT ? workflow.preflightTransitions[preflightOutcome] : undefined;
	return workflow.transitions.find(
		(transition) =>
			transition.kind === 'system' &&
			transition.from.includes(state) &&
			(name ? transition.name === name : transition.automatic === true),
	);
}

/** The system transition that starts a new preflight from a state (POST /job/{id}/repreflight). */
export function repreflightTransition(workflow: WorkflowDefinition, state: string): TransitionDefinition | undefined {
	return workflow.transitions.find(
		(transition) => transition.kind === 'system' && transition.to === PREFLIGHT && transition.from.includes(state),
	);
}

/** The events the tFLOW API document lists. */
export const ENTITY_EVENTS: readonly string[] = [
	'client.create',
	'client.delete',
	'client.update',
	'comment.create',
	'comment.delete',
	'comment.edit',
	'job.clear_rush',
	'job.complete',
	'job.create',
	'job.delete',
	'job.request_rush',
	'job.undo_rush',
	'job.update',
	'order.complete',
	'order.create',
	'order.delete',
	'order.update',
	'revision.create',
	'revision.create_proof',
	'revision.delete',
	'revision.upload_proof',
	'user.create',
	'user.delete',
	'user.update',
];

/**
 * Whether tFLOW could publish an event of this name: a documented entity event or `job.<transition>`.
 * Any transition name is accepted, since real workflows have transitions this emulator does not model
 * (two-step approval, undo_accept, request_new_revision, …).
 */
export function isKnownEvent(name: string) {
	return ENTITY_EVENTS.includes(name) || /^job\.[a-z][a-z0-9_]*$/.test(name);
}
