import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as api from './actions/api';
import * as client from './actions/client';
import * as customApiCall from './actions/customApiCall';
import * as job from './actions/job';
import * as order from './actions/order';
import * as permission from './actions/permission';
import * as product from './actions/product';
import * as queue from './actions/queue';
import * as revision from './actions/revision';
import { resources } from './actions/resources';
import * as role from './actions/role';
import * as user from './actions/user';
import * as webhook from './actions/webhook';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';
import { CUSTOM_CALL_HIDDEN_FROM_TOOL } from '../shared/customCall';
import { actionSubtitle } from '../shared/descriptions';
import { dispatch } from '../shared/dispatcher';
import type { HiddenFromTool } from '../shared/tool';
import { TOOL_TYPE_VERSION, usableAsToolWithout } from '../shared/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'API', value: 'api' },
			{ name: 'Client', value: 'client' },
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Job', value: 'job' },
			{ name: 'Order', value: 'order' },
			{ name: 'Permission', value: 'permission' },
			{ name: 'Product', value: 'product' },
			{ name: 'Queue', value: 'queue' },
			{ name: 'Revision', value: 'revision' },
			{ name: 'Role', value: 'role' },
			{ name: 'User', value: 'user' },
			{ name: 'Webhook', value: 'webhook' },
		],
		default: 'job',
	},
	...api.description,
	...client.description,
	...customApiCall.description,
	...job.description,
	...order.description,
	...permission.description,
	...product.description,
	...queue.description,
	...revision.description,
	...role.description,
	...user.description,
	...webhook.description,
];

/**
 * What the AI tool variant leaves out: the uploads, which read a file from the input item, and a tool
 * call carries none (run as a tool anyway, they refuse with a clear error: shared/binary.ts).
 */
export const HIDDEN_FROM_TOOL: HiddenFromTool[] = [
	{ resource: 'job', operation: 'uploadArtwork' },
	{ resource: 'job', operation: 'createWithArtwork' },
	{ resource: 'job', operation: 'executeTransition', field: 'binaryPropertyName' },
];

export class Tflow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'tFLOW',
		name: 'tflow',
		icon: { light: 'file:tflow.svg', dark: 'file:tflow.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify is on by default for new nodes (nodes saved at 1 keep their full output).
		// 1.2: new AI tool nodes (usableAsTool), whose lists default to a short Limit (shared/tool.ts).
		version: [1, 1.1, TOOL_TYPE_VERSION],
		defaultVersion: 1.1,
		subtitle: actionSubtitle(properties),
		description: 'Create tFLOW orders and jobs, upload artwork, run approval transitions and download proofs',
		defaults: { name: 'tFLOW' },
		usableAsTool: usableAsToolWithout(properties, [...HIDDEN_FROM_TOOL, CUSTOM_CALL_HIDDEN_FROM_TOOL]),
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tflowApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await dispatch.call(this, resources, { authenticateFirst: true })];
	}
}
