import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as order from './actions/order';
import { resources } from './actions/resources';
import { dispatch } from '../shared/dispatcher';

export class D2sWorkflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'D2S Workflow',
		name: 'd2sWorkflow',
		icon: { light: 'file:d2s.svg', dark: 'file:d2s.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send print orders to a D2S Workflow lab',
		defaults: { name: 'D2S Workflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'd2sWorkflowApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Order', value: 'order' }],
				default: 'order',
			},
			...order.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await dispatch.call(this, resources)];
	}
}
