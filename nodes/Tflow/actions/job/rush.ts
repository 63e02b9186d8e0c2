import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { hasOwn, invalidInput } from '../../../shared/validation';
import { tflowRequest } from '../../transport';
import { jobIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const RUSH_PATHS: Record<string, string> = { request: 'request', undoRequest: 'undoRequest', clear: 'clear' };

const properties: INodeProperties[] = [
	jobIdLocator,
	{
		displayName: 'Rush Action',
		name: 'rushAction',
		type: 'options',
		options: [
			{ name: 'Clear', value: 'clear', description: 'Clear the RUSH status of the job' },
			{ name: 'Request', value: 'request', description: 'Request RUSH status for the job' },
			{ name: 'Undo Request', value: 'undoRequest', description: 'Withdraw a RUSH request' },
		],
		default: 'request',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['job'], operation: ['rush'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const jobId = readId.call(this, 'jobId', itemIndex);
	const action = this.getNodeParameter('rushAction', itemIndex) as string;
	if (typeof action !== 'string' || !hasOwn(RUSH_PATHS, action)) {
		throw invalidInput(this.getNode(), 'rushAction', itemIndex, `must be request, undoRequest or clear, got "${String(action)}"`);
	}
	return { jobId, action };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, { jobId, action }: ReturnType<typeof prepare>) {
	return (await tflowRequest.call(this, {
		method: 'POST',
		path: `/job/${jobId}/rush/${RUSH_PATHS[action]}`,
		itemIndex,
	})) as IDataObject;
}

export function done(_output: IDataObject, { jobId, action }: ReturnType<typeof prepare>) {
	return `rush ${action} on job ${jobId}`;
}
