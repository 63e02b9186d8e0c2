/** /messages, /template and /templates: the user's inbox and the template tree. */
import type { ApiContext, PapilioApi } from './api';
import { integerArg, orderList, requirePermission, unnamedExpandArgs, userFromPath } from './api';
import { papilioError } from './errors';
import type { PapilioState, TemplateRecord } from './state';
import { serializeMessage, serializeTemplate, serializeTreeNode } from './state';

function visible(context: ApiContext, record: TemplateRecord) {
	return record.active && !record.deniedGroups.includes(context.user.group);
}

function byOrder(a: TemplateRecord, b: TemplateRecord) {
	return a.order - b.order || a.id - b.id;
}

function childrenOf(context: ApiContext, parent: number) {
	return context.env.state.templates.filter((record) => record.parent === parent && visible(context, record)).sort(byOrder);
}

/** The spec's nested format: a group is `[groupObject, [children...]]`, a template is an object. */
function nested(context: ApiContext, parent: number): unknown[] {
	const { state } = context.env;
	return childrenOf(context, parent).map((record) =>
		record.type === 'group' ? [serializeTreeNode(record, state), nested(context, record.id)] : serializeTreeNode(record, state),
	);
}

function findGroup(context: ApiContext, idParam: string | undefined): TemplateRecord | undefined {
	if (idParam === undefined || idParam === '' || idParam === '0') return undefined;
	const id = integerArg(idParam, 'id');
	const group = context.env.state.templates.find((record) => record.id === id && record.type === 'group');
	if (!group || !group.active) throw papilioError('not_found', `Template group ${id} does not exist`);
	if (!visible(context, group)) throw papilioError('forbidden', `You may not see template group ${id}`);
	return group;
}

/** Breadcrumbs from the top group down to `group` ("you are here" last). */
function parentsOf(state: PapilioState, group: TemplateRecord | undefined) {
	const trail: Array<{ id: string; title: string }> = [];
	for (let current = group; current; current = state.templates.find((record) => record.id === current!.parent)) {
		trail.unshift({ id: String(current.id), title: current.title });
	}
	return trail;
}

function findTemplate(context: ApiContext, idParam: string): TemplateRecord {
	const id = integerArg(idParam, 'id');
	const record = context.env.state.templates.find((candidate) => candidate.id === id && candidate.type === 'template');
	if (!record || !record.active) throw papilioError('not_found', `Template ${id} does not exist or is not active`);
	if (!visible(context, record)) throw papilioError('forbidden', `You don't have the permission to see template ${id}`);
	return record;
}

export function registerCatalogRoutes(api: PapilioApi) {
	for (const direction of ['received', 'sent'] as const) {
		const list = (context: ApiContext) => {
			const user = userFromPath(context, context.req.params.user);
			const { state } = context.env;
			const messages = state.messages
				.filter((message) => (direction === 'received' ? message.recipient : message.sender) === user.id)
				.sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.id - a.id)
				.map((message) => serializeMessage(message, state, direction));
			return { count: messages.length, messages };
		};
		api.route('GET', `/messages/${direction}`, list);
		api.route('GET', `/messages/${direction}/:user`, list);
	}

	api.route('POST', '/messages/read/:id', (context) => {
		const id = integerArg(context.req.params.id, 'id');
		const message = context.env.state.messages.find((candidate) => candidate.id === id);
		if (!message) throw papilioError('not_found', `Message ${id} does not exist`);
		if (message.recipient !== context.user.id) throw papilioError('forbidden', `Message ${id} doesn't belong to you`);
		message.read = true;
		return { success: 'true' };
	});

	api.route('GET', '/template/:id', (context) => ({
		template: serializeTemplate(findTemplate(context, context.req.params.id), context.baseUrl),
	}));

	const children = (context: ApiContext) => {
		requirePermission(context.user, 'createOrders', 'Listing templates');
		const group = findGroup(context, context.req.params.id);
		const { state } = context.env;
		const items = childrenOf(context, group?.id ?? 0).map((record) => serializeTreeNode(record, state));
		return { count: items.length, children: items, parents: parentsOf(state, group) };
	};
	api.route('GET', '/templates/children', children);
	api.route('GET', '/templates/children/:id', children);

	api.route('GET', '/templates/nested', (context) => {
		requirePermission(context.user, 'createOrders', 'Listing templates');
		return { nested: nested(context, 0) };
	});

	const examples = (context: ApiContext) => {
		requirePermission(context.user, 'createOrders', 'Listing example publications');
		const record = findTemplate(context, context.req.params.id);
		const lang = context.req.params.lang ?? context.user.lang;
		const orders = context.env.state.orders.filter(
			(order) => order.example_of === record.id && order.lang === lang && !order.deleted,
		);
		return orderList(context, orders, unnamedExpandArgs(context));
	};
	api.route('GET', '/templates/examples/:id', examples);
	api.route('GET', '/templates/examples/:id/:lang', examples);

	api.route('GET', '/templates/search', () => {
		throw papilioError('bad_request', 'A search term is required: /templates/search/{term}');
	});

	api.route('GET', '/templates/search/:term', (context) => {
		const term = context.req.params.term.trim().toLowerCase();
		if (!term) throw papilioError('bad_request', 'term must not be empty');
		const { state } = context.env;
		const found = new Map<number, TemplateRecord>();
		for (const record of state.templates) {
			if (!visible(context, record) || !record.title.toLowerCase().includes(term)) continue;
			found.set(record.id, record);
			// A matching group brings its direct children.
			if (record.type === 'group') for (const child of childrenOf(context, record.id)) found.set(child.id, child);
		}
		const templates = [...found.values()].sort(byOrder).map((record) => serializeTreeNode(record, state));
		const exampleOrders = state.orders.filter((order) => {
			const template = state.templates.find((candidate) => candidate.id === order.example_of);
			return template && visible(context, template) && !order.deleted && order.title.toLowerCase().includes(term);
		});
		const examplesAnswer = orderList(context, exampleOrders, {});
		return { count: templates.length + examplesAnswer.count, templates, examples: examplesAnswer.orders };
	});
}
