import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { parseBoolean } from '../../../shared/validation';
import { flattenNested } from '../../helpers/templates';
import { templateWithLink } from '../../helpers/editorLinks';
import { papilioRequest, papilioServerUrl } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Flatten',
		name: 'flatten',
		type: 'boolean',
		default: true,
		description:
			'Whether to output one item per group and template, each with its path (e.g. "Inserate / A4"), depth and parent ID, instead of one item with papilio\'s nested arrays',
	},
	{
		displayName: 'Include Groups',
		name: 'includeGroups',
		type: 'boolean',
		default: true,
		description: 'Whether to output template groups too, not only templates',
		displayOptions: { show: { flatten: [true] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getNested'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const flatten = parseBoolean(node, this.getNodeParameter('flatten', itemIndex, true), 'Flatten', itemIndex);
	const includeGroups = flatten && parseBoolean(node, this.getNodeParameter('includeGroups', itemIndex, true), 'Include Groups', itemIndex);
	const answer = await papilioRequest.call(this, { method: 'GET', path: '/templates/nested', itemIndex });
	if (!flatten) return { nested: answer.nested ?? [] } as IDataObject;
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	return flattenNested(answer.nested)
		.filter((entry) => includeGroups || entry.type !== 'group')
		.map((entry) => templateWithLink(entry, serverUrl));
}
