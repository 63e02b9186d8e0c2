import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { flattenNested } from '../helpers/templates';
import { papilioList, papilioRequest } from '../transport';

async function treeEntries(context: ILoadOptionsFunctions, type: 'group' | 'template'): Promise<INodePropertyOptions[]> {
	const answer = await papilioRequest.call(context, { method: 'GET', path: '/templates/nested' });
	return flattenNested(answer.nested)
		.filter((entry) => entry.type === type)
		.map((entry) => ({ name: entry.path, value: String(entry.id) }));
}

/** Templates for the Template dropdowns, named by their path in the template tree. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await treeEntries(this, 'template');
}

/** Template groups for the Group dropdown, named by their path in the template tree. */
export async function getTemplateGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await treeEntries(this, 'group');
}

function personName(user: unknown): string {
	if (!user || typeof user !== 'object') return '';
	const { first_name: first, last_name: last, username } = user as IDataObject;
	return [first, last].filter(Boolean).join(' ') || String(username ?? '');
}

/**
 * Messages you received (papilio lets you mark only those as read), unread first, then newest,
 * named by subject, sender and time.
 */
export async function getReceivedMessages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { list } = await papilioList.call(this, { path: '/messages/received' }, 'messages');
	return list
		.map((message, index) => ({ message, index, unread: message.read === false || message.read === 'false' }))
		.sort((a, b) => Number(b.unread) - Number(a.unread) || a.index - b.index)
		.map(({ message, unread }) => {
			const sender = personName(message.sender);
			return {
				name: `${String(message.title ?? `Message ${message.id}`)}${sender ? ` – from ${sender}` : ''}${unread ? ' (unread)' : ''}`,
				value: String(message.id),
				description: `Message ID ${String(message.id)}${message.timestamp ? `, ${String(message.timestamp)}` : ''}`,
			};
		});
}
