/** Companies ("clients"), users, products and production queues ("tflows"). */
import type { Fields } from '../../common/server';
import { InputReader, applyListFilter, containsText, definedOnly, notFound, tflowError } from '../input';
import type { Client, QueueRef, Queue, Role, User } from '../state';
import { INSTANCE_CLIENT_ID, clientView, userView } from '../state';
import type { TflowContext } from './context';
import { apiRoute } from './context';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function findById<T>(map: Map<number, T>, entity: string, id: string): T {
	const found = /^\d+$/.test(id) ? map.get(Number(id)) : undefined;
	if (!found) throw notFound(entity, id);
	return found;
}

export function registerDirectoryRoutes(ctx: TflowContext) {
	registerClientRoutes(ctx);
	registerUserRoutes(ctx);
	registerProductAndQueueRoutes(ctx);
}

function registerClientRoutes(ctx: TflowContext) {
	const { state } = ctx;

	/** `tflows` (queue references) or `tflow_ids` (plain ids), each checked against the known queues. */
	const readClientQueues = (reader: InputReader) => {
		const field = reader.has('tflow_ids') ? 'tflow_ids' : 'tflows';
		const refs = reader.queues(field);
		for (const ref of refs ?? []) if (!state.queues.has(ref.id)) reader.fail(field, `Queue ${ref.id} not found`);
		return refs;
	};

	/**
	 * `visible_to_instance_user_ids` / `visible_to_non_instance_user_ids`: users of the instance company
	 * and of other companies, as client/getInitialInfo offers them; a user of the wrong kind is refused.
	 */
	const readVisibleTo = (reader: InputReader, field: string, instance: boolean) => {
		const ids = reader.list(field);
		for (const id of ids ?? []) {
			const user = /^\d+$/.test(String(id)) ? state.users.get(Number(id)) : undefined;
			if (!user) reader.fail(field, `User ${String(id)} not found`);
			else if ((user.client_id === INSTANCE_CLIENT_ID) !== instance) {
				reader.fail(field, `User ${user.id} is ${instance ? 'not an instance user' : 'an instance user'}`);
			}
		}
		return ids?.map(Number);
	};

	apiRoute(ctx, 'POST', '/client/create', (req) => {
		const reader = new InputReader(req.input);
		const name = reader.string('name', true);
		const tflows = readClientQueues(reader);
		const visibleToInstance = readVisibleTo(reader, 'visible_to_instance_user_ids', true);
		const visibleToOthers = readVisibleTo(reader, 'visible_to_non_instance_user_ids', false);
		reader.assertValid();
		const now = state.timestamp();
		const id = state.nextId('client');
		const defaults = [...state.queues.keys()].map((queueId) => ({ id: queueId }));
		const client: Client = {
			id,
			name: name!,
			tflows: tflows ?? defaults,
			visible_to_instance_user_ids: [...new Set(visibleToInstance ?? [])],
			visible_to_non_instance_user_ids: [...new Set(visibleToOthers ?? [])],
			created_at: now,
			updated_at: now,
		};
		state.clients.set(id, client);
		ctx.webhooks.publish('client.create', { client_id: id });
		return clientView(client);
	});

	apiRoute(ctx, 'GET', '/client/list', (req) => {
		// A role without the permission (config clientListAllowed): the key is right, the read is not allowed.
		if (!ctx.config.clientListAllowed) throw tflowError(403, { permission: ['You are not allowed to list clients'] });
		return applyListFilter([...state.clients.values()], req.input, ['id', 'name']).map(clientView);
	});

	apiRoute(ctx, 'GET', '/client/getInitialInfo', () => {
		const describeUser = (user: User) => ({
			user_id: user.id,
			user_name: user.name,
			user_email: user.email,
			client_id: user.client_id,
			client_name: state.clients.get(user.client_id)?.name ?? '',
		});
		const users = [...state.users.values()];
		const instanceUsers = users.filter((user) => user.client_id === INSTANCE_CLIENT_ID);
		return {
			allowedTflows: [...state.queues.values()],
			allowedVisibleToInstanceUsers: instanceUsers.map(describeUser),
			allowedVisibleToNonInstanceUsers: users.filter((user) => user.client_id !== INSTANCE_CLIENT_ID).map(describeUser),
			defaults: {
				tflows: [...state.queues.keys()].map((id) => ({ id })),
				visible_to_instance_user_ids: instanceUsers.slice(0, 1).map((user) => user.id),
				visible_to_non_instance_user_ids: [],
			},
		};
	});

	apiRoute(ctx, 'GET', '/client/:id', (req) => clientView(findById(state.clients, 'Client', req.params.id)));

	const updateClient = (id: string, input: Fields) => {
		const client = findById(state.clients, 'Client', id);
		const reader = new InputReader(input);
		const name = reader.has('name') ? reader.string('name', true) : undefined;
		const tflows = readClientQueues(reader);
		reader.assertValid();
		Object.assign(client, definedOnly({ name, tflows }), { updated_at: state.timestamp() });
		ctx.webhooks.publish('client.update', { client_id: client.id });
		return clientView(client);
	};
	apiRoute(ctx, 'POST', '/client/:id', (req) => updateClient(req.params.id, req.input));
	apiRoute(ctx, 'POST', '/client/:id/update', (req) => updateClient(req.params.id, req.input));

	apiRoute(ctx, 'GET', '/client/:id/tflows', (req) => {
		const client = findById(state.clients, 'Client', req.params.id);
		return client.tflows
			.map((ref) => state.queues.get(ref.id))
			.filter((queue): queue is Queue => queue !== undefined)
			.map(({ id, tflow_name, queue_name }) => ({ id, tflow_name, queue_name }));
	});
}

function registerUserRoutes(ctx: TflowContext) {
	const { state } = ctx;

	/** Reads user fields; `existing` is the user being updated (email uniqueness ignores it). */
	const readUser = (input: Fields, existing?: User) => {
		const reader = new InputReader(input);
		const email = existing && !reader.has('email') ? undefined : reader.string('email', true)?.trim();
		if (email !== undefined) {
			const taken = [...state.users.values()].some(
				(user) => user !== existing && user.email.toLowerCase() === email.toLowerCase(),
			);
			if (!EMAIL.test(email)) reader.fail('email', `"${email}" is not a valid e-mail address`);
			else if (taken) reader.fail('email', `A user with the e-mail ${email} already exists`);
		}
		const clientId = reader.integer('client_id');
		if (clientId !== undefined && !state.clients.has(clientId)) reader.fail('client_id', `Client ${clientId} not found`);
		const alertTypes = reader.list('alertTypes')?.map(String);
		const roleId = reader.has('role_id') ? reader.integer('role_id') : undefined;
		const role = roleId === undefined ? undefined : state.roles.get(roleId);
		const owner = clientId ?? existing?.client_id ?? INSTANCE_CLIENT_ID;
		// The API document: a user can only be given a role of its own company.
		if (roleId !== undefined && !role) reader.fail('role_id', `Role ${roleId} not found`);
		else if (role && role.owning_client_id !== owner) reader.fail('role_id', `Role ${role.id} belongs to client ${role.owning_client_id}, the user to client ${owner}`);
		const visibleClientIds = reader.list('visibleClientIds')?.map((id) => {
			const known = /^\d+$/.test(String(id)) && state.clients.has(Number(id));
			if (!known) reader.fail('visibleClientIds', `Client ${String(id)} not found`);
			return Number(id);
		});
		const fields = definedOnly({
			email,
			name: reader.string('name'),
			password: reader.string('password'),
			client_id: clientId,
			phonenumber: reader.string('phonenumber'),
			enabled: reader.boolean('enabled'),
			locale: reader.string('locale'),
			alertTypes,
			visibleClientIds: visibleClientIds && [...new Set(visibleClientIds)],
		});
		reader.assertValid();
		return { fields, role };
	};

	const assignRole = (user: User, role: Role | undefined) => {
		if (role) state.joinRole(role, [user.id]);
	};

	apiRoute(ctx, 'POST', '/user/create', (req) => {
		const { fields, role } = readUser(req.input);
		const now = state.timestamp();
		const id = state.nextId('user');
		const user: User = {
			id,
			email: '',
			name: '',
			password: '',
			client_id: INSTANCE_CLIENT_ID,
			phonenumber: '',
			enabled: true,
			locale: 'en',
			alertTypes: [],
			email_frequency: 'realtime',
			visibleClientIds: [],
			created_at: now,
			updated_at: now,
			...fields,
		};
		user.name ||= user.email;
		state.users.set(id, user);
		assignRole(user, role);
		ctx.webhooks.publish('user.create', { user_id: id, client_id: user.client_id });
		return userView(state, user);
	});

	apiRoute(ctx, 'GET', '/user/list', (req) =>
		applyListFilter([...state.users.values()], req.input, ['id', 'email', 'name', 'client_id']).map((user) => userView(state, user)),
	);

	apiRoute(ctx, 'GET', '/user/:id', (req) => userView(state, findById(state.users, 'User', req.params.id)));

	apiRoute(ctx, 'POST', '/user/:id', (req) => {
		const user = findById(state.users, 'User', req.params.id);
		const { fields, role } = readUser(req.input, user);
		Object.assign(user, fields, { updated_at: state.timestamp() });
		assignRole(user, role);
		ctx.webhooks.publish('user.update', { user_id: user.id, client_id: user.client_id });
		return userView(state, user);
	});
}

function registerProductAndQueueRoutes(ctx: TflowContext) {
	const { state } = ctx;

	apiRoute(ctx, 'GET', '/product/list', (req) => applyListFilter([...state.products.values()], req.input, ['id', 'name']));

	apiRoute(ctx, 'GET', '/product/:id', (req) => findById(state.products, 'Product', req.params.id));

	apiRoute(ctx, 'GET', '/tflow/list', (req) => {
		const { tflow_name: tflowName, queue_name: queueName } = req.input;
		return [...state.queues.values()].filter(
			(queue) => containsText(queue.tflow_name, tflowName) && containsText(queue.queue_name, queueName),
		);
	});

	/** The order, job or client whose production queues tflow/{entityType}/{entityId} reads or sets. */
	const entityWithQueues = (entityType: string, entityId: string): { tflows: QueueRef[] } => {
		if (entityType === 'order') return findById(state.orders, 'Order', entityId);
		if (entityType === 'job') return findById(state.jobs, 'Job', entityId);
		if (entityType === 'client') return findById(state.clients, 'Client', entityId);
		throw tflowError(400, { entityType: [`Unknown entity type "${entityType}"; use order, job or client`] });
	};
	const queuesOf = (entity: { tflows: QueueRef[] }) =>
		entity.tflows
			.map((ref) => state.queues.get(ref.id))
			.filter((queue): queue is Queue => queue !== undefined)
			.map(({ id, tflow_name, queue_name }) => ({ id, tflow_name, queue_name }));

	apiRoute(ctx, 'GET', '/tflow/:entityType/:entityId', (req) => queuesOf(entityWithQueues(req.params.entityType, req.params.entityId)));

	/** Replaces the entity's queues with `tflowIds` (the tflow gem's parameter), each a known queue id. */
	apiRoute(ctx, 'POST', '/tflow/:entityType/:entityId', (req) => {
		const entity = entityWithQueues(req.params.entityType, req.params.entityId);
		const reader = new InputReader(req.input);
		const refs = reader.queues('tflowIds');
		if (refs === undefined) reader.fail('tflowIds', 'This field is required');
		for (const ref of refs ?? []) if (!state.queues.has(ref.id)) reader.fail('tflowIds', `Queue ${ref.id} not found`);
		reader.assertValid();
		entity.tflows = [...new Map(refs!.map((ref) => [ref.id, ref])).values()];
		return queuesOf(entity);
	});

	apiRoute(ctx, 'GET', '/tflow/:id', (req) => {
		const queue = state.queues.get(req.params.id);
		if (!queue) throw tflowError(404, { id: [`Queue ${req.params.id} not found`] });
		return queue;
	});
}
