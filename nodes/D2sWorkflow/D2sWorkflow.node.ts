import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customApiCall from './actions/customApiCall';
import * as order from './actions/order';
import { resources } from './actions/resources';
import { CUSTOM_CALL_HIDDEN_FROM_TOOL } from '../shared/customCall';
import { actionSubtitle } from '../shared/descriptions';
import { dispatch } from '../shared/dispatcher';
import { usableAsToolWithout } from '../shared/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Custom API Call', value: 'customApiCall' }, { name: 'Order', value: 'order' }],
		default: 'order',
	},
	...order.description,
	...customApiCall.description,
];

export class D2sWorkflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'D2S Workflow',
		name: 'd2sWorkflow',
		icon: { light: 'file:d2s.svg', dark: 'file:d2s.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description: 'Send print orders to a D2S Workflow lab',
		defaults: { name: 'D2S Workflow' },
		usableAsTool: usableAsToolWithout(properties, [CUSTOM_CALL_HIDDEN_FROM_TOOL], { versioned: false }),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'd2sWorkflowApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await dispatch.call(this, resources)];
	}
}
