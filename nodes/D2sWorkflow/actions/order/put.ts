import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { concurrencyOption } from '../../../shared/dispatcher';
import { invalidInput, requireEmail, requireString } from '../../../shared/validation';
import type { UnitsParameter } from '../../helpers/units';
import { unitsFromFields, unitsFromJson } from '../../helpers/units';
import { d2sRequest } from '../../transport';

/** Items are independent orders; several are sent at once (Options › Concurrency). */
export const DEFAULT_CONCURRENCY = 4;
/** The lab downloads every image before it answers, so the default wait is long. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

const EXAMPLE_UNITS = JSON.stringify(
	[
		{
			base: '5e52e550-5964-41c8-a612-4e9df7372401',
			payload: [
				{ slot: 'Slot 1', image: 'https://example.com/image-1.jpg' },
				{ slot: 'Slot 2', image: 'https://example.com/image-2.jpg' },
			],
		},
	],
	null,
	2,
);

const properties: INodeProperties[] = [
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order #1',
		description: 'Your own reference for this order, sent as "order". It is returned with the lab\'s order number.',
	},
	{
		displayName: 'Customer Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'E-mail address of the customer the lab attaches to the order',
	},
	{
		displayName: 'Confirm',
		name: 'confirm',
		type: 'boolean',
		default: true,
		description: 'Whether to send the order as confirmed ("confirm?": true), as the D2S document shows. Ask your lab what an unconfirmed order means for it.',
	},
	{
		displayName: 'Units Input',
		name: 'unitsInputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Enter each unit and its slots in the form below' },
			{ name: 'JSON', value: 'json', description: 'Give the API\'s "units" array as JSON, e.g. built by an expression' },
		],
		default: 'fields',
	},
	{
		displayName: 'Units',
		name: 'units',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Unit',
		default: {},
		description: 'The products of the order. Each unit is a base unit (the widget\'s data-unit) whose slots are filled with images.',
		displayOptions: { show: { unitsInputMode: ['fields'] } },
		options: [
			{
				displayName: 'Unit',
				name: 'unit',
				values: [
					{
						displayName: 'Base Unit ID',
						name: 'base',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5e52e550-5964-41c8-a612-4e9df7372401',
						description: 'The value of the data-unit attribute of the lab\'s widget for this product',
					},
					{
						displayName: 'Slots',
						name: 'slots',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Slot',
						default: {},
						options: [
							{
								displayName: 'Slot',
								name: 'slot',
								values: [
									{
										displayName: 'Slot Name',
										name: 'slot',
										type: 'string',
										default: '',
										placeholder: 'e.g. Slot 1',
										description: 'The slot\'s name as the lab\'s demo widget form shows it',
									},
									{
										displayName: 'Image URL',
										name: 'image',
										type: 'string',
										default: '',
										placeholder: 'e.g. https://example.com/image-1.jpg',
										description: 'Public http(s) address of the image to print on this slot. The lab downloads it before it answers.',
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Units (JSON)',
		name: 'unitsJson',
		type: 'json',
		default: EXAMPLE_UNITS,
		required: true,
		description: 'The API\'s "units" array: [{"base": "data-unit of the widget", "payload": [{"slot": "Slot 1", "image": "https://…"}]}]',
		hint: 'Each unit has only "base" and "payload"; each payload entry only "slot" and "image"',
		displayOptions: { show: { unitsInputMode: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption(DEFAULT_CONCURRENCY, 'How many orders are sent to the lab at the same time. The output keeps the input order.'),
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'How long to wait for the lab\'s answer. The lab downloads every image before it answers, so large orders take a while.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['put'] } }, properties);

function timeoutMs(this: IExecuteFunctions, itemIndex: number): number {
	const value = this.getNodeParameter('options.timeout', itemIndex, DEFAULT_TIMEOUT_SECONDS) as unknown;
	const seconds = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;
	if (!Number.isFinite(seconds) || seconds <= 0) {
		throw invalidInput(this.getNode(), 'Options › Timeout (Seconds)', itemIndex, `must be a positive number, got ${JSON.stringify(value)}`);
	}
	return Math.round(seconds * 1000);
}

/** A validated order, ready to send. */
export interface PreparedOrder {
	fields: IDataObject;
	orderReference: string;
	timeoutMs: number;
}

/** Reads and checks every parameter of one item; nothing is sent. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedOrder {
	const node = this.getNode();
	const orderReference = requireString(node, this.getNodeParameter('orderReference', itemIndex), 'Order Reference', itemIndex, 1000);
	const email = requireEmail(node, this.getNodeParameter('email', itemIndex), 'Customer Email', itemIndex);
	const confirm = this.getNodeParameter('confirm', itemIndex, true);
	if (typeof confirm !== 'boolean') throw invalidInput(node, 'Confirm', itemIndex, `must be true or false, got ${JSON.stringify(confirm)}`);
	const mode = this.getNodeParameter('unitsInputMode', itemIndex, 'fields') as string;
	const units =
		mode === 'json'
			? unitsFromJson(node, this.getNodeParameter('unitsJson', itemIndex), itemIndex)
			: unitsFromFields(node, this.getNodeParameter('units', itemIndex, {}) as UnitsParameter, itemIndex);
	return {
		// Key order and names as in the D2S document; the credential adds "secret".
		fields: { type: 'models-by-widget', order: orderReference, user: { email }, 'confirm?': confirm, units },
		orderReference,
		timeoutMs: timeoutMs.call(this, itemIndex),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, order: PreparedOrder): Promise<IDataObject> {
	const answer = await d2sRequest.call(this, {
		op: 'put-order',
		fields: order.fields,
		itemIndex,
		timeoutMs: order.timeoutMs,
		errorDetails: { orderReference: order.orderReference },
	});
	const orderNum = answer['order-num'];
	return {
		orderNum: typeof orderNum === 'number' || typeof orderNum === 'string' ? orderNum : null,
		message: typeof answer.message === 'string' ? answer.message : '',
		orderReference: order.orderReference,
	};
}

/** What an order that went through created, for the error when a later order fails. */
export function done(output: IDataObject, order: PreparedOrder): string {
	return `created order ${String(output.orderNum)} (reference "${order.orderReference}")`;
}
