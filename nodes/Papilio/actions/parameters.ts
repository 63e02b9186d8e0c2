/**
 * Reading the parameters several papilio operations share (see common.descriptions.ts). Everything
 * here runs before a request is sent, so bad input stops an item with an error naming the field.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidInput, parseId } from '../../shared/validation';
import { encodeStatus, StatusFlagError } from '../helpers/statusFlags';
import { ALL_EXPANDS, type ExpandName } from './common.descriptions';

/** The bitmask of a flags parameter (undefined when nothing is selected). */
export function flagsParameter(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	field: string,
): number | undefined {
	const value = context.getNodeParameter(parameter, itemIndex, []) as unknown;
	return encodeFlags(context, value, itemIndex, field);
}

export function encodeFlags(context: IExecuteFunctions, value: unknown, itemIndex: number, field: string): number | undefined {
	try {
		return encodeStatus(value);
	} catch (error) {
		if (error instanceof StatusFlagError) throw invalidInput(context.getNode(), field, itemIndex, error.message);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

export function getOrderId(context: IExecuteFunctions, itemIndex: number): number {
	const value = context.getNodeParameter('orderId', itemIndex, undefined, { extractValue: true });
	return parseId(context.getNode(), value, 'Order', itemIndex);
}

/** The expand selection (options.expand) as papilio's boolean query arguments. */
export function expandQuery(context: IExecuteFunctions, itemIndex: number, allowed: ExpandName[] = ALL_EXPANDS): IDataObject {
	const value = context.getNodeParameter('options.expand', itemIndex, []) as unknown;
	const selected = Array.isArray(value) ? value : typeof value === 'string' && value ? value.split(',') : [];
	const known = new Set<string>(allowed);
	const query: IDataObject = {};
	for (const entry of selected) {
		const name = String(entry).trim();
		if (!known.has(name)) {
			throw invalidInput(context.getNode(), 'Expand', itemIndex, `"${name}" is not one of ${[...known].join(', ')}`);
		}
		query[name] = 'true';
	}
	return query;
}

/** The user path segment (`/42`), or '' for the current user. */
export function userSegment(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('userId', itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return '';
	return `/${parseId(context.getNode(), value, 'User ID', itemIndex)}`;
}
