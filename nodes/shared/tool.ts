/**
 * The AI tool variant of an action node ("tFLOW Tool", type `tflowTool`), which n8n builds from the
 * node itself. For the editor's node list n8n shallow-spreads `usableAsTool.replacements` over a copy
 * of the description (n8n 1.123: load-nodes-and-credentials.js `createAiTools`; 2.x:
 * tool-generation/ai-tools.js and node-types.js `buildSyntheticToolDescription`), so a `properties`
 * replacement is what the tool variant offers. When the tool runs, n8n uses the node's own properties
 * (node-types.js `getByNameAndVersion`): the replacement may only leave options and fields out, never
 * change a default, and what it leaves out must still refuse to run as a tool (see `runsAsTool`).
 *
 * What a tool answers goes to a model, so new tool nodes get their own typeVersion (the variant's
 * `defaultVersion`), saved with the node: from it list operations default to a short Limit. A default
 * that depends on the saved typeVersion is the same in the editor and when the tool runs.
 */
import type { IExecuteFunctions, INodeProperties, INodeTypeBaseDescription, UsableAsToolDescription } from 'n8n-workflow';

/** The typeVersion of new tool nodes (new plain nodes stay at 1.1, SIMPLIFY_DEFAULT_ON_FROM). */
export const TOOL_TYPE_VERSION = 1.2;

/** The Limit list operations default to from TOOL_TYPE_VERSION: ten simplified tFLOW jobs are about 2.6 KB. */
export const TOOL_LIST_LIMIT = 10;

/** An operation the tool variant leaves out (with all its fields), or only one field of it. */
export interface HiddenFromTool {
	resource: string;
	operation: string;
	/** Only this parameter of the operation; without it, the operation itself. */
	field?: string;
}

/**
 * n8n-workflow types `replacements` without `properties` (they are not part of the base description),
 * but n8n spreads the whole object; this names what the package relies on.
 */
interface ToolReplacements extends Partial<Omit<INodeTypeBaseDescription, 'usableAsTool'>> {
	properties?: INodeProperties[];
}

function shownFor(property: INodeProperties, key: 'resource' | 'operation'): string[] {
	const values = property.displayOptions?.show?.[key];
	return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

function isHidden(hidden: HiddenFromTool[], resource: string, operation: string, field?: string): boolean {
	return hidden.some(
		(entry) => entry.resource === resource && entry.operation === operation && (entry.field === undefined || entry.field === field),
	);
}

/**
 * The node's properties without the hidden operations' options and fields, and without a resource
 * all of whose operations are hidden; the rest unchanged (same objects).
 */
export function toolProperties(properties: INodeProperties[], hidden: HiddenFromTool[]): INodeProperties[] {
	const kept: INodeProperties[] = [];
	const emptied = new Set<string>();
	for (const property of properties) {
		const resources = shownFor(property, 'resource');
		if (property.name === 'operation' && property.type === 'options') {
			const options = (property.options ?? []).filter(
				(option) =>
					!('value' in option) ||
					resources.length === 0 ||
					!resources.every((resource) => isHidden(hidden, resource, String(option.value))),
			);
			if (options.length === 0 && resources.length > 0) resources.forEach((resource) => emptied.add(resource));
			else kept.push(options.length === property.options?.length ? property : { ...property, options });
			continue;
		}
		const operations = shownFor(property, 'operation');
		const pairs = resources.flatMap((resource) => operations.map((operation) => ({ resource, operation })));
		const dropped = pairs.length > 0 && pairs.every(({ resource, operation }) => isHidden(hidden, resource, operation, property.name));
		if (!dropped) kept.push(property);
	}
	if (emptied.size === 0) return kept;
	return kept.map((property) =>
		property.name === 'resource' && property.type === 'options'
			? { ...property, options: (property.options ?? []).filter((option) => !('value' in option) || !emptied.has(String(option.value))) }
			: property,
	);
}

/**
 * `usableAsTool` for a node with list operations (returnAllOrLimit) and versions up to TOOL_TYPE_VERSION:
 * new tool nodes get that version; the tool variant leaves the given operations or fields out. A node
 * without such versions (`versioned: false`) keeps its own version in the tool variant.
 */
export function usableAsToolWithout(properties: INodeProperties[], hidden: HiddenFromTool[] = [], { versioned = true } = {}): UsableAsToolDescription {
	const replacements: ToolReplacements = versioned ? { defaultVersion: TOOL_TYPE_VERSION } : {};
	if (hidden.length > 0) replacements.properties = toolProperties(properties, hidden);
	return { replacements };
}

/** Whether the node runs as its AI tool variant (n8n gives the variant the node's type plus `Tool`). */
export function runsAsTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}
