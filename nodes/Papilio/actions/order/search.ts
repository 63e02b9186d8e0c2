import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readSimplify, simplifyFields } from '../../../shared/simplify';
import { invalidInput, parseId, readReturnAllOrLimit, requireString, truncate } from '../../../shared/validation';
import { orderOutputs } from '../../helpers/orders';
import { papilioList, papilioServerUrl } from '../../transport';
import { expandOptions, statusFlagsField } from '../common.descriptions';
import { encodeFlags, expandQuery } from '../parameters';
import { orderSimpleFields, ORDER_SIMPLE_SUMMARY } from './common';

const DATE_FIELDS = ['created', 'modified', 'released', 'delivered'] as const;

function dateFilters(): INodeProperties[] {
	const label = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);
	return DATE_FIELDS.flatMap((field) => [
		{
			displayName: `${label(field)} On`,
			name: field,
			type: 'dateTime' as const,
			default: '',
			description: `Orders ${field} on this day`,
		},
		{
			displayName: `${label(field)} After`,
			name: `${field}_after`,
			type: 'dateTime' as const,
			default: '',
			description: `Orders ${field} after this day`,
		},
		{
			displayName: `${label(field)} Before`,
			name: `${field}_before`,
			type: 'dateTime' as const,
			default: '',
			description: `Orders ${field} before this day`,
		},
	]);
}

const filterOptions: INodeProperties[] = [
	{
		displayName: 'Color Space',
		name: 'color_space',
		type: 'options',
		options: [
			{ name: 'CMYK', value: 'cmyk' },
			{ name: 'Gray', value: 'gray' },
			{ name: 'RGB', value: 'rgb' },
		],
		default: 'cmyk',
	},
	...dateFilters(),
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'Adsizer', value: 'adsizer' },
			{ name: 'Manual', value: 'manual' },
			{ name: 'Standard', value: 'standard' },
			{ name: 'Standard Size', value: 'std_size' },
		],
		default: 'standard',
	},
	{
		displayName: 'Language',
		name: 'lang',
		type: 'string',
		default: '',
		placeholder: 'e.g. de',
		description: 'Language code of the order (ISO 639-1)',
	},
	{
		displayName: 'Owner ID',
		name: 'owner',
		type: 'string',
		default: '',
		description: 'ID of the user who owns the orders',
	},
	{
		displayName: 'Quality (DPI)',
		name: 'quality',
		type: 'number',
		default: 300,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'Output resolution, most likely 300 or 150',
	},
	statusFlagsField('Status Has All Of', 'status', 'Orders having all of these flags'),
	statusFlagsField('Status Has None Of', 'status_not', 'Orders having none of these flags'),
	{
		displayName: 'Template Name or ID',
		name: 'template',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		default: '',
		description:
			'Template the orders were made from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Whole or partial title',
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Match',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'All Filters (AND)', value: 'and' },
			{ name: 'Any Filter (OR)', value: 'or' },
		],
		default: 'and',
		description: 'Whether orders must match every filter or at least one',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filterOptions,
	},
	...returnAllOrLimit(),
	...simplifyFields(ORDER_SIMPLE_SUMMARY),
	expandOptions(['released_by']),
	{
		displayName: 'Searching orders needs the editUsers permission',
		name: 'searchNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['search'] } }, withConcurrencyOption(properties));

/** A date filter as papilio's yyyy-mm-dd (from the date picker, an ISO string or a Luxon/JS date). */
function dayOf(context: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	let text = typeof value === 'string' ? value.trim() : '';
	if (value instanceof Date && !Number.isNaN(value.getTime())) text = value.toISOString();
	// Expressions may give a Luxon DateTime ($now, $today); its own date is the one the user means.
	const luxon = value as { toISODate?: () => string | null };
	if (value && typeof value === 'object' && typeof luxon.toISODate === 'function') text = luxon.toISODate() ?? '';
	const day = /^(\d{4})-(\d{2})-(\d{2})([T ].*)?$/.exec(text);
	// papilio takes the day only, but a time that does not exist means the value is wrong.
	if (day && (!day[4] || !Number.isNaN(Date.parse(text.replace(' ', 'T'))))) {
		const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
		if (date.getUTCMonth() === Number(day[2]) - 1 && date.getUTCDate() === Number(day[3])) return text.slice(0, 10);
	}
	throw invalidInput(context.getNode(), field, itemIndex, `"${truncate(String(value))}" is not a date (yyyy-mm-dd)`);
}

/** The filters as papilio's query arguments, validated before anything is sent. */
export function searchQuery(context: IExecuteFunctions, filters: IDataObject, itemIndex: number): IDataObject {
	const node = context.getNode();
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value === undefined || value === null || value === '') continue;
		const label = filterOptions.find((option) => option.name === key)?.displayName ?? key;
		if (key === 'status' || key === 'status_not') {
			const mask = encodeFlags(context, value, itemIndex, label);
			if (mask !== undefined) qs[key] = mask;
		} else if (key === 'template' || key === 'owner' || key === 'quality') {
			qs[key] = parseId(node, value, label, itemIndex);
		} else if (key === 'title' || key === 'lang') {
			qs[key] = requireString(node, value, label, itemIndex, 255);
		} else if (key === 'color_space' || key === 'format') {
			const allowed = (filterOptions.find((option) => option.name === key)?.options ?? []).map((option) => (option as { value: string }).value);
			if (!allowed.includes(String(value))) {
				throw invalidInput(node, label, itemIndex, `"${truncate(String(value))}" is not one of ${allowed.join(', ')}`);
			}
			qs[key] = String(value);
		} else if (DATE_FIELDS.some((field) => key === field || key === `${field}_before` || key === `${field}_after`)) {
			qs[key] = dayOf(context, value, label, itemIndex);
		} else {
			throw invalidInput(node, 'Filters', itemIndex, `"${key}" is not a papilio search filter`);
		}
	}
	if (qs.lang !== undefined && !/^[a-z]{2}$/i.test(String(qs.lang))) {
		throw invalidInput(node, 'Language', itemIndex, `"${truncate(String(qs.lang))}" is not a two-letter ISO 639-1 code such as de`);
	}
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mode = this.getNodeParameter('mode', itemIndex, 'and') as string;
	if (mode !== 'and' && mode !== 'or') throw invalidInput(this.getNode(), 'Match', itemIndex, `must be "and" or "or", got "${mode}"`);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const expand = expandQuery(this, itemIndex, ['released_by']);
	const qs = { ...searchQuery(this, filters, itemIndex), ...expand };
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	const { list } = await papilioList.call(this, { path: `/orders/search/${mode}`, qs, itemIndex }, 'orders', { returnAll, limit });
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	return orderOutputs(list, { serverUrl, simpleFields: simplify ? orderSimpleFields(expand) : undefined });
}
