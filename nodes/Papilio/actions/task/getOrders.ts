/**
 * The four task lists: orders waiting to be layouted, printed or translated, and orders a user has
 * completed. All answer `{count, orders}` and take the expand arguments of /order; each order carries
 * its editor links, translatable orders the one to papilio's translation editor too.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { invalidInput, readReturnAllOrLimit } from '../../../shared/validation';
import { orderOutputs } from '../../helpers/orders';
import { papilioList, papilioServerUrl } from '../../transport';
import { expandOptions, userIdField } from '../common.descriptions';
import { expandQuery, userSegment } from '../parameters';

export const TASK_PATHS: Record<string, string> = {
	getLayoutable: '/tasks/layoutable',
	getPrintable: '/tasks/printable',
	getTranslatable: '/tasks/translatable',
	getCompleted: '/tasks/completed',
};

const properties: INodeProperties[] = [
	{
		...userIdField('User whose completed orders to list'),
		displayOptions: { show: { operation: ['getCompleted'] } },
	},
	...returnAllOrLimit(),
	{
		displayName: 'Printable orders carry recipient, address, delivery_date and copies. Download the print file with Order → Download.',
		name: 'printableNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['getPrintable'] } },
	},
	{
		displayName: 'An empty owner means nobody works on the translation yet. Each order carries translation_url, the papilio page where a translator claims or edits it.',
		name: 'translatableNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['getTranslatable'] } },
	},
	expandOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: Object.keys(TASK_PATHS) } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const base = TASK_PATHS[operation];
	if (!base) throw invalidInput(this.getNode(), 'Operation', itemIndex, `"${operation}" is not a task list`);
	const path = operation === 'getCompleted' ? `${base}${userSegment(this, itemIndex)}` : base;
	const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
	const qs = expandQuery(this, itemIndex);
	const { list } = await papilioList.call(this, { path, qs, itemIndex }, 'orders', { returnAll, limit });
	const serverUrl = await papilioServerUrl.call(this, itemIndex);
	return orderOutputs(list, { serverUrl, translation: operation === 'getTranslatable' });
}
