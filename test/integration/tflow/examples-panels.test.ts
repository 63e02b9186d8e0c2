/**
 * What the editor shows in the tFLOW panels of the shipped examples: every dropdown backed by a
 * loadOptions method is loaded from the emulator (as the editor does when the panel opens), and the
 * value the example stores must be one of the options, compared as strictly as the editor compares
 * them (a string "101" is not the option 101). Values given by expression are not checked by the
 * editor, so neither are they here.
 */
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import { loadExamples } from '../../../tools/n8n/world';
import { useTflow } from './setup';

const TFLOW_TYPE = 'n8n-nodes-print-workflow.tflow';
const description = new Tflow().description;

const tflow = useTflow();

interface DropdownValue {
	parameter: string;
	method: string;
	value: unknown;
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** The dropdowns (loadOptions) the panel shows for these parameters, with the values stored in them. */
function dropdownValues(parameters: INodeParameters, node: INode): DropdownValue[] {
	const found: DropdownValue[] = [];
	const visit = (properties: INodeProperties[], values: INodeParameters, path: string) => {
		for (const property of properties) {
			if (!(property.name in values)) continue;
			if (!NodeHelpers.displayParameter(values, property, node, description, parameters)) continue;
			const value = values[property.name];
			const method = property.typeOptions?.loadOptionsMethod;
			if (method) found.push({ parameter: `${path}${property.name}`, method, value });
			if (property.type === 'collection' && value && typeof value === 'object') {
				visit(property.options as INodeProperties[], value as INodeParameters, `${path}${property.name}.`);
			}
		}
	};
	visit(description.properties, parameters, '');
	return found;
}

const examples = Object.entries(loadExamples());
const panels = examples.flatMap(([file, workflow]) =>
	(workflow.nodes as unknown as INode[])
		.filter((node) => node.type === TFLOW_TYPE)
		.map((node) => [`${file} / ${node.name}`, node] as const),
);

test('the examples have tFLOW panels with dropdowns to check', () => {
	expect(panels.length).toBeGreaterThanOrEqual(6);
	const all = panels.flatMap(([, node]) => dropdownValues(fullParameters(node), node));
	expect(all.map((entry) => entry.parameter)).toEqual(
		expect.arrayContaining(['clientId', 'transition', 'additionalFields.queueId']),
	);
});

function fullParameters(node: INode): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
}

describe.each(panels)('%s', (_name, node) => {
	test('every dropdown loads from tFLOW and holds a value it offers', async () => {
		const parameters = fullParameters(node);
		for (const { parameter, method, value } of dropdownValues(parameters, node)) {
			const options: INodePropertyOptions[] = await tflow.harness.loadOptions('tflow', method, parameters, ['tflowApi']);
			expect(options.length).toBeGreaterThan(0);
			const stored = Array.isArray(value) ? value : [value];
			for (const entry of stored.filter((one) => one !== '' && !isExpression(one))) {
				expect({ parameter, value: entry, offered: options.some((option) => option.value === entry) }).toEqual({
					parameter,
					value: entry,
					offered: true,
				});
			}
		}
	});
});

test('example 03: Release to Production, with its job from an expression, offers release without asking tFLOW about a job', async () => {
	const [, node] = panels.find(([name]) => name.endsWith('/ Release to Production')) ?? [];
	expect(node).toBeDefined();
	const options = await tflow.harness.loadOptions('tflow', 'getAllowedTransitions', fullParameters(node as INode), ['tflowApi']);
	expect(options).toContainEqual(expect.objectContaining({ name: 'Send to Production (release)', value: 'release' }));
	expect(tflow.apiCalls('GET', /allowedTransitions/)).toHaveLength(0);
});

test('examples 01 and 05: Create tFLOW Order stores client 101, which the client dropdown lists as Acme Bakery', async () => {
	const creates = panels.filter(([name]) => name.endsWith('/ Create tFLOW Order'));
	expect(creates.map(([name]) => name.split(' / ')[0])).toEqual([
		'01-papilio-printable-orders-to-tflow',
		'05-papilio-new-printable-order-to-tflow',
	]);
	const clients = await tflow.harness.loadOptions('tflow', 'getClients', {}, ['tflowApi']);
	for (const [, node] of creates) {
		expect(clients.find((option) => option.value === node.parameters.clientId)).toEqual({ name: 'Acme Bakery', value: 101 });
	}
	expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/client/list']);
});
