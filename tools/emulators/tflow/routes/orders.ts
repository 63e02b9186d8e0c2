/** Orders: create (with automatic TF000001-style names), read, list with filters, update. */
import type { Fields } from '../../common/server';
import { InputReader, containsText, definedOnly, notFound } from '../input';
import { checkProps } from '../props';
import type { Order } from '../state';
import { orderView } from '../state';
import { WORKFLOWS } from '../workflows';
import type { TflowContext } from './context';
import { apiRoute } from './context';

/** Reads the order fields create and update share; only fields that were sent are returned. */
function readOrderFields(ctx: TflowContext, input: Fields, creating: boolean) {
	const { state } = ctx;
	const reader = new InputReader(input);
	const fields: Partial<Order> = {};
	const clientId = reader.integer('client_id', creating);
	if (clientId !== undefined) {
		if (state.clients.has(clientId)) fields.client_id = clientId;
		else reader.fail('client_id', `Client ${clientId} not found`);
	}
	fields.ship_date = reader.date('ship_date', creating);
	const name = reader.string('name');
	if (name !== undefined) {
		if (name.trim() === '') reader.fail('name', 'Must not be empty');
		else fields.name = name;
	}
	for (const key of ['description', 'kfpx'] as const) fields[key] = reader.string(key);
	const productId = reader.integer('product_id');
	if (productId !== undefined) {
		if (state.products.has(productId)) fields.product_id = productId;
		else reader.fail('product_id', `Product ${productId} not found`);
	}
	fields.planned_number_of_jobs = reader.integer('planned_number_of_jobs');
	fields.external_id = reader.string('external_id');
	fields.assignments = reader.object('assignments');
	fields.tflows = reader.queues('tflows');
	fields.props = reader.object('props');
	checkProps(reader, fields.props, state.propDefinitions.get('order') ?? [], ctx.config);
	const workflowId = reader.integer('workflow_id');
	if (workflowId !== undefined) {
		if (WORKFLOWS[workflowId]) fields.workflow_id = workflowId;
		else reader.fail('workflow_id', `Workflow ${workflowId} is not available; use one of: ${Object.keys(WORKFLOWS).join(', ')}`);
	}
	return { reader, fields };
}

export function registerOrderRoutes(ctx: TflowContext) {
	const { state } = ctx;
	const findOrder = (id: string): Order => {
		const order = /^\d+$/.test(id) ? state.orders.get(Number(id)) : undefined;
		if (!order) throw notFound('Order', id);
		return order;
	};

	apiRoute(ctx, 'POST', '/order/create', (req) => {
		const { reader, fields } = readOrderFields(ctx, req.input, true);
		reader.assertValid();
		const now = state.timestamp();
		const id = state.nextId('order');
		const order: Order = {
			id,
			client_id: 0,
			name: '',
			description: '',
			ship_date: '',
			kfpx: '',
			product_id: 1,
			planned_number_of_jobs: null,
			external_id: null,
			assignments: {},
			tflows: [],
			props: {},
			workflow_id: ctx.config.defaultWorkflowId,
			created_at: now,
			updated_at: now,
			jobSequence: 0,
			...definedOnly(fields),
		};
		order.name ||= state.nextOrderName();
		state.orders.set(id, order);
		ctx.webhooks.publish('order.create', { order_id: id, client_id: order.client_id });
		return orderView(order);
	});

	apiRoute(ctx, 'GET', '/order/list', (req) => {
		// `listFilters: 'ignore'`: no source documents order/list parameters, so an instance may answer every order.
		const filters: Fields = ctx.config.listFilters === 'ignore' ? {} : req.input;
		const { client_id: clientId, name } = filters;
		return [...state.orders.values()]
			.filter((order) => (clientId === undefined || clientId === '' ? true : String(order.client_id) === String(clientId)))
			.filter((order) => containsText(order.name, name))
			.map(orderView);
	});

	apiRoute(ctx, 'GET', '/order/:id', (req) => orderView(findOrder(req.params.id)));

	apiRoute(ctx, 'POST', '/order/:id/update', (req) => {
		const order = findOrder(req.params.id);
		const { reader, fields } = readOrderFields(ctx, req.input, false);
		if (fields.client_id !== undefined && fields.client_id !== order.client_id) {
			reader.fail('client_id', 'The company of an order cannot be changed');
		}
		if (fields.workflow_id !== undefined && fields.workflow_id !== order.workflow_id) {
			reader.fail('workflow_id', 'The workflow of an order cannot be changed');
		}
		reader.assertValid();
		Object.assign(order, definedOnly(fields), { updated_at: state.timestamp() });
		ctx.webhooks.publish('order.update', { order_id: order.id, client_id: order.client_id });
		return orderView(order);
	});
}
