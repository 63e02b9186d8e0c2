/** /order, /order/pin, /orders and /tasks: orders with their status bitmask, PDFs and PINs. */
import { randomBytes } from 'node:crypto';
import type { Fields } from '../common/server';
import type { ApiContext, PapilioApi } from './api';
import { can, expandArgs, fileSize, integerArg, orderList, requirePermission, serializeContext, unnamedExpandArgs, userFromPath } from './api';
import { papilioError } from './errors';
import { largeOrderBody, orderPdf, previewPdf } from './files';
import type { OrderRecord, PapilioUser, Permission } from './state';
import { ALL_STATUS_BITS, formatTimestamp, serializeOrder, STATUS } from './state';

const PIN_PATTERN = /^[a-z0-9]{5}$/;

/** Bits that make an order's file available: layout (to adapt it), released, ready or delivered. */
const DOWNLOADABLE = STATUS.layout | STATUS.released | STATUS.released2 | STATUS.delivery_pending | STATUS.delivered;

function findOrder(context: ApiContext, idParam: string): OrderRecord {
	const id = integerArg(idParam, 'id');
	const order = context.env.state.orders.find((candidate) => candidate.id === id && !candidate.deleted);
	if (!order) throw papilioError('not_found', `Order ${id} does not exist`);
	return order;
}

/** Orders of other users need one of `permissions` (the spec's "Requires ... for orders that don't belong to you"). */
function requireOwnerOr(user: PapilioUser, order: OrderRecord, permissions: Permission[], action: string) {
	if (order.owner === user.id || can(user, ...permissions)) return;
	throw papilioError('forbidden', `${action} of orders that don't belong to you requires ${permissions.join(' or ')}`);
}

/** The orders of the lists: examples are template material, deleted ones only show in /orders/deleted. */
function listable(context: ApiContext) {
	return context.env.state.orders.filter((order) => !order.deleted && order.example_of === undefined);
}

const isCompleted = (order: OrderRecord) => (order.status & STATUS.open) === 0;

async function streamOrderFile(context: ApiContext, order: OrderRecord) {
	const { res } = context;
	const size = fileSize(context.env, order);
	res.header('Content-Disposition', `attachment; filename="order_${order.id}.pdf"`);
	res.header('Content-Transfer-Encoding', 'binary');
	const small = order.downloadSize === undefined && context.env.config.downloadSizeBytes === undefined;
	if (small) res.send(200, orderPdf(order), 'application/octet-stream');
	else await res.stream(200, size, largeOrderBody(order.id, size), 'application/octet-stream');
}

function touch(order: OrderRecord) {
	order.modified = formatTimestamp(new Date());
}

function updateOrder(context: ApiContext, order: OrderRecord) {
	const { user, args } = context;
	requireOwnerOr(user, order, ['editUserOrders', 'editClients'], 'Changing properties');
	const changesStatus = ['status', 'set_flag', 'unset_flag'].some((name) => args[name] !== undefined);
	if (changesStatus) requirePermission(user, 'editUsers', 'Changing the status manually');
	const known = ['title', 'status', 'set_flag', 'unset_flag', 'delivery'];
	if (!known.some((name) => args[name] !== undefined)) {
		throw papilioError('bad_request', `Nothing to change; send one of ${known.join(', ')}`);
	}
	const bits = (name: string) => integerArg(args[name], name, { max: ALL_STATUS_BITS });
	// Validate every argument before changing anything.
	let title: string | undefined;
	if (args.title !== undefined) {
		title = typeof args.title === 'string' ? args.title.trim() : '';
		if (!title) throw papilioError('bad_request', 'title must not be empty');
	}
	const status = args.status !== undefined ? bits('status') : undefined;
	const setFlag = args.set_flag !== undefined ? bits('set_flag') : undefined;
	const unsetFlag = args.unset_flag !== undefined ? bits('unset_flag') : undefined;
	const delivery = args.delivery !== undefined ? integerArg(args.delivery, 'delivery', { min: 1, max: 2 }) : undefined;

	if (title !== undefined) order.title = title;
	if (status !== undefined) order.status = status;
	if (setFlag !== undefined) order.status |= setFlag;
	if (unsetFlag !== undefined) order.status &= ~unsetFlag;
	if (delivery !== undefined) order.delivery = delivery as 1 | 2;
	const now = formatTimestamp(new Date());
	if (order.status & (STATUS.released | STATUS.released2)) order.released ??= now;
	if (order.status & STATUS.delivered) order.delivered ??= now;
	order.modified = now;
	return { success: 'true' };
}

function deleteOrder(context: ApiContext, order: OrderRecord) {
	requireOwnerOr(context.user, order, ['editUserOrders', 'editClients'], 'Deleting');
	const { state } = context.env;
	if (order.status & STATUS.delivered) {
		order.deleted = true;
		touch(order);
	} else if (order.status === STATUS.open) {
		state.orders.splice(state.orders.indexOf(order), 1);
	} else {
		throw papilioError(
			'forbidden',
			'Only orders that have the delivered flag set or only have the open flag set can be deleted',
		);
	}
	return { success: 'true' };
}

function newPin(context: ApiContext): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	for (;;) {
		const pin = [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
		if (!context.env.state.orders.some((order) => order.pin === pin)) return pin;
	}
}

const DATE_FIELDS = ['created', 'modified', 'released', 'delivered'] as const;
const COLOR_SPACES = ['cmyk', 'rgb', 'gray'];
const FORMATS = ['standard', 'manual', 'adsizer', 'std_size'];

function dateArg(value: unknown, name: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
	if (!valid) throw papilioError('bad_request', `${name} must be a date (yyyy-mm-dd)`);
	return text;
}

function enumArg(value: unknown, name: string, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw papilioError('bad_request', `${name} must be one of: ${allowed.join(', ')}`);
	}
	return value;
}

type Criterion = (order: OrderRecord) => boolean;

/**
 * The filters of /orders/search as criteria. A date field with exact/_before/_after values is one
 * criterion (its parts always combine with "and"); the mode combines the criteria.
 */
function searchCriteria(args: Fields): Criterion[] {
	const criteria: Criterion[] = [];
	if (args.title !== undefined) {
		const title = String(args.title).toLowerCase();
		criteria.push((order) => order.title.toLowerCase().includes(title));
	}
	if (args.status !== undefined) {
		const bits = integerArg(args.status, 'status', { max: ALL_STATUS_BITS });
		criteria.push((order) => (order.status & bits) === bits);
	}
	if (args.status_not !== undefined) {
		const bits = integerArg(args.status_not, 'status_not', { max: ALL_STATUS_BITS });
		criteria.push((order) => (order.status & bits) === 0);
	}
	for (const name of ['template', 'owner', 'quality'] as const) {
		if (args[name] === undefined) continue;
		const wanted = integerArg(args[name], name);
		criteria.push((order) => order[name] === wanted);
	}
	if (args.lang !== undefined) {
		const lang = String(args.lang).toLowerCase();
		criteria.push((order) => order.lang === lang);
	}
	if (args.color_space !== undefined) {
		const colorSpace = enumArg(args.color_space, 'color_space', COLOR_SPACES);
		criteria.push((order) => order.color_space === colorSpace);
	}
	if (args.format !== undefined) {
		const format = enumArg(args.format, 'format', FORMATS);
		criteria.push((order) => order.format === format);
	}
	for (const field of DATE_FIELDS) {
		const exact = args[field] !== undefined ? dateArg(args[field], field) : undefined;
		const before = args[`${field}_before`] !== undefined ? dateArg(args[`${field}_before`], `${field}_before`) : undefined;
		const after = args[`${field}_after`] !== undefined ? dateArg(args[`${field}_after`], `${field}_after`) : undefined;
		if (exact === undefined && before === undefined && after === undefined) continue;
		criteria.push((order) => {
			const day = order[field]?.slice(0, 10);
			if (!day) return false;
			return (exact === undefined || day === exact) && (before === undefined || day < before) && (after === undefined || day > after);
		});
	}
	return criteria;
}

function translatable(context: ApiContext, order: OrderRecord) {
	if (order.translation_of === undefined || !(order.status & STATUS.open)) return false;
	const original = context.env.state.orders.find((candidate) => candidate.id === order.translation_of);
	const from = original?.lang;
	return context.user.translates.some(([source, target]) => source === from && target === order.lang);
}

export function registerOrderRoutes(api: PapilioApi) {
	api.route('GET', '/order/:id', (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUsers'], 'Reading');
		return { order: serializeOrder(order, serializeContext(context, expandArgs(context.args))) };
	});

	api.route('POST', '/order/:id', (context) => updateOrder(context, findOrder(context, context.req.params.id)));

	api.route('DELETE', '/order/:id', (context) => deleteOrder(context, findOrder(context, context.req.params.id)));

	api.route('GET', '/order/preview/:id', (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUserOrders'], 'Previewing');
		if (!order.renderable) throw papilioError('internal_server_error', `Order ${order.id} could not be rendered`);
		context.res.header('Content-Disposition', `inline; filename="order_${order.id}_preview.pdf"`);
		context.res.send(200, previewPdf(order), 'application/pdf');
		return undefined;
	});

	api.route('GET', '/order/download/:id', async (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUsers'], 'Downloading');
		if (!(order.status & DOWNLOADABLE)) {
			throw papilioError('forbidden', `Order ${order.id} isn't downloadable in its current status (${order.status})`);
		}
		await streamOrderFile(context, order);
		return undefined;
	});

	// The same path takes an order id (POST, DELETE) or a PIN (GET), as in the spec.
	api.route('POST', '/order/pin/:id', (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUsers'], 'Creating a PIN');
		if (!order.pin) {
			order.pin = newPin(context);
			touch(order);
		}
		return { pin: order.pin, path: `${context.baseUrl}/pin/` };
	});

	api.route('DELETE', '/order/pin/:id', (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUsers'], 'Deleting a PIN');
		if (order.pin) {
			order.pin = null;
			touch(order);
		}
		return { success: 'true' };
	});

	api.route('GET', '/order/pin/:id', async (context) => {
		const pin = context.req.params.id;
		if (!PIN_PATTERN.test(pin)) throw papilioError('bad_request', 'A PIN has 5 characters (a-z, 0-9)');
		const order = context.env.state.orders.find((candidate) => candidate.pin === pin && !candidate.deleted);
		if (!order) throw papilioError('not_found', `There is no order with PIN ${pin}`);
		await streamOrderFile(context, order);
		return undefined;
	});

	// Not in the API document: an instance-only method, as an instance's /apidoc may list, so that the
	// node's Custom API Call can be tested against an endpoint no operation wraps. It sets the remark.
	api.route('POST', '/order/remark/:id', (context) => {
		const order = findOrder(context, context.req.params.id);
		requireOwnerOr(context.user, order, ['editUserOrders', 'editClients'], 'Changing the remark');
		const remark = context.args.remark;
		if (typeof remark !== 'string') throw papilioError('bad_request', 'Send the remark as text');
		order.remark = remark;
		touch(order);
		return { success: 'true', id: String(order.id), remark };
	});

	api.route('GET', '/orders', (context) => {
		const mine = listable(context).filter((order) => order.owner === context.user.id && isCompleted(order));
		return orderList(context, mine, expandArgs(context.args));
	});

	const allOrders = (context: ApiContext) => {
		requirePermission(context.user, 'editUsers', 'Listing the orders of all users');
		const year = context.req.params.year !== undefined
			? integerArg(context.req.params.year, 'year', { min: 1970, max: 9999 })
			: new Date().getUTCFullYear();
		const orders = listable(context).filter((order) => isCompleted(order) && order.created.startsWith(`${year}-`));
		return orderList(context, orders, expandArgs(context.args));
	};
	api.route('GET', '/orders/all', allOrders);
	api.route('GET', '/orders/all/:year', allOrders);

	api.route('GET', '/orders/deleted', (context) => {
		requirePermission(context.user, 'editClients', 'Listing deleted orders');
		const deleted = context.env.state.orders.filter((order) => order.deleted);
		return orderList(context, deleted, expandArgs(context.args));
	});

	const search = (context: ApiContext) => {
		requirePermission(context.user, 'editUsers', 'Searching orders');
		const mode = context.req.params.mode ?? 'and';
		if (mode !== 'and' && mode !== 'or') throw papilioError('bad_request', 'mode must be "and" or "or"');
		const criteria = searchCriteria(context.args);
		const matches = (order: OrderRecord) =>
			criteria.length === 0 ||
			(mode === 'and' ? criteria.every((criterion) => criterion(order)) : criteria.some((criterion) => criterion(order)));
		// status, owner and template are filters here, so only released_by can be expanded.
		const expand = expandArgs(context.args, ['status', 'owner', 'template']);
		return orderList(context, listable(context).filter(matches), expand);
	};
	api.route('GET', '/orders/search', search);
	api.route('GET', '/orders/search/:mode', search);

	api.route('GET', '/tasks/layoutable', (context) => {
		requirePermission(context.user, 'layoutOrders', 'Listing layout tasks');
		const orders = listable(context).filter((order) => order.status & STATUS.layout);
		return orderList(context, orders, unnamedExpandArgs(context));
	});

	api.route('GET', '/tasks/printable', (context) => {
		requirePermission(context.user, 'printOrders', 'Listing print tasks');
		const orders = listable(context).filter((order) => order.status & STATUS.delivery_pending && order.delivery === 2);
		return orderList(context, orders, unnamedExpandArgs(context), true);
	});

	api.route('GET', '/tasks/translatable', (context) => {
		requirePermission(context.user, 'translateOrders', 'Listing translation tasks');
		const orders = listable(context).filter((order) => translatable(context, order));
		return orderList(context, orders, unnamedExpandArgs(context));
	});

	const completed = (context: ApiContext) => {
		const user = userFromPath(context, context.req.params.user);
		const orders = context.env.state.orders.filter((order) => !order.deleted && order.completed_by.includes(user.id));
		return orderList(context, orders, unnamedExpandArgs(context));
	};
	api.route('GET', '/tasks/completed', completed);
	api.route('GET', '/tasks/completed/:user', completed);
}
