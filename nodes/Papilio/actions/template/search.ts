import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readReturnAllOrLimit, requireString } from '../../../shared/validation';
import { orderOutput } from '../../helpers/orders';
import { papilioRequest } from '../../transport';

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
		path: `/templates/search/${encodeURIComponent(term)}`,
		itemIndex,
	});
	const templates = Array.isArray(answer.templates) ? (answer.templates as IDataObject[]) : [];
	const examples = Array.isArray(answer.examples) ? (answer.examples as IDataObject[]) : [];
	const results = [
		...templates.map((template) => ({ result_type: 'template', ...template })),
		...examples.map((example) => ({ result_type: 'example', ...orderOutput(example) })),
	];
	return returnAll ? results : results.slice(0, limit);
}
