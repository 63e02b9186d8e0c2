import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidInput } from '../../shared/validation';
import { encodeStatus, STATUS_FLAG_OPTIONS, StatusFlagError } from '../helpers/statusFlags';

/** A multi-select of status flags; an expression may give a number (e.g. 288) instead. */
export function statusFlagsField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		options: STATUS_FLAG_OPTIONS,
		default: [],
		description: `${description}. Pick flags, or give a bitmask number by expression (e.g. 288 = Released + Delivered).`,
	};
}

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
