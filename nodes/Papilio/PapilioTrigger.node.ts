import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, papilioCredentials } from './actions/common.descriptions';
import { orderOutput } from './helpers/orders';
import { selectNew, type SeenState } from './helpers/seenItems';
import { encodeStatus, STATUS_FLAG_OPTIONS, StatusFlagError } from './helpers/statusFlags';
import { papilioList, type ListKey } from './transport';

interface EventSource {
	path: string;
	key: ListKey;
	qs?: IDataObject;
}

export class PapilioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'brix:papilio Trigger',
		name: 'papilioTrigger',
		icon: { light: 'file:papilio.svg', dark: 'file:papilio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when papilio has new orders to print, layout or translate, an order reaches a status, or a message arrives',
		defaults: { name: 'brix:papilio Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: papilioCredentials,
		properties: [
			authenticationProperty,
			{
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
			},
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
		const event = this.getNodeParameter('event') as string;
		const source = eventSource(this, event);
		const { list } = await papilioList.call(this, { path: source.path, qs: source.qs }, source.key);
		const items = source.key === 'orders' ? list.map(orderOutput) : list;
		const idOf = (item: IDataObject) => String(item.id);

		if (this.getMode() === 'manual') {
			// "Fetch Test Event" shows the newest item and does not touch what the trigger remembers.
			const newest = selectNew(undefined, '', items, idOf, { includeExisting: true }).emit.slice(-1);
			return newest.length ? [this.helpers.returnJsonArray(newest)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const includeExisting = this.getNodeParameter('options.includeExisting', false) as boolean;
		const key = `${event}:${JSON.stringify(source.qs ?? {})}`;
		const { emit, state } = selectNew(staticData.seen as SeenState | undefined, key, items, idOf, { includeExisting });
		staticData.seen = state;
		return emit.length ? [this.helpers.returnJsonArray(emit)] : null;
	}
}

function eventSource(context: IPollFunctions, event: string): EventSource {
	switch (event) {
		case 'newPrintableOrder':
			return { path: '/tasks/printable', key: 'orders' };
		case 'newLayoutableOrder':
			return { path: '/tasks/layoutable', key: 'orders' };
		case 'newTranslatableOrder':
			return { path: '/tasks/translatable', key: 'orders' };
		case 'newMessage':
			return { path: '/messages/received', key: 'messages' };
		case 'orderReachedStatus': {
			let status: number | undefined;
			try {
				status = encodeStatus(context.getNodeParameter('statusFlags', []));
			} catch (error) {
				if (error instanceof StatusFlagError) throw new NodeOperationError(context.getNode(), `Status Flags: ${error.message}`);
				throw new NodeOperationError(context.getNode(), error as Error);
			}
			if (!status) throw new NodeOperationError(context.getNode(), 'Status Flags: choose at least one flag');
			return { path: '/orders/search/and', key: 'orders', qs: { status } };
		}
		default:
			throw new NodeOperationError(context.getNode(), `Event: "${event}" is not supported`);
	}
}
