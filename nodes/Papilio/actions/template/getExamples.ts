import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { invalidInput, parseId, readReturnAllOrLimit, truncate } from '../../../shared/validation';
import { orderOutput } from '../../helpers/orders';
import { withEditorLink } from '../../helpers/editorLinks';
import { papilioList, papilioServerUrl } from '../../transport';
import { expandOptions, templateIdField } from '../common.descriptions';
import { expandQuery } from '../parameters';

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
	expandOptions(),
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
	const qs = expandQuery(this, itemIndex);
	const { list } = await papilioList.call(this, { path, qs, itemIndex }, 'orders', { returnAll, limit });
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	// An example publication is a template's prefilled order: customers start from it at /edit/clone_from/{id}.
	return list.map((example) => withEditorLink(orderOutput(example), serverUrl, 'clone_url'));
}
