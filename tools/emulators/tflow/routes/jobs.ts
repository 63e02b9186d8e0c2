/**
 * Jobs: CRUD, the workflow engine (allowedTransitions / executeTransition, uploads that create
 * revisions, the automatic preflight), re-preflight and RUSH requests.
 */
import type { EmulatorRequest, Fields, UploadedFile } from '../../common/server';
import { InputReader, REQUIRED, containsText, definedOnly, notFound, tflowError } from '../input';
import { checkProps } from '../props';
import type { Job, Revision } from '../state';
import { jobView, revisionView } from '../state';
import type { TransitionDefinition } from '../workflows';
import { PREFLIGHT, automaticTransition, repreflightTransition, userTransitions, workflowById } from '../workflows';
import type { EventFields } from '../webhooks';
import type { TflowContext } from './context';
import { apiRoute } from './context';

const PREFLIGHT_FAILURE = {
	code: 'preflight_error',
	message: 'Preflight found 2 problems: image resolution 72 ppi is below 150 ppi; font "Brush Script" is not embedded',
};

export function findJob(ctx: TflowContext, id: string | number): Job {
	const job = /^\d+$/.test(String(id)) ? ctx.state.jobs.get(Number(id)) : undefined;
	if (!job) throw notFound('Job', id);
	return job;
}

export function jobEventFields(ctx: TflowContext, job: Job): EventFields {
	return { job_id: job.id, order_id: job.order_id, client_id: ctx.state.clientOfJob(job) };
}

/** Reads the job fields that create and update share; only fields that were sent are returned. */
function readJobFields(ctx: TflowContext, reader: InputReader, creating: boolean): Partial<Job> {
	const fields: Partial<Job> = {};
	const name = reader.string('name');
	if (name !== undefined) {
		if (name.trim() === '') reader.fail('name', 'Must not be empty');
		else fields.name = name;
	}
	for (const key of ['description', 'notes', 'kfpx'] as const) {
		const value = reader.string(key);
		if (value !== undefined) fields[key] = value;
	}
	fields.ship_date = reader.date('ship_date', creating);
	// `requireJobFields`: the Ruby client's apidoc lists priority, attach_proofs and props without
	// "(optional)", so an instance may refuse a new job without them (an update stays partial).
	const required = creating && ctx.config.requireJobFields;
	fields.priority = reader.number('priority', required);
	fields.attach_proofs = reader.boolean('attach_proofs', required);
	const productId = reader.integer('product_id');
	if (productId !== undefined) {
		if (ctx.state.products.has(productId)) fields.product_id = productId;
		else reader.fail('product_id', `Product ${productId} not found`);
	}
	fields.assignments = reader.object('assignments');
	fields.tflows = reader.queues('tflows');
	fields.props = reader.object('props');
	if (required && !reader.has('props')) reader.fail('props', REQUIRED);
	checkProps(reader, fields.props, ctx.state.propDefinitions.get('job') ?? [], ctx.config);
	return definedOnly(fields);
}

/**
 * Validates and creates a job (nothing is created when a field is wrong). `beforeCreate` adds checks
 * of its own for the order's workflow; nothing is created when they fail either.
 */
function createJob(ctx: TflowContext, input: Fields, beforeCreate?: (reader: InputReader, workflowId: number | undefined) => void): Job {
	const { state } = ctx;
	const reader = new InputReader(input);
	const orderId = reader.integer('order_id', true);
	const order = orderId === undefined ? undefined : state.orders.get(orderId);
	if (orderId !== undefined && !order) reader.fail('order_id', `Order ${orderId} not found`);
	const fields = readJobFields(ctx, reader, true);
	beforeCreate?.(reader, order?.workflow_id);
	reader.assertValid();
	const now = state.timestamp();
	const id = state.nextId('job');
	const job: Job = {
		id,
		order_id: order!.id,
		name: `${order!.name}-${++order!.jobSequence}`,
		description: '',
		notes: '',
		ship_date: order!.ship_date,
		priority: 0,
		attach_proofs: false,
		product_id: order!.product_id,
		kfpx: order!.kfpx,
		assignments: {},
		tflows: [],
		props: {},
		current_state_name: workflowById(order!.workflow_id).initialState,
		rush_status: 'none',
		created_at: now,
		updated_at: now,
		history: [],
		revisionSequence: 0,
		...fields,
	};
	state.jobs.set(id, job);
	ctx.webhooks.publish('job.create', jobEventFields(ctx, job));
	return job;
}

function artworkOf(req: EmulatorRequest): UploadedFile | undefined {
	return req.files.find((file) => file.field === 'artwork');
}

/** The artwork part of an upload: present, not empty and within the configured size. */
function checkArtwork(ctx: TflowContext, reader: InputReader, artwork: UploadedFile | undefined) {
	if (!artwork) reader.fail('artwork', 'A file is required');
	else if (artwork.size === 0) reader.fail('artwork', 'The file is empty');
	else if (ctx.config.maxArtworkBytes > 0 && artwork.size > ctx.config.maxArtworkBytes) {
		reader.fail('artwork', `The file is larger than ${ctx.config.maxArtworkBytes} bytes, the most this instance accepts`);
	}
}

function addRevision(ctx: TflowContext, job: Job, artwork: UploadedFile): Revision {
	const id = ctx.state.nextId('revision');
	const revision: Revision = {
		id,
		job_id: job.id,
		number: ++job.revisionSequence,
		file_name: artwork.fileName || 'artwork',
		file_size: artwork.size,
		mime_type: artwork.mimeType || 'application/octet-stream',
		sha256: artwork.sha256,
		exception_code: null,
		exception_message: null,
		created_at: ctx.state.timestamp(),
		source: { kind: 'upload', path: artwork.path },
	};
	ctx.state.revisions.set(id, revision);
	return revision;
}

function latestRevision(ctx: TflowContext, job: Job): Revision | undefined {
	return ctx.state.revisionsOfJob(job.id).sort((a, b) => b.number - a.number)[0];
}

/**
 * Moves a job along a transition, then lets the workflow take its automatic steps (the preflight
 * outcome, auto release), and publishes `job.<transition>` for every step plus the revision and
 * completion events that apply.
 */
function runTransition(
	ctx: TflowContext,
	job: Job,
	transition: TransitionDefinition,
	details: { comment?: string; tflow_id?: string; artwork?: UploadedFile },
) {
	const { state, config } = ctx;
	const workflow = state.workflowOfJob(job);
	const wasTerminal = workflow.terminalStates.includes(job.current_state_name);
	const events: Array<[string, EventFields]> = [];
	const revision = details.artwork ? addRevision(ctx, job, details.artwork) : undefined;
	const fields: EventFields = { ...jobEventFields(ctx, job), revision_id: revision?.id };
	const step = (next: TransitionDefinition, extra: { comment?: string; tflow_id?: string } = {}) => {
		const entry = { transition: next.name, from: job.current_state_name, to: next.to, at: state.timestamp(), ...extra };
		for (const key of ['comment', 'tflow_id'] as const) if (entry[key] === undefined) delete entry[key];
		job.history.push(entry);
		job.current_state_name = next.to;
		events.push([`job.${next.name}`, fields]);
	};

	step(transition, { comment: details.comment, tflow_id: details.tflow_id });
	if (revision) events.push(['revision.create', fields]);
	for (let guard = 0; guard < 10; guard++) {
		const inPreflight = job.current_state_name === PREFLIGHT;
		const automatic = automaticTransition(workflow, job.current_state_name, config.preflightOutcome);
		if (!automatic) break;
		if (inPreflight) {
			const checked = latestRevision(ctx, job);
			if (checked) {
				const failed = config.preflightOutcome === 'error';
				checked.exception_code = failed ? PREFLIGHT_FAILURE.code : null;
				checked.exception_message = failed ? PREFLIGHT_FAILURE.message : null;
			}
		}
		step(automatic);
	}
	job.updated_at = state.timestamp();

	if (!wasTerminal && workflow.terminalStates.includes(job.current_state_name)) {
		events.push(['job.complete', fields]);
		const siblings = state.jobsOfOrder(job.order_id);
		if (siblings.every((sibling) => workflow.terminalStates.includes(sibling.current_state_name))) {
			events.push(['order.complete', { order_id: job.order_id, client_id: fields.client_id }]);
		}
	}
	for (const [event, eventFields] of events) ctx.webhooks.publish(event, eventFields);
}

/** Checks a transition request completely before anything changes. */
function validateTransition(ctx: TflowContext, job: Job, req: EmulatorRequest) {
	const reader = new InputReader(req.input);
	const name = reader.string('transition_name', true);
	reader.assertValid();
	const allowed = userTransitions(ctx.state.workflowOfJob(job), job.current_state_name);
	const transition = allowed.find((candidate) => candidate.name === name);
	if (!transition) {
		const names = allowed.map((candidate) => candidate.name).join(', ') || 'none';
		throw tflowError(400, {
			transition_name: [
				`Transition "${name}" is not allowed for job ${job.id} in state "${job.current_state_name}". Allowed: ${names}`,
			],
		});
	}
	const artwork = transition.kind === 'upload' ? artworkOf(req) : undefined;
	if (transition.kind === 'upload') checkArtwork(ctx, reader, artwork);
	const comment = reader.string('comment');
	const tflowId = transition.name === 'release' ? reader.string('tflow_id') : undefined;
	if (tflowId && !ctx.state.queues.has(tflowId)) reader.fail('tflow_id', `Queue ${tflowId} not found`);
	reader.assertValid();
	return { transition, artwork, comment, tflow_id: tflowId || undefined };
}

export function registerJobRoutes(ctx: TflowContext) {
	const { state } = ctx;

	apiRoute(ctx, 'POST', '/job/create', (req) => jobView(state, createJob(ctx, req.input)));

	// A job created with its first artwork (multipart `_json` + `artwork`), as the vendor SDK does. All
	// or nothing: every check (fields, file, the workflow's upload step) passes before the job exists,
	// and a body cut off mid-upload never reaches this handler (the server drops the partial file).
	apiRoute(ctx, 'POST', '/job/uploadAndCreate', (req) => {
		const artwork = artworkOf(req);
		let upload: TransitionDefinition | undefined;
		const job = createJob(ctx, req.input, (reader, workflowId) => {
			checkArtwork(ctx, reader, artwork);
			if (workflowId === undefined) return;
			const workflow = workflowById(workflowId);
			upload = userTransitions(workflow, workflow.initialState).find((transition) => transition.kind === 'upload');
			if (!upload) reader.fail('artwork', `The workflow "${workflow.name}" takes no artwork when a job starts`);
		});
		runTransition(ctx, job, upload!, { artwork });
		return jobView(state, job);
	});

	apiRoute(ctx, 'GET', '/job/list', (req) => {
		// `listFilters: 'ignore'`: the API document names no job/list parameter (only the Ruby client's
		// comments do), so a documented instance may answer every job whatever the filters say.
		const filters: Fields = ctx.config.listFilters === 'ignore' ? {} : req.input;
		const { order_id: orderId, job_name: jobName } = filters;
		return [...state.jobs.values()]
			.filter((job) => (orderId === undefined || orderId === '' ? true : String(job.order_id) === String(orderId)))
			.filter((job) => containsText(job.name, jobName))
			.map((job) => jobView(state, job));
	});

	apiRoute(ctx, 'GET', '/job/:id', (req) => jobView(state, findJob(ctx, req.params.id)));

	apiRoute(ctx, 'POST', '/job/:id/update', (req) => {
		const job = findJob(ctx, req.params.id);
		const reader = new InputReader(req.input);
		const orderId = reader.integer('order_id');
		if (orderId !== undefined && orderId !== job.order_id) reader.fail('order_id', 'A job cannot be moved to another order');
		const fields = readJobFields(ctx, reader, false);
		reader.assertValid();
		Object.assign(job, fields, { updated_at: state.timestamp() });
		ctx.webhooks.publish('job.update', jobEventFields(ctx, job));
		return jobView(state, job);
	});

	apiRoute(ctx, 'DELETE', '/job/:id', (req) => {
		const job = findJob(ctx, req.params.id);
		const fields = jobEventFields(ctx, job);
		for (const revision of state.revisionsOfJob(job.id)) {
			state.discardRevisionFile(revision);
			state.revisions.delete(revision.id);
		}
		state.jobs.delete(job.id);
		ctx.webhooks.publish('job.delete', fields);
		return { id: job.id, deleted: true };
	});

	apiRoute(ctx, 'GET', '/job/:id/allowedTransitions', (req) => {
		const job = findJob(ctx, req.params.id);
		return userTransitions(state.workflowOfJob(job), job.current_state_name).map((transition) => transition.name);
	});

	apiRoute(ctx, 'POST', '/job/:id/executeTransition', (req) => {
		const job = findJob(ctx, req.params.id);
		const { transition, ...details } = validateTransition(ctx, job, req);
		runTransition(ctx, job, transition, details);
		return jobView(state, job);
	});

	apiRoute(ctx, 'GET', '/job/:id/revisions', (req) => {
		const job = findJob(ctx, req.params.id);
		return state
			.revisionsOfJob(job.id)
			.sort((a, b) => a.number - b.number)
			.map(revisionView);
	});

	apiRoute(ctx, 'POST', '/job/:id/repreflight', (req) => {
		const job = findJob(ctx, req.params.id);
		const transition = repreflightTransition(state.workflowOfJob(job), job.current_state_name);
		if (!transition || !latestRevision(ctx, job)) {
			throw tflowError(400, {
				id: [`Job ${job.id} in state "${job.current_state_name}" cannot be preflighted again`],
			});
		}
		runTransition(ctx, job, transition, {});
		return jobView(state, job);
	});

	const rush: Array<[string, string, (job: Job) => Job['rush_status']]> = [
		['request', 'job.request_rush', (job) => (job.rush_status === 'rush' ? 'rush' : 'requested')],
		['undoRequest', 'job.undo_rush', (job) => (job.rush_status === 'requested' ? 'none' : job.rush_status)],
		['clear', 'job.clear_rush', () => 'none'],
	];
	for (const [action, event, nextStatus] of rush) {
		apiRoute(ctx, 'POST', `/job/:id/rush/${action}`, (req) => {
			const job = findJob(ctx, req.params.id);
			job.rush_status = nextStatus(job);
			job.updated_at = state.timestamp();
			ctx.webhooks.publish(event, jobEventFields(ctx, job));
			return jobView(state, job);
		});
	}
}
