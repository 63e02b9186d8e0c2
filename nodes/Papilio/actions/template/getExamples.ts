import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { invalidInput, parseId, readReturnAllOrLimit, truncate } from '../../../shared/validation';
import { orderOutput } from '../../helpers/orders';
import { papilioList } from '../../transport';
import { templateIdField } from '../common.descriptions';

const properties: INodeProperties[] = [
	templateIdField,
	{
		displayName: 'Language',
		name: 'lang',
		type: 'string',
		default: '',
		placeholder: 'e.g. fr',
		description: 'Language of the examples (ISO 639-1). Empty uses the user\'s current language.',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getExamples'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = parseId(this.getNode(), this.getNodeParameter('templateId', itemIndex), 'Template', itemIndex);
	const lang = String(this.getNodeParameter('lang', itemIndex, '') ?? '').trim();
	if (lang && !/^[a-z]{2}$/i.test(lang)) {
		throw invalidInput(this.getNode(), 'Language', itemIndex, `"${truncate(lang)}" is not a two-letter ISO 639-1 code such as fr`);
	}
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const path = `/templates/examples/${id}${lang ? `/${lang.toLowerCase()}` : ''}`;
	const { list } = await papilioList.call(this, { path, itemIndex }, 'orders', { returnAll, limit });
	return list.map(orderOutput);
}
