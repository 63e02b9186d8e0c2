import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { parseId } from '../../../shared/validation';
import { templateWithLink } from '../../helpers/editorLinks';
import { papilioRequest, papilioServerUrl } from '../../transport';
import { templateIdField } from '../common.descriptions';

const properties: INodeProperties[] = [templateIdField];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['get'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = parseId(this.getNode(), this.getNodeParameter('templateId', itemIndex), 'Template', itemIndex);
	const answer = await papilioRequest.call(this, { method: 'GET', path: `/template/${id}`, itemIndex });
	const template = (answer.template ?? answer) as IDataObject;
	return templateWithLink(template, await papilioServerUrl.call(this, itemIndex));
}
