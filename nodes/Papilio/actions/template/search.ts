import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { pathSegment } from '../../../shared/paths';
import { readReturnAllOrLimit, requireString } from '../../../shared/validation';
import { orderOutput } from '../../helpers/orders';
import { templateWithLink, withEditorLink } from '../../helpers/editorLinks';
import { papilioRequest, papilioServerUrl } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Term',
		name: 'term',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Inserat',
		description: 'Text to find in templates, template groups (their direct children are returned) and example orders',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['search'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const term = requireString(this.getNode(), this.getNodeParameter('term', itemIndex), 'Search Term', itemIndex, 255);
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const answer = await papilioRequest.call(this, {
		method: 'GET',
		path: `/templates/search/${pathSegment(this.getNode(), term, 'Search Term', itemIndex)}`,
		itemIndex,
	});
	const templates = Array.isArray(answer.templates) ? (answer.templates as IDataObject[]) : [];
	const examples = Array.isArray(answer.examples) ? (answer.examples as IDataObject[]) : [];
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	const results = [
		...templates.map((template) => templateWithLink({ result_type: 'template', ...template }, serverUrl)),
		...examples.map((example) => withEditorLink({ result_type: 'example', ...orderOutput(example) }, serverUrl, 'clone_url')),
	];
	return returnAll ? results : results.slice(0, limit);
}
