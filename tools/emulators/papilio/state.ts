/**
 * The data a brix:papilio instance holds (users, orders, messages, the template tree) and how the API
 * serialises it. Numbers go over the wire as strings, as in the spec's examples.
 */

/** The status bitmask of specs/papilio-api.txt ("Status codes"). */
export const STATUS = {
	open: 1,
	precontroll: 2,
	layout: 4,
	control: 8,
	rejected: 16,
	released: 32,
	released2: 64,
	delivery_pending: 128,
	delivered: 256,
	charged: 512,
	exported: 1024,
} as const;

export const ALL_STATUS_BITS = 2047;

/** Expanded names in bit order; the spec calls both controller steps "released". */
const STATUS_NAMES: Array<[number, string]> = [
	[STATUS.open, 'open'],
	[STATUS.precontroll, 'precontroll'],
	[STATUS.layout, 'layout'],
	[STATUS.control, 'control'],
	[STATUS.rejected, 'rejected'],
	[STATUS.released, 'released'],
	[STATUS.released2, 'released'],
	[STATUS.delivery_pending, 'delivery_pending'],
	[STATUS.delivered, 'delivered'],
	[STATUS.charged, 'charged'],
	[STATUS.exported, 'exported'],
];

export type Permission =
	| 'editUsers'
	| 'editUserOrders'
	| 'editClients'
	| 'layoutOrders'
	| 'printOrders'
	| 'translateOrders'
	| 'createOrders';

export interface PapilioUser {
	id: number;
	username: string;
	password: string;
	first_name: string;
	last_name: string;
	email: string;
	lang: string;
	group: number;
	active: boolean;
	permissions: Permission[];
	/** Language pairs this user may translate, e.g. ['de', 'fr']. */
	translates: Array<[string, string]>;
}

export interface OrderRecord {
	id: number;
	title: string;
	status: number;
	/** Set by deleting a delivered order: hidden everywhere except /orders/deleted. */
	deleted: boolean;
	/** null marks an unassigned translation task. */
	owner: number | null;
	template: number;
	lang: string;
	quality: number;
	color_space: 'cmyk' | 'rgb' | 'gray';
	format: 'standard' | 'manual' | 'adsizer' | 'std_size';
	dimension: { unit: string; width: number; height: number };
	created: string;
	modified: string;
	released: string | null;
	delivered: string | null;
	pages: number;
	pin: string | null;
	remark: string;
	released_by?: number;
	reject_reason?: string;
	upload_name?: string;
	translation_of?: number;
	/** 1 = download, 2 = postage. */
	delivery: 1 | 2;
	recipient?: string;
	address?: string;
	delivery_date?: string;
	copies?: number;
	/** Users who completed a task (layout, print, translation) on this order: /tasks/completed/{user}. */
	completed_by: number[];
	/** Example publication of this template (/templates/examples); kept out of the order lists. */
	example_of?: number;
	/** Size of the download body; unset = the small PDF (or the emulator-wide downloadSizeBytes). */
	downloadSize?: number;
	/** false makes /order/preview answer internal_server_error ("could not be rendered"). */
	renderable: boolean;
}

export interface MessageRecord {
	id: number;
	title: string;
	body: string;
	sender: number;
	recipient: number;
	read: boolean;
	timestamp: string;
}

export interface TemplateRecord {
	id: number;
	type: 'group' | 'template';
	title: string;
	/** 0 = root. */
	parent: number;
	order: number;
	active: boolean;
	/** User groups that may not see it (papilio group permissions are deny-lists). */
	deniedGroups: number[];
	dimension?: { unit: string; width: number; height: number };
	pages?: number;
	languages?: string[];
	quality?: number[];
	color_space?: string[];
	delivery?: 'download' | 'postage';
	price?: number;
}

export interface PapilioState {
	users: PapilioUser[];
	orders: OrderRecord[];
	messages: MessageRecord[];
	templates: TemplateRecord[];
}

export interface SeedUsers {
	username: string;
	password: string;
}

/** `yyyy-mm-dd HH:MM` in UTC, the API's timestamp format. */
export function formatTimestamp(date: Date): string {
	return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A timestamp `daysAgo` days before now, kept inside the current year so /orders/all sees it. */
function recent(daysAgo: number, hour = 9): string {
	const now = new Date();
	const date = new Date(now.getTime() - daysAgo * 86_400_000);
	date.setUTCHours(hour, 15 + daysAgo, 0, 0);
	if (date.getUTCFullYear() !== now.getUTCFullYear() || date > now) {
		return formatTimestamp(new Date(Date.UTC(now.getUTCFullYear(), 0, 1, hour, daysAgo)));
	}
	return formatTimestamp(date);
}

export const API_USER_ID = 1;
export const CONTROLLER_ID = 8;
export const DESIGNER_ID = 12;
export const INACTIVE_USER_ID = 15;

export function seedUsers(apiUser: SeedUsers): PapilioUser[] {
	return [
		{
			id: API_USER_ID,
			username: apiUser.username,
			password: apiUser.password,
			first_name: 'API',
			last_name: 'Script',
			email: 'api-script@papilio.example',
			lang: 'de',
			group: 1,
			active: true,
			permissions: [
				'editUsers',
				'editUserOrders',
				'editClients',
				'layoutOrders',
				'printOrders',
				'translateOrders',
				'createOrders',
			],
			translates: [
				['de', 'fr'],
				['de', 'it'],
			],
		},
		{
			id: CONTROLLER_ID,
			username: 'controller',
			password: 'papilio-controller-password',
			first_name: 'Claudia',
			last_name: 'Keller',
			email: 'c.keller@papilio.example',
			lang: 'de',
			group: 1,
			active: true,
			permissions: ['editUserOrders', 'layoutOrders', 'createOrders'],
			translates: [],
		},
		{
			id: DESIGNER_ID,
			username: 'designer',
			password: 'papilio-designer-password',
			first_name: 'Daniel',
			last_name: 'Müller',
			email: 'd.mueller@papilio.example',
			lang: 'de',
			group: 2,
			active: true,
			permissions: ['createOrders'],
			translates: [],
		},
		{
			id: INACTIVE_USER_ID,
			username: 'former',
			password: 'papilio-former-password',
			first_name: 'Fritz',
			last_name: 'Former',
			email: 'f.former@papilio.example',
			lang: 'fr',
			group: 2,
			active: false,
			permissions: ['createOrders'],
			translates: [],
		},
	];
}

function template(partial: Partial<TemplateRecord> & Pick<TemplateRecord, 'id' | 'title' | 'parent' | 'order'>): TemplateRecord {
	return {
		type: 'template',
		active: true,
		deniedGroups: [],
		dimension: { unit: 'mm', width: 210, height: 297 },
		pages: 1,
		languages: ['de', 'fr', 'it'],
		quality: [150, 300],
		color_space: ['gray', 'cmyk'],
		delivery: 'download',
		price: 0,
		...partial,
	};
}

function group(id: number, title: string, parent: number, order: number): TemplateRecord {
	return { id, type: 'group', title, parent, order, active: true, deniedGroups: [] };
}

/** Two levels of groups with templates at every level, as in the spec's nested example. */
export function seedTemplates(): TemplateRecord[] {
	return [
		group(8, 'Inserate', 0, 0),
		group(16, 'Zeitungsinserate', 8, 1),
		template({ id: 33, title: 'Inserat flexibel (Adsizer)', parent: 16, order: 1, dimension: { unit: 'mm', width: 138, height: 210 } }),
		template({ id: 34, title: 'Inserat A4 hoch', parent: 16, order: 2 }),
		template({ id: 35, title: 'Online-Banner', parent: 8, order: 19, color_space: ['rgb'], quality: [150], dimension: { unit: 'mm', width: 300, height: 250 } }),
		group(9, 'Drucksachen', 0, 10),
		template({
			id: 40,
			title: 'Visitenkarte',
			parent: 9,
			order: 11,
			dimension: { unit: 'mm', width: 85, height: 55 },
			pages: 2,
			delivery: 'postage',
			price: 45,
		}),
		template({ id: 41, title: 'Flyer A5', parent: 9, order: 12, dimension: { unit: 'mm', width: 148, height: 210 }, delivery: 'postage', price: 120 }),
		template({ id: 42, title: 'Briefpapier (alt)', parent: 9, order: 13, active: false }),
		template({
			id: 36,
			title: 'Plakat F4 (Weltformat)',
			parent: 0,
			order: 20,
			dimension: { unit: 'mm', width: 895, height: 1280 },
			deniedGroups: [2],
		}),
	];
}

function order(partial: Partial<OrderRecord> & Pick<OrderRecord, 'id' | 'title' | 'status' | 'owner' | 'template' | 'created'>): OrderRecord {
	return {
		deleted: false,
		lang: 'de',
		quality: 300,
		color_space: 'cmyk',
		format: 'standard',
		dimension: { unit: 'mm', width: 210, height: 297 },
		modified: partial.created,
		released: null,
		delivered: null,
		pages: 1,
		pin: null,
		remark: '',
		delivery: 1,
		completed_by: [],
		renderable: true,
		...partial,
	};
}

export function seedOrders(): OrderRecord[] {
	const { open, layout, control, rejected, released, released2, delivery_pending, delivered, charged, exported } = STATUS;
	return [
		order({
			id: 51038,
			title: 'Inserat Bebbi Jazz',
			status: released | delivered,
			owner: API_USER_ID,
			template: 33,
			format: 'adsizer',
			dimension: { unit: 'mm', width: 138, height: 210 },
			created: '2013-03-12 16:13',
			modified: '2013-03-12 16:14',
			released: '2013-03-12 16:14',
			delivered: '2013-03-12 16:14',
			pin: '37g6m',
			remark: 'This is my demo order',
			released_by: CONTROLLER_ID,
			completed_by: [CONTROLLER_ID],
		}),
		order({
			id: 51040,
			title: 'Visitenkarte Müller',
			status: released | delivery_pending,
			owner: DESIGNER_ID,
			template: 40,
			dimension: { unit: 'mm', width: 85, height: 55 },
			pages: 2,
			created: '2024-05-06 10:02',
			modified: '2024-05-07 08:30',
			released: '2024-05-07 08:30',
			released_by: CONTROLLER_ID,
			delivery: 2,
			recipient: 'Hans Müller, Müller Treuhand AG',
			address: 'Freie Strasse 12\n4001 Basel\nSchweiz',
			delivery_date: '2024-05-20',
			copies: 250,
		}),
		order({
			id: 51041,
			title: 'Flyer Herbstmarkt',
			status: released | delivery_pending,
			owner: API_USER_ID,
			template: 41,
			dimension: { unit: 'mm', width: 148, height: 210 },
			pages: 2,
			created: recent(12),
			modified: recent(10),
			released: recent(10),
			released_by: CONTROLLER_ID,
			delivery: 2,
			recipient: 'Quartierverein St. Johann',
			address: 'Elsässerstrasse 2\n4056 Basel\nSchweiz',
			copies: 1000,
		}),
		order({
			id: 51042,
			title: 'Inserat Stellenangebot Grafiker/in',
			status: open,
			owner: DESIGNER_ID,
			template: 34,
			created: recent(3),
			modified: recent(2),
		}),
		order({
			id: 51043,
			title: 'Plakat Sommerfest',
			status: open | layout,
			owner: DESIGNER_ID,
			template: 36,
			format: 'manual',
			dimension: { unit: 'mm', width: 895, height: 1280 },
			upload_name: 'plakat_sommerfest_entwurf.eps',
			created: recent(20),
			modified: recent(5),
			remark: 'Bitte Logo grösser',
		}),
		order({
			id: 51044,
			title: 'Inserat Bebbi Jazz (FR)',
			status: open,
			owner: null,
			template: 33,
			lang: 'fr',
			format: 'adsizer',
			dimension: { unit: 'mm', width: 138, height: 210 },
			translation_of: 51038,
			created: recent(4),
			modified: recent(4),
		}),
		order({
			id: 51045,
			title: 'Visitenkarte Keller',
			status: open | control,
			owner: CONTROLLER_ID,
			template: 40,
			dimension: { unit: 'mm', width: 85, height: 55 },
			pages: 2,
			created: recent(6),
			modified: recent(1),
		}),
		order({
			id: 51046,
			title: 'Inserat Wohnung zu vermieten',
			status: open | rejected,
			owner: API_USER_ID,
			template: 34,
			created: recent(8),
			modified: recent(7),
			reject_reason: 'typo in headline',
			released_by: CONTROLLER_ID,
		}),
		order({
			id: 51047,
			title: 'Flyer Frühlingsmarkt',
			status: released | delivered | charged | exported,
			owner: API_USER_ID,
			template: 41,
			dimension: { unit: 'mm', width: 148, height: 210 },
			pages: 2,
			created: '2023-03-01 09:12',
			modified: '2023-03-09 17:40',
			released: '2023-03-02 11:00',
			delivered: '2023-03-09 17:40',
			released_by: CONTROLLER_ID,
			delivery: 2,
			completed_by: [API_USER_ID],
		}),
		order({
			id: 51048,
			title: 'Banner Weihnachtsaktion',
			status: released | released2 | delivered,
			owner: API_USER_ID,
			template: 35,
			lang: 'de',
			quality: 150,
			color_space: 'rgb',
			dimension: { unit: 'mm', width: 300, height: 250 },
			created: '2022-11-28 14:05',
			modified: '2022-12-01 08:00',
			released: '2022-11-30 16:45',
			delivered: '2022-12-01 08:00',
			released_by: CONTROLLER_ID,
			completed_by: [API_USER_ID],
		}),
		order({
			id: 51049,
			title: 'Inserat Ausverkauf',
			status: released | delivered,
			deleted: true,
			owner: DESIGNER_ID,
			template: 34,
			created: '2023-08-14 11:20',
			modified: '2023-08-20 10:00',
			released: '2023-08-15 09:00',
			delivered: '2023-08-16 07:30',
			released_by: CONTROLLER_ID,
		}),
		order({
			id: 51050,
			title: 'Inserat Neueröffnung Bäckerei',
			status: released | delivered,
			owner: DESIGNER_ID,
			template: 34,
			lang: 'it',
			quality: 150,
			color_space: 'gray',
			created: recent(30),
			modified: recent(25),
			released: recent(28),
			delivered: recent(25),
			released_by: CONTROLLER_ID,
			completed_by: [API_USER_ID],
		}),
		order({
			id: 51051,
			title: 'Inserat Konzert Stadtcasino',
			status: open,
			owner: API_USER_ID,
			template: 33,
			format: 'adsizer',
			color_space: 'rgb',
			quality: 150,
			dimension: { unit: 'mm', width: 138, height: 100 },
			created: recent(1),
			modified: recent(1),
		}),
		// Example publications of template 40 ("Visitenkarte"), in two languages.
		order({ id: 50101, title: 'Beispiel Visitenkarte Rot', status: released, owner: CONTROLLER_ID, template: 40, example_of: 40, created: '2021-01-10 10:00' }),
		order({ id: 50102, title: 'Exemple carte de visite', status: released, owner: CONTROLLER_ID, template: 40, lang: 'fr', example_of: 40, created: '2021-01-10 10:05' }),
		order({ id: 50103, title: 'Beispiel Visitenkarte Blau', status: released, owner: CONTROLLER_ID, template: 40, example_of: 40, created: '2021-01-10 10:10' }),
	];
}

export function seedMessages(): MessageRecord[] {
	return [
		{
			id: 2460,
			title: 'Auftrag 51045 wartet auf Freigabe',
			body: 'Bitte die <strong>Visitenkarte Keller</strong> kontrollieren.',
			sender: CONTROLLER_ID,
			recipient: API_USER_ID,
			read: false,
			timestamp: recent(1, 13),
		},
		{
			id: 2461,
			title: 'Stelleninserat',
			body: 'Das Inserat ist <em>bereit</em> zur Kontrolle.',
			sender: API_USER_ID,
			recipient: DESIGNER_ID,
			read: false,
			timestamp: recent(2, 17),
		},
		{
			id: 2462,
			title: 'Korrektur Flyer Herbstmarkt',
			body: 'Datum im Flyer ist korrigiert.',
			sender: DESIGNER_ID,
			recipient: API_USER_ID,
			read: true,
			timestamp: recent(9, 11),
		},
		{
			id: 2463,
			title: 'Logo Sommerfest',
			body: 'Neues Logo im Anhang der Vorlage.',
			sender: DESIGNER_ID,
			recipient: CONTROLLER_ID,
			read: false,
			timestamp: recent(5, 8),
		},
	];
}

export function seedState(apiUser: SeedUsers, withData: boolean): PapilioState {
	return {
		users: seedUsers(apiUser),
		orders: withData ? seedOrders() : [],
		messages: withData ? seedMessages() : [],
		templates: withData ? seedTemplates() : [],
	};
}

export function statusNames(status: number): string[] {
	const names: string[] = [];
	for (const [bit, name] of STATUS_NAMES) {
		if (status & bit && !names.includes(name)) names.push(name);
	}
	return names;
}

export function serializeUser(user: PapilioUser) {
	return {
		id: String(user.id),
		username: user.username,
		first_name: user.first_name,
		last_name: user.last_name,
		email: user.email,
		lang: user.lang,
	};
}

/** The template's entry in trees and lists (children, nested, search). */
export function serializeTreeNode(record: TemplateRecord, state: PapilioState) {
	const hasExamples = state.orders.some((candidate) => candidate.example_of === record.id && !candidate.deleted);
	return {
		id: String(record.id),
		title: record.title,
		status: '2',
		order: String(record.order),
		type: record.type,
		multiprev: '0',
		examples: hasExamples ? '1' : '0',
		preview: `/data/4/preview/${record.type === 'group' ? 'g' : 't'}_${record.id}`,
	};
}

/** The answer of /template/{id}. */
export function serializeTemplate(record: TemplateRecord, baseUrl: string) {
	return {
		id: String(record.id),
		title: record.title,
		preview: `${baseUrl}/data/4/preview/t_${record.id}_preview.jpg`,
		dimension: dimensionOut(record.dimension!),
		parent: String(record.parent),
		order: String(record.order),
		pages: String(record.pages),
		languages: record.languages,
		quality: record.quality!.map(String),
		color_space: record.color_space,
		delivery: record.delivery,
		price: String(record.price),
	};
}

function dimensionOut(dimension: { unit: string; width: number; height: number }) {
	return { unit: dimension.unit, width: String(dimension.width), height: String(dimension.height) };
}

export interface Expand {
	status?: boolean;
	owner?: boolean;
	template?: boolean;
	released_by?: boolean;
}

export interface SerializeContext {
	state: PapilioState;
	baseUrl: string;
	expand: Expand;
	/** Size of the body /order/download/{id} streams for this order. */
	fileSize: (order: OrderRecord) => number;
	/** /tasks/printable adds recipient, address, delivery_date and copies. */
	printFields?: boolean;
}

export function serializeOrder(record: OrderRecord, context: SerializeContext) {
	const { state, expand, baseUrl } = context;
	const userById = (id: number) => state.users.find((user) => user.id === id);
	const owner = record.owner === null ? null : userById(record.owner);
	const templateRecord = state.templates.find((candidate) => candidate.id === record.template);
	const statusOut = expand.status
		? [...statusNames(record.status), ...(record.deleted ? ['deleted'] : [])]
		: String(record.status);
	const result: Record<string, unknown> = {
		id: String(record.id),
		title: record.title,
		preview: `${baseUrl}/data/4/orders/${record.id}/live.jpg`,
		status: statusOut,
		owner: record.owner === null ? null : expand.owner && owner ? serializeUser(owner) : String(record.owner),
		template:
			expand.template && templateRecord?.type === 'template'
				? serializeTemplate(templateRecord, baseUrl)
				: String(record.template),
		lang: record.lang,
		quality: String(record.quality),
		color_space: record.color_space,
		format: record.format,
		dimension: dimensionOut(record.dimension),
		created: record.created,
		modified: record.modified,
		released: record.released,
		delivered: record.delivered,
		filesize: String(context.fileSize(record)),
		pages: String(record.pages),
		pin: record.pin,
		remark: record.remark,
	};
	if (record.released_by !== undefined) {
		const controller = userById(record.released_by);
		// The spec's example shows released_by as a bare number.
		result.released_by = expand.released_by && controller ? serializeUser(controller) : record.released_by;
	}
	if (record.reject_reason !== undefined) result.reject_reason = record.reject_reason;
	if (record.upload_name !== undefined) result.upload_name = record.upload_name;
	if (record.translation_of !== undefined) result.translation_of = String(record.translation_of);
	if (context.printFields) {
		result.recipient = record.recipient ?? '';
		result.address = record.address ?? '';
		result.delivery_date = record.delivery_date ?? null;
		result.copies = String(record.copies ?? 1);
	}
	return result;
}

export function serializeMessage(record: MessageRecord, state: PapilioState, direction: 'received' | 'sent') {
	const otherId = direction === 'received' ? record.sender : record.recipient;
	const other = state.users.find((user) => user.id === otherId);
	return {
		id: String(record.id),
		title: record.title,
		body: record.body,
		sent: true,
		read: record.read,
		timestamp: record.timestamp,
		[direction === 'received' ? 'sender' : 'recipient']: other ? serializeUser(other) : null,
	};
}
