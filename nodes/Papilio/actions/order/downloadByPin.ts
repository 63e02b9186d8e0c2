import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, requireString, truncate } from '../../../shared/validation';
import { binaryOutputField, updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { downloadItem } from '../download';

const properties: INodeProperties[] = [
	{
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. h58d2',
		description: 'The PIN of a public order, or the whole PIN link (its last part is used)',
	},
	binaryOutputField,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['downloadByPin'] } }, withConcurrencyOption(properties));

/** The PIN itself, also from a pasted PIN link such as https://papilio.example.com/pin/h58d2. */
export function parsePin(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = requireString(context.getNode(), value, 'PIN', itemIndex, 2000);
	const pin = text.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
	if (!/^[A-Za-z0-9]+$/.test(pin) || pin.length > 64) {
		throw invalidInput(context.getNode(), 'PIN', itemIndex, `"${truncate(text)}" is not a PIN (letters and digits, e.g. h58d2)`);
	}
	return pin;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const pin = parsePin(this, this.getNodeParameter('pin', itemIndex), itemIndex);
	return await downloadItem(this, itemIndex, { path: `/order/pin/${pin}`, fileName: `order_pin_${pin}.pdf` }, { pin });
}
