/**
 * The papilio Trigger's poll: fetches the event's list, emits the items the workflow has not seen
 * (remembered in the node's static data) and, in a manual test, only the newest one.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { orderOutputs } from '../helpers/orders';
import { selectNew, type SeenState } from '../helpers/seenItems';
import { encodeStatus, StatusFlagError } from '../helpers/statusFlags';
import { papilioList, papilioServerUrl, type ListKey } from '../transport';

interface EventSource {
	path: string;
	key: ListKey;
	qs?: IDataObject;
	/** Every order is a translation (its translation_url), as in the node's translatable tasks. */
	translation?: boolean;
}

export async function pollNewItems(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	const source = eventSource(this, event);
	const { list } = await papilioList.call(this, { path: source.path, qs: source.qs }, source.key);
	// Orders carry the editor links that apply to them, as in the node's lists.
	const items = source.key === 'orders' ? orderOutputs(list, { serverUrl: await papilioServerUrl.call(this), translation: source.translation }) : list;
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

function eventSource(context: IPollFunctions, event: string): EventSource {
	switch (event) {
		case 'newPrintableOrder':
			return { path: '/tasks/printable', key: 'orders' };
		case 'newLayoutableOrder':
			return { path: '/tasks/layoutable', key: 'orders' };
		case 'newTranslatableOrder':
			return { path: '/tasks/translatable', key: 'orders', translation: true };
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
