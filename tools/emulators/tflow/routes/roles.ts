/**
 * Roles (role/*) and the permission names (permission/list). The tFLOW document and the tflow gem fix
 * the paths and the role object `{id, name, description, owning_client_id}`; the parameters of
 * getUsers/setUsers/getPermissions/setPermissions and their answers are not documented, so these
 * follow the assumptions listed in docs/tflow.md (ids as `user_ids`, permission names as `permissions`,
 * the role as `role_id` where the path has none).
 */
import { InputReader, applyListFilter, definedOnly, notFound } from '../input';
import type { Role } from '../state';
import { INSTANCE_CLIENT_ID, PERMISSIONS, roleView, userTransitionNames, userView } from '../state';
import type { TflowContext } from './context';
import { apiRoute } from './context';

export function registerRoleRoutes(ctx: TflowContext) {
	const { state } = ctx;

	const findRole = (id: unknown): Role => {
		const role = /^\d+$/.test(String(id ?? '')) ? state.roles.get(Number(id)) : undefined;
		if (!role) throw notFound('Role', String(id ?? ''));
		return role;
	};

	const readRoleFields = (reader: InputReader, creating: boolean) => {
		const name = !creating && !reader.has('name') ? undefined : reader.string('name', true)?.trim();
		const owner = creating ? reader.integer('owning_client_id') : undefined;
		if (owner !== undefined && !state.clients.has(owner)) reader.fail('owning_client_id', `Client ${owner} not found`);
		return definedOnly({ name, description: reader.string('description'), owning_client_id: owner });
	};

	/** A required list of names, each one tFLOW knows (permissions, workflow transitions). */
	const readKnownNames = (reader: InputReader, field: string, known: readonly string[], what: string) => {
		const names = reader.list(field)?.map(String);
		if (names === undefined) reader.fail(field, 'This field is required');
		for (const name of names ?? []) if (!known.includes(name)) reader.fail(field, `Unknown ${what} "${name}"`);
		return names ?? [];
	};

	apiRoute(ctx, 'POST', '/role/create', (req) => {
		const reader = new InputReader(req.input);
		const fields = readRoleFields(reader, true);
		reader.assertValid();
		const id = state.nextId('role');
		const role: Role = { id, name: fields.name!, description: fields.description ?? '', owning_client_id: fields.owning_client_id ?? INSTANCE_CLIENT_ID, permissions: [], transitions: [], user_ids: [] };
		state.roles.set(id, role);
		return roleView(role);
	});

	apiRoute(ctx, 'GET', '/role/list', (req) => applyListFilter([...state.roles.values()], req.input, ['id', 'name', 'owning_client_id']).map(roleView));

	apiRoute(ctx, 'GET', '/role/getPermissions', (req) => {
		const role = findRole(req.input.role_id);
		return { role_id: role.id, permissions: role.permissions };
	});

	apiRoute(ctx, 'POST', '/role/setPermissions', (req) => {
		const reader = new InputReader(req.input);
		const role = findRole(req.input.role_id);
		const permissions = readKnownNames(reader, 'permissions', PERMISSIONS, 'permission');
		reader.assertValid();
		role.permissions = [...new Set(permissions)];
		return { role_id: role.id, permissions: role.permissions };
	});

	apiRoute(ctx, 'GET', '/role/getWorkflowPermissions', (req) => {
		const role = findRole(req.input.role_id);
		return { role_id: role.id, transitions: role.transitions };
	});

	/** The role's workflow permissions become exactly these transition names, each one a workflow knows. */
	apiRoute(ctx, 'POST', '/role/setWorkflowPermissions', (req) => {
		const reader = new InputReader(req.input);
		const role = findRole(req.input.role_id);
		const names = readKnownNames(reader, 'transitions', userTransitionNames(), 'transition');
		reader.assertValid();
		role.transitions = [...new Set(names)];
		return { role_id: role.id, transitions: role.transitions };
	});

	apiRoute(ctx, 'GET', '/role/:id', (req) => roleView(findRole(req.params.id)));

	apiRoute(ctx, 'POST', '/role/:id', (req) => {
		const role = findRole(req.params.id);
		const reader = new InputReader(req.input);
		const fields = readRoleFields(reader, false);
		reader.assertValid();
		Object.assign(role, fields);
		return roleView(role);
	});

	const usersOf = (role: Role) => role.user_ids.map((id) => state.users.get(id)).filter((user) => user !== undefined).map((user) => userView(state, user));

	apiRoute(ctx, 'GET', '/role/:id/getUsers', (req) => usersOf(findRole(req.params.id)));

	/** The role's members become exactly these users; each leaves the role it had (one role per user). */
	apiRoute(ctx, 'POST', '/role/:id/setUsers', (req) => {
		const role = findRole(req.params.id);
		const reader = new InputReader(req.input);
		const ids = reader.list('user_ids');
		if (ids === undefined) reader.fail('user_ids', 'This field is required');
		const userIds = (ids ?? []).map((id) => Number(id));
		for (const [index, id] of userIds.entries()) {
			const user = Number.isInteger(id) ? state.users.get(id) : undefined;
			if (!user) reader.fail('user_ids', `User ${String(ids![index])} not found`);
			else if (user.client_id !== role.owning_client_id) {
				reader.fail('user_ids', `User ${id} belongs to client ${user.client_id}, the role to client ${role.owning_client_id}`);
			}
		}
		reader.assertValid();
		// Exactly these members: the ones left out lose the role.
		role.user_ids = [];
		state.joinRole(role, userIds);
		return usersOf(role);
	});

	apiRoute(ctx, 'GET', '/permission/list', () => [...PERMISSIONS]);
}
