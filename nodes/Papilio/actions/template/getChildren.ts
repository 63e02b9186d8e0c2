import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { parseId, readReturnAllOrLimit } from '../../../shared/validation';
import { templateWithLink } from '../../helpers/editorLinks';
import { papilioList, papilioServerUrl } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Group Name or ID',
		name: 'groupId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplateGroups' },
		default: '',
		description:
			'Template group whose templates and groups to list; none for the top level. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getChildren'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const group = this.getNodeParameter('groupId', itemIndex, '') as unknown;
	const segment = group === '' || group === undefined || group === null || (typeof group === 'string' && group.trim() === '')
		? ''
		: `/${parseId(this.getNode(), group, 'Group', itemIndex)}`;
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const { list, response } = await papilioList.call(this, { path: `/templates/children${segment}`, itemIndex }, 'children', {
		returnAll,
		limit,
	});
	// The breadcrumbs of the group, on every child so each item stands alone.
	const parents = Array.isArray(response.parents) ? response.parents : [];
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	return list.map((child) => templateWithLink({ ...child, parents } as IDataObject, serverUrl));
}
