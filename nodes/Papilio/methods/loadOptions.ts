import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { flattenNested } from '../helpers/templates';
import { papilioRequest } from '../transport';

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
