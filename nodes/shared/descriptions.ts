import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { TOOL_LIST_LIMIT, TOOL_TYPE_VERSION } from './tool';

/** Shows every property only for the given resource/operation (n8n's nodes-base helper, which community packages cannot import). */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
			...(displayOptions.hide || property.displayOptions?.hide
				? { hide: { ...displayOptions.hide, ...property.displayOptions?.hide } }
				: {}),
		},
	}));
}

/**
 * The standard Return All / Limit pair for list operations. Limit defaults to 50, and to
 * TOOL_LIST_LIMIT in nodes at the tool typeVersion (new AI tool nodes: their answer goes to a model).
 */
export function returnAllOrLimit(maxLimit = 1000): INodeProperties[] {
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: maxLimit },
		default: 50,
		description: 'Max number of results to return',
	};
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{ ...limit, displayOptions: { show: { returnAll: [false], '@version': [{ _cnd: { lt: TOOL_TYPE_VERSION } }] } } },
		{
			...limit,
			default: TOOL_LIST_LIMIT,
			displayOptions: { show: { returnAll: [false], '@version': [{ _cnd: { gte: TOOL_TYPE_VERSION } }] } },
		},
	];
}

/** The output binary field of downloads and of a Custom API Call's file answer. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** The binary property parameter used by uploads and downloads. */
export function binaryPropertyField(description: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file',
		description,
	};
}

/**
 * A node subtitle that reads as a sentence: the `action` of the chosen operation (e.g. "Get many
 * jobs"), looked up by resource and operation in a map built from the node's own Operation options,
 * so it cannot drift from them. Falls back to the raw operation for a value the map lacks.
 */
export function actionSubtitle(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of (property.options ?? []) as Array<{ value?: unknown; action?: string; name?: string }>) {
			for (const resource of resources) actions[`${resource}:${String(option.value)}`] = option.action ?? String(option.name);
		}
	}
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}

/** A subtitle showing the display name of the chosen option of a parameter (e.g. a trigger's event). */
export function optionNameSubtitle(property: INodeProperties): string {
	const names: Record<string, string> = {};
	for (const option of (property.options ?? []) as Array<{ value?: unknown; name?: string }>) names[String(option.value)] = String(option.name);
	return `={{ (${JSON.stringify(names)})[$parameter["${property.name}"]] || $parameter["${property.name}"] }}`;
}
