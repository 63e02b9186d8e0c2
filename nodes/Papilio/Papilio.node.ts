import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, papilioCredentials } from './actions/authentication';
import * as customApiCall from './actions/customApiCall';
import * as instance from './actions/instance';
import * as message from './actions/message';
import * as order from './actions/order';
import { resources } from './actions/resources';
import * as task from './actions/task';
import * as template from './actions/template';
import { searchOrders } from './methods/listSearch';
import { getReceivedMessages, getTemplateGroups, getTemplates } from './methods/loadOptions';
import { CUSTOM_CALL_HIDDEN_FROM_TOOL } from '../shared/customCall';
import { actionSubtitle } from '../shared/descriptions';
import { dispatch } from '../shared/dispatcher';
import { TOOL_TYPE_VERSION, usableAsToolWithout } from '../shared/tool';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Instance', value: 'instance' },
			{ name: 'Message', value: 'message' },
			{ name: 'Order', value: 'order' },
			{ name: 'Task', value: 'task' },
			{ name: 'Template', value: 'template' },
		],
		default: 'order',
	},
	...order.description,
	...task.description,
	...message.description,
	...template.description,
	...instance.description,
	...customApiCall.description,
];

export class Papilio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'brix:papilio',
		name: 'papilio',
		icon: { light: 'file:papilio.svg', dark: 'file:papilio.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default for new nodes (nodes saved at 1 keep their full output).
		// 1.2: new AI tool nodes (usableAsTool), whose lists default to a short Limit (shared/tool.ts).
		version: [1, 1.1, TOOL_TYPE_VERSION],
		defaultVersion: 1.1,
		subtitle: actionSubtitle(properties),
		description: 'Work with orders, print files, tasks, messages and templates of the brix:papilio web-to-print system',
		defaults: { name: 'brix:papilio' },
		usableAsTool: usableAsToolWithout(properties, [CUSTOM_CALL_HIDDEN_FROM_TOOL]),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: papilioCredentials,
		properties,
	};

	methods = { listSearch: { searchOrders }, loadOptions: { getReceivedMessages, getTemplateGroups, getTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await dispatch.call(this, resources, { authenticateFirst: true })];
	}
}
