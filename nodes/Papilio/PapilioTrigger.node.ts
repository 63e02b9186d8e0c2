import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, papilioCredentials } from './actions/authentication';
import { STATUS_FLAG_OPTIONS } from './helpers/statusFlags';
import { pollNewItems } from './trigger/poll';
import { optionNameSubtitle } from '../shared/descriptions';

const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'New Layoutable Order', value: 'newLayoutableOrder', description: 'An order needs to be layouted by a human (needs layoutOrders)' },
		{ name: 'New Message Received', value: 'newMessage', description: 'A message arrived for the credential\'s user' },
		{ name: 'New Printable Order', value: 'newPrintableOrder', description: 'An order is ready to be printed and sent (needs printOrders)' },
		{ name: 'New Translatable Order', value: 'newTranslatableOrder', description: 'An order needs a translation you can do (needs translateOrders)' },
		{ name: 'Order Reached Status', value: 'orderReachedStatus', description: 'An order has all chosen status flags (needs editUsers)' },
	],
	default: 'newPrintableOrder',
};

export class PapilioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'brix:papilio Trigger',
		name: 'papilioTrigger',
		icon: { light: 'file:papilio.svg', dark: 'file:papilio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionNameSubtitle(eventProperty),
		description: 'Starts the workflow when papilio has new orders to print, layout or translate, an order reaches a status, or a message arrives',
		defaults: { name: 'brix:papilio Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: papilioCredentials,
		properties: [
			authenticationProperty,
			eventProperty,
			{
				displayName: 'Status Flags',
				name: 'statusFlags',
				type: 'multiOptions',
				options: STATUS_FLAG_OPTIONS,
				default: ['released'],
				required: true,
				description: 'The order triggers once when it has all of these flags',
				displayOptions: { show: { event: ['orderReachedStatus'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Existing Items on First Poll',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation emits everything that already exists. Off: it only remembers what exists and later polls emit what is new.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewItems.call(this);
	}
}
