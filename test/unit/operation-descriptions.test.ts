/**
 * What a user and an AI model are told about every operation of the three action nodes: an action
 * short enough to name the node and its tool, and a description that says what the operation does
 * and what it changes ("Changes nothing." for reads). A write is an operation with `prepare` (the
 * dispatcher's rule: writes must have it); its description must name what it changes.
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { D2sWorkflow } from '../../nodes/D2sWorkflow/D2sWorkflow.node';
import { resources as d2sResources } from '../../nodes/D2sWorkflow/actions/resources';
import { Papilio } from '../../nodes/Papilio/Papilio.node';
import { resources as papilioResources } from '../../nodes/Papilio/actions/resources';
import { Tflow } from '../../nodes/Tflow/Tflow.node';
import { resources as tflowResources } from '../../nodes/Tflow/actions/resources';
import type { Resources } from '../../nodes/shared/dispatcher';

/** The longest action: with " in brix:papilio" it still makes a tool name under n8n's 64 characters. */
const MAX_ACTION_LENGTH = 40;
const MIN_DESCRIPTION_LENGTH = 60;

interface OperationOption {
	resource: string;
	option: INodePropertyOptions;
}

function operationOptions(nodeType: INodeType): OperationOption[] {
	return nodeType.description.properties
		.filter((property: INodeProperties) => property.name === 'operation' && property.type === 'options')
		.flatMap((property) =>
			((property.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
				(property.options as INodePropertyOptions[]).map((option) => ({ resource, option })),
			),
		);
}

/** The tool name n8n gives a node named by its action (getToolDescriptionForNode / the agent's tool name). */
function toolName(action: string, nodeName: string): string {
	return `${action} in ${nodeName}`.replace(/[^a-zA-Z0-9_-]+/g, '_');
}

describe.each<[string, INodeType, Resources]>([
	['tFLOW', new Tflow(), tflowResources],
	['brix:papilio', new Papilio(), papilioResources],
	['D2S Workflow', new D2sWorkflow(), d2sResources],
])('%s', (_name, nodeType, resources) => {
	const all = operationOptions(nodeType);

	test('the options and the dispatcher\'s operations are the same set', () => {
		const offered = all.map(({ resource, option }) => `${resource}:${String(option.value)}`).sort();
		const run = Object.entries(resources).flatMap(([resource, operations]) => Object.keys(operations).map((operation) => `${resource}:${operation}`)).sort();
		expect(offered).toEqual(run);
	});

	test.each(all.map(({ resource, option }) => [`${resource}:${String(option.value)}`, resource, option] as const))(
		'%s has a short action and a description that says what it does and changes',
		(_key, resource, option) => {
			const action = option.action ?? '';
			expect(action.length).toBeGreaterThanOrEqual(8);
			expect(action.length).toBeLessThanOrEqual(MAX_ACTION_LENGTH);
			expect(toolName(action, nodeType.description.defaults.name ?? '').length).toBeLessThanOrEqual(64);

			const description = option.description ?? '';
			expect(description.length).toBeGreaterThanOrEqual(MIN_DESCRIPTION_LENGTH);
			expect(description).toMatch(/^[A-Z].*\.$/s);
			expect(description).not.toBe(action);

			const isWrite = typeof resources[resource][String(option.value)].prepare === 'function';
			if (isWrite) {
				expect(description).not.toContain('Changes nothing');
				expect(description).toMatch(/\bChanges (?!nothing)\w+/);
			} else {
				expect(description).toMatch(/\bChanges nothing\.$/);
			}
		},
	);
});

test('ids are described as they are: tFLOW job and order ids are numeric, queue ids look like 808:1, papilio order ids are numbers', () => {
	const text = (nodeType: INodeType, resource: string, operation: string) =>
		operationOptions(nodeType).find((entry) => entry.resource === resource && entry.option.value === operation)?.option.description;
	expect(text(new Tflow(), 'job', 'get')).toMatch(/numeric job ID/);
	expect(text(new Tflow(), 'job', 'getAllowedTransitions')).toMatch(/numeric job ID/);
	expect(text(new Tflow(), 'job', 'executeTransition')).toMatch(/numeric job ID.*transition name such as approve/);
	expect(text(new Tflow(), 'order', 'get')).toMatch(/numeric order ID/);
	expect(text(new Tflow(), 'queue', 'get')).toMatch(/808:1/);
	expect(text(new Papilio(), 'order', 'get')).toMatch(/numeric order ID \(e\.g\. 51038\)/);
	expect(text(new Papilio(), 'order', 'search')).toMatch(/status flags/);
});

test('D2S put-order says it places a paid order at the lab, once', () => {
	const [{ option }] = operationOptions(new D2sWorkflow());
	expect(option.value).toBe('put');
	expect(option.description).toMatch(/^Places a paid print order at the D2S lab/);
	expect(option.description).toMatch(/charges for/);
	expect(option.description).toMatch(/sent once, never retried/);
});
