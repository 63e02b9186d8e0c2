/**
 * The tFLOW emulator's data: companies ("clients"), users, products, production queues, orders, jobs,
 * revisions and webhooks, with the realistic print-shop seed and the JSON shapes the API returns.
 */
import { rmSync } from 'node:fs';

import { generatedPdf, sha256Of } from './files';
import type { PropDefinition } from './props';
import { seedPropDefinitions } from './props';
import { WORKFLOWS, workflowById } from './workflows';

export type RushStatus = 'none' | 'requested' | 'rush';
export type QueueRef = { id: string };
type Props = Record<string, unknown>;

export interface Client {
	id: number;
	name: string;
	tflows: QueueRef[];
	/** Instance users who see the client (client/create's `visible_to_instance_user_ids`). */
	visible_to_instance_user_ids: number[];
	/** Users of other companies who see the client. */
	visible_to_non_instance_user_ids: number[];
	created_at: string;
	updated_at: string;
}

export interface User {
	id: number;
	email: string;
	name: string;
	/** Stored for realism; never part of an answer. */
	password: string;
	client_id: number;
	phonenumber: string;
	enabled: boolean;
	locale: string;
	alertTypes: string[];
	email_frequency: string;
	/** Companies the user sees besides its own (the API document's `visibleClientIds`; the owner is always added in answers). */
	visibleClientIds: number[];
	created_at: string;
	updated_at: string;
}

export interface Product {
	id: number;
	name: string;
	description: string;
}

export interface Queue {
	id: string;
	tflow_id: number;
	tflow_name: string;
	queue_id: number;
	queue_name: string;
}

export interface Order {
	id: number;
	client_id: number;
	name: string;
	description: string;
	ship_date: string;
	kfpx: string;
	product_id: number;
	planned_number_of_jobs: number | null;
	external_id: string | null;
	assignments: Props;
	tflows: QueueRef[];
	props: Props;
	workflow_id: number;
	created_at: string;
	updated_at: string;
	/** Jobs ever created in the order, for default job names `<order name>-<n>`. */
	jobSequence: number;
}

export interface JobHistoryEntry {
	transition: string;
	from: string;
	to: string;
	at: string;
	comment?: string;
	tflow_id?: string;
}

export interface Job {
	id: number;
	order_id: number;
	name: string;
	description: string;
	notes: string;
	ship_date: string;
	priority: number;
	attach_proofs: boolean;
	product_id: number;
	kfpx: string;
	assignments: Props;
	tflows: QueueRef[];
	props: Props;
	current_state_name: string;
	rush_status: RushStatus;
	created_at: string;
	updated_at: string;
	/** Every transition executed on the job (shown by GET /__control/state). */
	history: JobHistoryEntry[];
	/** Revisions ever created, for revision numbers. */
	revisionSequence: number;
}

/** Where a revision's original bytes are: an uploaded file on disk or a generated seed PDF. */
export type RevisionSource = { kind: 'upload'; path: string } | { kind: 'generated'; lines: string[] };

export interface Revision {
	id: number;
	job_id: number;
	number: number;
	file_name: string;
	file_size: number;
	mime_type: string;
	sha256: string;
	exception_code: string | null;
	exception_message: string | null;
	created_at: string;
	source: RevisionSource;
}

/** A set of permissions owned by one client; each user is a member of at most one role. */
export interface Role {
	id: number;
	name: string;
	description: string;
	owning_client_id: number;
	/** Permission names (see PERMISSIONS). */
	permissions: string[];
	/** Workflow transitions the role's users may execute (role/getWorkflowPermissions). */
	transitions: string[];
	user_ids: number[];
}

/** tFLOW's permission names, as the tflow gem's fixture lists them. */
export const PERMISSIONS = [
	'manage_orders',
	'manage_orders_basic',
	'admin_orders',
	'manage_jobs',
	'manage_jobs_basic',
	'admin_jobs',
	'admin_users',
	'manage_comments',
	'read_comments',
	'admin_comments',
	'admin_clients',
	'admin_workgroups',
	'admin_workflows',
	'download_pdf_report',
	'download_pdf_preflighted',
	'download_pdf_lowres',
	'download_original_artwork',
	'admin_preferences',
	'disable_send_invitations',
	'view_print_file',
	'view_proof',
	'reverse_workflow',
];

/** Every transition a user executes in one of the workflows: what role workflow permissions may name. */
export function userTransitionNames(): string[] {
	const names = Object.values(WORKFLOWS).flatMap((workflow) => workflow.transitions.filter((transition) => transition.kind !== 'system').map((transition) => transition.name));
	return [...new Set(names)].sort();
}

export interface Webhook {
	id: number;
	name: string;
	url: string;
	security_key: string;
	failed_attempts: number;
}

export const INSTANCE_CLIENT_ID = 1;
export const API_USER_EMAIL = 'api@printshop.example';

/** Timestamps as tFLOW-style ISO 8601 in UTC, without milliseconds. */
export function isoTimestamp(ms: number) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export class TflowState {
	readonly clients = new Map<number, Client>();
	readonly users = new Map<number, User>();
	readonly products = new Map<number, Product>();
	readonly queues = new Map<string, Queue>();
	readonly orders = new Map<number, Order>();
	readonly jobs = new Map<number, Job>();
	readonly revisions = new Map<number, Revision>();
	readonly webhooks = new Map<number, Webhook>();
	readonly roles = new Map<number, Role>();
	/** Dynamic property definitions by entity type (order, job); tests may replace them. */
	readonly propDefinitions = new Map<string, PropDefinition[]>();

	private readonly nextIds = { client: 0, user: 0, order: 0, job: 0, revision: 0, webhook: 0, role: 0 };

	/** Counter behind automatic order names TF000001, TF000002, … */
	private orderNameSequence = 0;

	constructor(readonly now: () => number = Date.now) {}

	timestamp() {
		return isoTimestamp(this.now());
	}

	nextId(kind: keyof TflowState['nextIds']) {
		return ++this.nextIds[kind];
	}

	nextOrderName() {
		return `TF${String(++this.orderNameSequence).padStart(6, '0')}`;
	}

	/** Empties everything (deleting uploaded files) and, when asked, loads the seed again. */
	async reset(seed: boolean) {
		for (const revision of this.revisions.values()) this.discardRevisionFile(revision);
		for (const map of [this.clients, this.users, this.products, this.queues, this.orders, this.jobs, this.revisions, this.webhooks, this.roles, this.propDefinitions]) {
			map.clear();
		}
		for (const key of Object.keys(this.nextIds) as Array<keyof TflowState['nextIds']>) this.nextIds[key] = 0;
		this.orderNameSequence = 0;
		if (seed) await this.seed();
	}

	discardRevisionFile(revision: Revision) {
		if (revision.source.kind === 'upload') rmSync(revision.source.path, { force: true });
	}

	isRevisionFile(path: string) {
		for (const revision of this.revisions.values()) {
			if (revision.source.kind === 'upload' && revision.source.path === path) return true;
		}
		return false;
	}

	jobsOfOrder(orderId: number) {
		return [...this.jobs.values()].filter((job) => job.order_id === orderId);
	}

	revisionsOfJob(jobId: number) {
		return [...this.revisions.values()].filter((revision) => revision.job_id === jobId);
	}

	workflowOfJob(job: Job) {
		return workflowById(this.orders.get(job.order_id)!.workflow_id);
	}

	clientOfJob(job: Job) {
		return this.orders.get(job.order_id)?.client_id;
	}

	/** The role the user is a member of (a user has at most one). */
	roleOfUser(userId: number) {
		return [...this.roles.values()].find((role) => role.user_ids.includes(userId));
	}

	/** Makes the users the role's members, each leaving the role it had (a user has at most one). */
	joinRole(role: Role, userIds: number[]) {
		for (const other of this.roles.values()) other.user_ids = other.user_ids.filter((id) => !userIds.includes(id));
		role.user_ids = [...new Set([...role.user_ids, ...userIds])];
	}

	/** A realistic small print shop; ids and names are stable so tests and examples can rely on them. */
	private async seed() {
		const at = '2025-03-03T08:00:00+00:00';
		const allQueues: QueueRef[] = [{ id: '808:1' }, { id: '808:2' }];
		const companies: Array<[number, string]> = [
			[INSTANCE_CLIENT_ID, 'Print Shop Inc.'],
			[100, 'Anonymous Uploading'],
			[101, 'Acme Bakery'],
			[102, 'Northwind Events'],
		];
		for (const [id, name] of companies) {
			this.clients.set(id, { id, name, tflows: allQueues, visible_to_instance_user_ids: [], visible_to_non_instance_user_ids: [], created_at: at, updated_at: at });
		}
		this.nextIds.client = 102;

		const people: Array<[string, string, number]> = [
			['API User', API_USER_EMAIL, INSTANCE_CLIENT_ID],
			['Paula Prepress', 'paula@printshop.example', INSTANCE_CLIENT_ID],
			['tFLOW Support', 'support@tflow.example', INSTANCE_CLIENT_ID],
			['Ben Baker', 'ben@acmebakery.example', 101],
			['Nora Wind', 'nora@northwind.example', 102],
		];
		for (const [name, email, clientId] of people) {
			const id = this.nextId('user');
			this.users.set(id, {
				id,
				email,
				name,
				password: `seeded-password-${id}`,
				client_id: clientId,
				phonenumber: '',
				enabled: true,
				locale: 'en',
				alertTypes: clientId === INSTANCE_CLIENT_ID ? ['job.create', 'comment.create'] : [],
				email_frequency: 'realtime',
				visibleClientIds: clientId === INSTANCE_CLIENT_ID ? [...this.clients.keys()] : [clientId],
				created_at: at,
				updated_at: at,
			});
		}

		const roles: Array<[string, string, number, string[], string[], number[]]> = [
			['Administrator', 'Everything, including users and preferences', INSTANCE_CLIENT_ID, PERMISSIONS, userTransitionNames(), [1, 3]],
			['Prepress Operator', 'Runs jobs through preflight and approval', INSTANCE_CLIENT_ID, ['manage_orders', 'manage_jobs', 'manage_comments', 'view_print_file', 'view_proof'], ['upload_first_revision', 'upload_next_revision', 'reject', 'release'], [2]],
			['Customer', 'Uploads artwork and approves proofs', 101, ['manage_jobs_basic', 'read_comments', 'view_proof'], ['upload_first_revision', 'upload_next_revision', 'approve', 'reject'], [4]],
		];
		for (const [name, description, owner, permissions, transitions, userIds] of roles) {
			const id = this.nextId('role');
			this.roles.set(id, { id, name, description, owning_client_id: owner, permissions: [...permissions], transitions: [...transitions], user_ids: userIds });
		}

		const products: Array<[number, string, string]> = [
			[1, 'Passthrough', 'No preflight fixes; the artwork is printed as uploaded'],
			[2, 'Business Cards 85x55', '85 x 55 mm, 3 mm bleed, 350 g/m² silk, CMYK'],
			[3, 'Large Format Banner', 'PVC banner up to 5 m, 100 ppi at final size, eyelets every 50 cm'],
		];
		for (const [id, name, description] of products) this.products.set(id, { id, name, description });
		for (const [entity, definitions] of seedPropDefinitions()) this.propDefinitions.set(entity, definitions);

		for (const [queueId, queueName] of [
			[1, 'Full Color'],
			[2, 'Large Format'],
		] as const) {
			const id = `808:${queueId}`;
			this.queues.set(id, { id, tflow_id: 808, tflow_name: 'TURBINE_F_808', queue_id: queueId, queue_name: queueName });
		}

		const bakery = this.seedOrder(101, 'Spring menu and business cards', 2, '2025-03-14T12:00:00+00:00', at);
		this.seedJob(bakery, 'Menu card', 'to_upload_first', at);
		const cards = this.seedJob(bakery, 'Business cards Ben', 'to_review', at);
		await this.seedRevision(cards, 'ben-business-cards.pdf', at);
		const poster = this.seedJob(bakery, 'Window poster A2', 'approved', at);
		await this.seedRevision(poster, 'window-poster-a2.pdf', at);
		const events = this.seedOrder(102, 'Summer festival banner', 3, '2025-06-01T09:00:00+00:00', at);
		this.seedJob(events, 'Stage banner 4x1 m', 'to_upload_first', at);
	}

	private seedOrder(clientId: number, description: string, productId: number, shipDate: string, at: string) {
		const id = this.nextId('order');
		const order: Order = {
			id,
			client_id: clientId,
			name: this.nextOrderName(),
			description,
			ship_date: shipDate,
			kfpx: 'CMYK',
			product_id: productId,
			planned_number_of_jobs: null,
			external_id: null,
			assignments: {},
			tflows: [],
			props: {},
			workflow_id: 2,
			created_at: at,
			updated_at: at,
			jobSequence: 0,
		};
		this.orders.set(id, order);
		return order;
	}

	/**
	 * Adds `count` copies of a job, each with a description of `descriptionBytes` characters: lists
	 * of any size for Get Many tests and benchmarks. The description is one shared string, so the
	 * emulator's memory grows with the answer it sends, not with the copies.
	 */
	addJobCopies(jobId: number, count: number, descriptionBytes: number) {
		const original = this.jobs.get(jobId);
		if (!original) throw new Error(`no job ${jobId}`);
		const description = 'x'.repeat(descriptionBytes);
		for (let copy = 0; copy < count; copy++) {
			const id = this.nextId('job');
			this.jobs.set(id, { ...original, id, name: `${original.name}-copy-${copy + 1}`, description, history: [], assignments: {}, tflows: [], props: {} });
		}
		return { jobs: this.jobs.size };
	}

	private seedJob(order: Order, description: string, state: string, at: string) {
		const id = this.nextId('job');
		const job: Job = {
			id,
			order_id: order.id,
			name: `${order.name}-${++order.jobSequence}`,
			description,
			notes: '',
			ship_date: order.ship_date,
			priority: 0,
			attach_proofs: false,
			product_id: order.product_id,
			kfpx: order.kfpx,
			assignments: {},
			tflows: [],
			props: {},
			current_state_name: state,
			rush_status: 'none',
			created_at: at,
			updated_at: at,
			history: [],
			revisionSequence: 0,
		};
		this.jobs.set(id, job);
		return job;
	}

	private async seedRevision(job: Job, fileName: string, at: string) {
		const lines = [`Artwork ${fileName}`, `Job ${job.name}`];
		const file = generatedPdf(lines);
		const id = this.nextId('revision');
		this.revisions.set(id, {
			id,
			job_id: job.id,
			number: ++job.revisionSequence,
			file_name: fileName,
			file_size: file.size,
			mime_type: 'application/pdf',
			sha256: await sha256Of(file),
			exception_code: null,
			exception_message: null,
			created_at: at,
			source: { kind: 'generated', lines },
		});
	}
}

/** A company as the API answers it; who sees it only when that was set (the gem's answers show `{id, name}`). */
export function clientView(client: Client) {
	const { id, name, tflows, visible_to_instance_user_ids: instance, visible_to_non_instance_user_ids: others } = client;
	return {
		id,
		name,
		tflows,
		...(instance.length ? { visible_to_instance_user_ids: instance } : {}),
		...(others.length ? { visible_to_non_instance_user_ids: others } : {}),
	};
}

/** A user as tFLOW answers it: with its role (`role_id`) and the companies it sees, its own always among them. */
export function userView(state: TflowState, user: User) {
	const { password: _password, visibleClientIds, ...visible } = user;
	return { ...visible, role_id: state.roleOfUser(user.id)?.id ?? null, visibleClientIds: [...new Set([user.client_id, ...visibleClientIds])] };
}

export function roleView(role: Role) {
	const { id, name, description, owning_client_id } = role;
	return { id, name, description, owning_client_id };
}

export function orderView(order: Order) {
	const { jobSequence: _jobSequence, ...visible } = order;
	return visible;
}

export function jobView(state: TflowState, job: Job) {
	const { history: _history, revisionSequence: _revisionSequence, created_at, updated_at, ...fields } = job;
	return { ...fields, revision_count: state.revisionsOfJob(job.id).length, created_at, updated_at };
}

export function revisionView(revision: Revision) {
	const { source: _source, ...visible } = revision;
	return visible;
}

/** Everything, as GET /__control/state shows it (passwords and file paths left out). */
export function stateSnapshot(state: TflowState) {
	return {
		clients: [...state.clients.values()].map(clientView),
		users: [...state.users.values()].map((user) => userView(state, user)),
		products: [...state.products.values()],
		queues: [...state.queues.values()],
		orders: [...state.orders.values()].map(orderView),
		jobs: [...state.jobs.values()].map((job) => ({ ...jobView(state, job), history: job.history })),
		revisions: [...state.revisions.values()].map(revisionView),
		webhooks: [...state.webhooks.values()],
		roles: [...state.roles.values()],
	};
}
