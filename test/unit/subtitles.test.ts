/**
 * What the canvas shows under each node and what the nodes panel finds it by: subtitles evaluated
 * by n8n's own expression code as the editor does, the codex search aliases, and operation names
 * that say what they do (D2S `put` is shown as Place Order, its stored value unchanged).
 */
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { D2sWorkflow } from '../../nodes/D2sWorkflow/D2sWorkflow.node';
import d2sCodex from '../../nodes/D2sWorkflow/D2sWorkflow.node.json';
import { Papilio } from '../../nodes/Papilio/Papilio.node';
import papilioCodex from '../../nodes/Papilio/Papilio.node.json';
import { PapilioTrigger } from '../../nodes/Papilio/PapilioTrigger.node';
import papilioTriggerCodex from '../../nodes/Papilio/PapilioTrigger.node.json';
import { Tflow } from '../../nodes/Tflow/Tflow.node';
import tflowCodex from '../../nodes/Tflow/Tflow.node.json';
import { TflowTrigger } from '../../nodes/Tflow/TflowTrigger.node';
import tflowTriggerCodex from '../../nodes/Tflow/TflowTrigger.node.json';

/** The subtitle as the editor shows it: the node's parameters (defaults filled) through n8n's expression code. */
function subtitleOf(nodeType: INodeType, parameters: INodeParameters, typeVersion = 1): unknown {
	const { description } = nodeType;
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: `n8n-nodes-print-workflow.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: {},
	};
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

function operations(nodeType: INodeType): Array<{ resource: string; option: INodePropertyOptions }> {
	return nodeType.description.properties
		.filter((property: INodeProperties) => property.name === 'operation')
		.flatMap((property) =>
			((property.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
				(property.options as INodePropertyOptions[]).map((option) => ({ resource, option })),
			),
		);
}

describe.each([
	['tFLOW', new Tflow()],
	['brix:papilio', new Papilio()],
	['D2S Workflow', new D2sWorkflow()],
])('%s', (_name, nodeType) => {
	test('the subtitle of every operation is its action, a sentence, not "operation: resource"', () => {
		const all = operations(nodeType);
		expect(all.length).toBeGreaterThan(0);
		for (const { resource, option } of all) {
			const subtitle = subtitleOf(nodeType, { resource, operation: option.value });
			expect({ resource, operation: option.value, subtitle }).toEqual({ resource, operation: option.value, subtitle: option.action });
			expect(String(subtitle)).toMatch(/^[A-Z][a-z]* [a-z]/);
			expect(String(subtitle)).not.toContain(':');
		}
	});
});

test('examples of subtitles users see', () => {
	expect(subtitleOf(new Tflow(), { resource: 'job', operation: 'getMany' }, 1.1)).toBe('Get many jobs');
	expect(subtitleOf(new Tflow(), { resource: 'job', operation: 'executeTransition' })).toBe('Execute a transition on a job');
	expect(subtitleOf(new D2sWorkflow(), {})).toBe('Place an order at the lab');
	expect(subtitleOf(new PapilioTrigger(), { event: 'newPrintableOrder' })).toBe('New Printable Order');
	expect(subtitleOf(new PapilioTrigger(), {})).toBe('New Printable Order');
	expect(subtitleOf(new TflowTrigger(), { events: ['job.approve', 'order.complete'] })).toBe('On job.approve, order.complete');
});

test('D2S: the operation stored as put is shown as Place Order', () => {
	const [{ option }] = operations(new D2sWorkflow());
	expect(option).toMatchObject({ name: 'Place Order', value: 'put', action: 'Place an order at the lab' });
});

test('every node is found in the nodes panel by "print" and by its system\'s name', () => {
	const codexes: Array<[Record<string, unknown>, string]> = [
		[tflowCodex, 'tFLOW'],
		[tflowTriggerCodex, 'tFLOW'],
		[papilioCodex, 'papilio'],
		[papilioTriggerCodex, 'papilio'],
		[d2sCodex, 'D2S'],
	];
	for (const [codex, system] of codexes) {
		const alias = (codex.alias ?? []) as string[];
		expect(alias).toEqual(expect.arrayContaining(['print', system]));
		expect(new Set(alias.map((entry) => entry.toLowerCase())).size).toBe(alias.length);
	}
});
