/**
 * The AI tool variants ("tFLOW Tool"): what n8n offers in them, built the way n8n builds them (a copy
 * of the description with `usableAsTool.replacements` spread over it), and that every operation that
 * reads a file from its input item is left out: a tool call carries no file. That n8n really shows the
 * variant so is checked in a real n8n on every tested line (test/e2e/n8n.test.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, deepCopy } from 'n8n-workflow';

import { D2sWorkflow } from '../../nodes/D2sWorkflow/D2sWorkflow.node';
import { Papilio } from '../../nodes/Papilio/Papilio.node';
import { HIDDEN_FROM_TOOL, Tflow } from '../../nodes/Tflow/Tflow.node';
import type { HiddenFromTool } from '../../nodes/shared/tool';
import { CUSTOM_CALL_HIDDEN_FROM_TOOL, customCallOperation, type CustomCallSystem } from '../../nodes/shared/customCall';
import { TOOL_LIST_LIMIT, TOOL_TYPE_VERSION, runsAsTool, toolProperties } from '../../nodes/shared/tool';

/** What n8n's createAiTools / buildSyntheticToolDescription do before adding the tool's own fields. */
function toolVariantOf(nodeType: INodeType): INodeTypeDescription {
	const { description } = nodeType;
	return typeof description.usableAsTool === 'object'
		? ({ ...deepCopy(description), ...description.usableAsTool.replacements } as INodeTypeDescription)
		: deepCopy(description);
}

function operationValues(properties: INodeProperties[], resource: string): string[] {
	const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
	return ((operation?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
}

function fieldsOf(properties: INodeProperties[], resource: string, operation: string): string[] {
	return properties
		.filter((property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation))
		.map((property) => property.name);
}

describe('tFLOW Tool', () => {
	const base = new Tflow().description;
	const tool = toolVariantOf(new Tflow());

	/** The operations that upload a file from the input item. */
	const UPLOADS = ['uploadArtwork', 'createWithArtwork'];

	test('offers every job operation but the uploads (Upload Artwork, Create With Artwork); Execute Transition without its Input Binary Field', () => {
		expect(operationValues(tool.properties, 'job')).toEqual(operationValues(base.properties, 'job').filter((value) => !UPLOADS.includes(value)));
		for (const upload of UPLOADS) {
			expect(fieldsOf(base.properties, 'job', upload)).toContain('binaryPropertyName');
			expect(fieldsOf(tool.properties, 'job', upload)).toEqual([]);
		}
		expect(fieldsOf(base.properties, 'job', 'executeTransition')).toContain('binaryPropertyName');
		expect(fieldsOf(tool.properties, 'job', 'executeTransition')).toEqual(
			fieldsOf(base.properties, 'job', 'executeTransition').filter((name) => name !== 'binaryPropertyName'),
		);
		// The download's output field stays: a download needs no file from its input.
		expect(fieldsOf(tool.properties, 'revision', 'download')).toContain('binaryPropertyName');
	});

	test('changes nothing else: the node\'s other properties, in the same order, with the same defaults', () => {
		// n8n runs the tool with the node's own properties: a different default would change what a saved tool does.
		const show = (property: INodeProperties) => JSON.stringify(property.displayOptions?.show ?? {});
		const expected = withoutCustomCall(base.properties)
			.filter((property) => !UPLOADS.some((upload) => show(property).startsWith(`{"resource":["job"],"operation":["${upload}"]`)))
			.filter((property) => !(property.name === 'binaryPropertyName' && show(property).includes('"operation":["executeTransition"]')))
			.map((property) =>
				property.name === 'operation' && show(property) === '{"resource":["job"]}'
					? { ...property, options: (property.options as INodePropertyOptions[]).filter((option) => !UPLOADS.includes(String(option.value))) }
					: property,
			);
		expect(tool.properties).toEqual(expected);
		expect(expected.length).toBeLessThan(base.properties.length - 2);
		const { properties: _base, usableAsTool: _a, ...baseRest } = base;
		const { properties: _tool, usableAsTool: _b, ...toolRest } = tool;
		expect(toolRest).toEqual({ ...baseRest, defaultVersion: TOOL_TYPE_VERSION });
	});
});

test('papilio reads no file from its input: its tool variant has all its properties but the Custom API Call; D2S (no lists) keeps its version', () => {
	const papilio = new Papilio().description;
	expect(toolVariantOf(new Papilio()).properties).toEqual(withoutCustomCall(papilio.properties));
	expect(papilio.usableAsTool).toEqual({ replacements: { defaultVersion: TOOL_TYPE_VERSION, properties: withoutCustomCall(papilio.properties) } });
	const d2s = new D2sWorkflow().description;
	expect(d2s.usableAsTool).toEqual({ replacements: { properties: withoutCustomCall(d2s.properties) } });
	expect(toolVariantOf(new D2sWorkflow()).version).toBe(1);
});

/**
 * A node's properties without its Custom API Call, built independently of toolProperties: no
 * `Custom API Call` resource, no operation list or field shown for it.
 */
function withoutCustomCall(properties: INodeProperties[]): INodeProperties[] {
	return properties
		.filter((property) => !(property.displayOptions?.show?.resource ?? []).includes('customApiCall'))
		.map((property) =>
			property.name === 'resource'
				? { ...property, options: (property.options as INodePropertyOptions[]).filter((option) => option.value !== 'customApiCall') }
				: property,
		);
}

describe.each([
	['tFLOW', new Tflow()],
	['brix:papilio', new Papilio()],
	['D2S Workflow', new D2sWorkflow()],
])('%s Tool: no Custom API Call (a model choosing any method and path could change anything the credential may)', (_name, nodeType) => {
	const tool = toolVariantOf(nodeType);

	test('the tool variant offers no Custom API Call resource and none of its fields; the node itself does', () => {
		const resources = (properties: INodeProperties[]) =>
			(properties.find((property) => property.name === 'resource')!.options as INodePropertyOptions[]).map((option) => option.value);
		expect(resources(nodeType.description.properties)).toContain('customApiCall');
		expect(resources(tool.properties)).not.toContain('customApiCall');
		expect(resources(tool.properties)).toEqual(resources(nodeType.description.properties).filter((value) => value !== 'customApiCall'));
		expect(fieldsOf(nodeType.description.properties, 'customApiCall', 'call')).toEqual(expect.arrayContaining(['method', 'path', 'queryParameters']));
		expect(tool.properties.filter((property) => JSON.stringify(property.displayOptions ?? {}).includes('customApiCall'))).toEqual([]);
	});
});

test('a Custom API Call run as a tool anyway (an imported workflow) refuses before reading or sending anything', () => {
	const config: CustomCallSystem = { system: 'tFLOW', resource: 'customApiCall', basePath: '/api/v2', placeholder: '', auth: '', bodyTypes: ['json'], defaultMethod: 'GET' };
	const send = jest.fn();
	const operation = customCallOperation(config, () => ({ json: send }));
	const parameters: Record<string, unknown> = { method: 'GET', path: '/job/list' };
	const getNodeParameter = jest.fn((name: string, _itemIndex: number, fallback?: unknown) => parameters[name] ?? fallback);
	const context = (type: string) => ({ getNode: () => ({ type, name: 'tFLOW' }), getNodeParameter }) as never;
	expect(() => operation.prepare!.call(context('n8n-nodes-print-workflow.tflowTool'), 0)).toThrow('The Custom API Call is not available to AI tools (item 0)');
	expect(getNodeParameter).not.toHaveBeenCalled();
	expect(send).not.toHaveBeenCalled();
	// The node itself reads the call.
	expect(operation.prepare!.call(context('n8n-nodes-print-workflow.tflow'), 0)).toEqual({ method: 'GET', path: '/job/list', qs: {} });
	expect(CUSTOM_CALL_HIDDEN_FROM_TOOL).toEqual({ resource: 'customApiCall', operation: 'call' });
});

describe.each([
	['tFLOW', new Tflow(), { resource: 'job', operation: 'getMany' }],
	['brix:papilio', new Papilio(), { resource: 'order', operation: 'search' }],
])('%s: new tool nodes get their own typeVersion, whose lists default to a short Limit', (_name, nodeType, list) => {
	const limitAt = (typeVersion: number, parameters: INodeParameters = list) => {
		const node: INode = { id: 'n', name: 'Tool', type: 'n8n-nodes-print-workflow.tool', typeVersion, position: [0, 0], parameters: {} };
		// n8n fills in a node's defaults this way in the editor and again when the workflow runs.
		return NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description)?.limit;
	};

	test('the tool variant\'s defaultVersion is the tool version, a plain node\'s stays 1.1', () => {
		expect(toolVariantOf(nodeType).defaultVersion).toBe(TOOL_TYPE_VERSION);
		expect(nodeType.description.defaultVersion).toBe(1.1);
		expect(nodeType.description.version).toEqual([1, 1.1, TOOL_TYPE_VERSION]);
	});

	test('Limit defaults to 10 at the tool version, 50 before; a Limit set is kept', () => {
		expect(limitAt(TOOL_TYPE_VERSION)).toBe(TOOL_LIST_LIMIT);
		expect(limitAt(1.1)).toBe(50);
		expect(limitAt(1)).toBe(50);
		expect(limitAt(TOOL_TYPE_VERSION, { ...list, limit: 25 })).toBe(25);
		expect(limitAt(TOOL_TYPE_VERSION, { ...list, returnAll: true })).toBeUndefined();
	});
});

/** Every operation file that reads a file from the input item (through getUploadSource). */
function uploadingOperations(): string[] {
	const root = path.join(__dirname, '../../nodes');
	const found: string[] = [];
	for (const system of ['Tflow', 'Papilio', 'D2sWorkflow']) {
		const actions = path.join(root, system, 'actions');
		for (const resource of readdirSync(actions, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
			for (const file of readdirSync(path.join(actions, resource.name))) {
				if (/getUploadSource\(/.test(readFileSync(path.join(actions, resource.name, file), 'utf8'))) {
					found.push(`${system}:${resource.name}:${file.replace(/\.ts$/, '')}`);
				}
			}
		}
	}
	return found.sort();
}

test('every operation that reads a file from its input is hidden from the tool, whole or by its file field', () => {
	const hidden = HIDDEN_FROM_TOOL.map((entry) => `Tflow:${entry.resource}:${entry.operation}`).sort();
	expect(uploadingOperations()).toEqual(hidden);
});

describe('toolProperties', () => {
	const properties: INodeProperties[] = [
		{ displayName: 'Operation', name: 'operation', type: 'options', default: 'a', displayOptions: { show: { resource: ['r'] } }, options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }] },
		{ displayName: 'Operation', name: 'operation', type: 'options', default: 'a', displayOptions: { show: { resource: ['s'] } }, options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }] },
		{ displayName: 'File', name: 'file', type: 'string', default: 'data', displayOptions: { show: { resource: ['r'], operation: ['b'] } } },
		{ displayName: 'File', name: 'file', type: 'string', default: 'data', displayOptions: { show: { resource: ['r'], operation: ['a'] } } },
		{ displayName: 'Other', name: 'other', type: 'string', default: '', displayOptions: { show: { resource: ['r'], operation: ['a'] } } },
		{ displayName: 'Shared', name: 'shared', type: 'string', default: '', displayOptions: { show: { resource: ['r'], operation: ['a', 'b'] } } },
	];

	test('drops a hidden operation\'s option and its own fields, keeps fields it shares with others, and the other resource\'s option', () => {
		const hidden: HiddenFromTool[] = [{ resource: 'r', operation: 'b' }, { resource: 'r', operation: 'a', field: 'file' }];
		const kept = toolProperties(properties, hidden);
		expect(kept.map((property) => `${property.name}:${JSON.stringify(property.displayOptions?.show)}`)).toEqual([
			'operation:{"resource":["r"]}',
			'operation:{"resource":["s"]}',
			'other:{"resource":["r"],"operation":["a"]}',
			'shared:{"resource":["r"],"operation":["a","b"]}',
		]);
		expect((kept[0].options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['a']);
		expect(kept[1]).toBe(properties[1]);
	});

	test('drops a resource whose every operation is hidden: its option, its operation list and its fields', () => {
		const withResource: INodeProperties[] = [
			{ displayName: 'Resource', name: 'resource', type: 'options', default: 'r', options: [{ name: 'R', value: 'r' }, { name: 'S', value: 's' }] },
			...properties,
		];
		const kept = toolProperties(withResource, [{ resource: 's', operation: 'a' }, { resource: 's', operation: 'b' }]);
		expect((kept[0].options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['r']);
		expect(kept.slice(1)).toEqual(properties.filter((property) => property !== properties[1]));
	});

	test('hides nothing when nothing is listed', () => {
		expect(toolProperties(properties, [])).toEqual(properties);
	});
});

test('runsAsTool: the tool variant\'s type ends in Tool', () => {
	const context = (type: string) => ({ getNode: () => ({ type }) }) as never;
	expect(runsAsTool(context('n8n-nodes-print-workflow.tflowTool'))).toBe(true);
	expect(runsAsTool(context('n8n-nodes-print-workflow.tflow'))).toBe(false);
});
