/**
 * What the walk over every resource and operation needs from the node descriptions: the resources
 * and operations by shown name, and the top-level parameters whose entries come from the API
 * (dropdowns with loadOptions, resource locators with a list mode).
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { D2sWorkflow } from '../../nodes/D2sWorkflow/D2sWorkflow.node';
import { Papilio } from '../../nodes/Papilio/Papilio.node';
import { Tflow } from '../../nodes/Tflow/Tflow.node';
import { CREDENTIALS } from '../../tools/n8n/world';

export interface Walk {
	resource: INodePropertyOptions;
	operation: INodePropertyOptions;
	/** Names of API-backed parameters shown for this operation (in the panel's order). */
	pickers: Array<{ name: string; kind: 'dropdown' | 'list' }>;
}

export interface WalkedNode {
	type: string;
	displayName: string;
	credential: { type: string; id: string; name: string };
	walks: Walk[];
}

function shownFor(property: INodeProperties, resource: string, operation: string) {
	const show = property.displayOptions?.show ?? {};
	const allows = (key: string, value: string) => !show[key] || (show[key] as unknown[]).includes(value);
	return allows('resource', resource) && allows('operation', operation) && Object.keys(show).every((key) => key === 'resource' || key === 'operation');
}

function pickerKind(property: INodeProperties): 'dropdown' | 'list' | undefined {
	if (property.typeOptions?.loadOptionsMethod) return 'dropdown';
	if (property.type === 'resourceLocator' && property.modes?.some((mode) => mode.type === 'list')) return 'list';
	return undefined;
}

function walksOf(description: INodeTypeDescription): Walk[] {
	const resourceProperty = description.properties.find((property) => property.name === 'resource')!;
	const walks: Walk[] = [];
	for (const resource of (resourceProperty.options ?? []) as INodePropertyOptions[]) {
		const operations = description.properties.find(
			(property) => property.name === 'operation' && (property.displayOptions?.show?.resource as unknown[] | undefined)?.includes(resource.value),
		);
		for (const operation of (operations?.options ?? []) as INodePropertyOptions[]) {
			const pickers = description.properties
				.filter((property) => pickerKind(property) && shownFor(property, String(resource.value), String(operation.value)))
				.map((property) => ({ name: property.name, kind: pickerKind(property)! }));
			walks.push({ resource, operation, pickers });
		}
	}
	return walks;
}

export function walkedNodes(): WalkedNode[] {
	return [
		{ node: new Tflow().description, credential: CREDENTIALS.tflow },
		{ node: new Papilio().description, credential: CREDENTIALS.papilio },
		{ node: new D2sWorkflow().description, credential: CREDENTIALS.d2s },
	].map(({ node, credential }) => ({
		type: `n8n-nodes-print-workflow.${node.name}`,
		displayName: node.displayName,
		credential,
		walks: walksOf(node),
	}));
}

/** A workflow with the node alone (its first resource and operation), signed with the sandbox's credential. */
export function singleNodeWorkflow(node: WalkedNode) {
	return {
		name: `Walk · ${node.displayName}`,
		nodes: [
			{
				id: 'c0a1c2d3-0000-4000-8000-000000000001',
				name: node.displayName,
				type: node.type,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { [node.credential.type]: { id: node.credential.id, name: node.credential.name } },
			},
		],
		connections: {},
		settings: {},
	};
}
