import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { EVENT_OPTIONS } from './helpers/events';
import { receiveDelivery } from './trigger/delivery';
import { checkExists, create, deleteRegistrations } from './trigger/registrations';

export class TflowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'tFLOW Trigger',
		name: 'tflowTrigger',
		icon: { light: 'file:tflow.svg', dark: 'file:tflow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["registerWebhooks"] === false ? "On the webhooks registered in tFLOW" : "On " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when tFLOW reports an event, such as a job approval or a completed order',
		defaults: { name: 'tFLOW Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tflowApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				// The URL is only needed when the webhooks are registered in tFLOW by hand.
				ndvHideUrl: '={{$parameter["registerWebhooks"] !== false}}',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
				description:
					'The tFLOW events that start the workflow. One tFLOW webhook is registered per event when the workflow is activated.',
				displayOptions: { show: { registerWebhooks: [true] } },
			},
			{
				displayName: 'Register Webhooks Automatically',
				name: 'registerWebhooks',
				type: 'boolean',
				default: true,
				description:
					'Whether to register the webhooks through the tFLOW API on activation and remove them on deactivation. Turn it off if the API user may not manage webhooks, and register them in tFLOW by hand.',
			},
			{
				displayName:
					'In tFLOW, register one webhook per event with this URL: the Production URL shown under "Webhook URLs" above, followed by <code>?secret=</code> and the Webhook Secret below. Use the Webhook Secret as the security key too, or leave that empty.',
				name: 'manualRegistrationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerWebhooks: [false] } },
			},
			{
				displayName: 'Webhook Secret',
				name: 'webhookSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				placeholder: 'e.g. 7f3c9a1e5b2d4c8f9e0a1b2c3d4e5f60',
				hint: 'At least 16 letters, digits or . _ ~ - characters. Requests without it are rejected.',
				description: 'The secret you append to the URL registered in tFLOW as ?secret=…',
				displayOptions: { show: { registerWebhooks: [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Custom Event Names',
						name: 'customEvents',
						type: 'string',
						default: '',
						placeholder: 'e.g. job.my_custom_transition',
						description:
							'More event names to register, separated by commas, for events the list does not know (e.g. transitions of a custom workflow)',
						displayOptions: { show: { '/registerWebhooks': [true] } },
					},
					{
						displayName: 'Only Client IDs',
						name: 'clientIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 101, 102',
						description:
							'Only pass events of these clients (companies), separated by commas. The client is looked up through the job and order when tFLOW does not send it. Together with Only Order IDs, an event passes if either matches.',
					},
					{
						displayName: 'Only Order IDs',
						name: 'orderIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12, 15',
						description:
							'Only pass events of these orders, separated by commas. The order is looked up through the job when tFLOW does not send it.',
					},
					{
						displayName: 'Resolve Job',
						name: 'resolveJob',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the full job and its order from tFLOW and add them to the output as job and order (null when the event has none or it was deleted)',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistrations.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
