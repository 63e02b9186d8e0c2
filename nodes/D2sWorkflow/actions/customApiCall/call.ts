import type { IExecuteFunctions } from 'n8n-workflow';

import type { CustomCall, CustomCallSystem } from '../../../shared/customCall';
import { customCallDescription, customCallDone, readCustomCall, runCustomCall } from '../../../shared/customCall';
import { DEFAULT_TIMEOUT_SECONDS } from '../order/put';
import { d2sCustomRequest } from '../../transport';

export const CUSTOM_CALL: CustomCallSystem = {
	system: 'D2S Workflow',
	resource: 'customApiCall',
	basePath: '/{labId}',
	placeholder: 'Empty: the lab URL itself',
	auth: 'The credential\'s secret is added to the JSON body (with "op", every D2S call is a POST to the lab URL).',
	bodyTypes: ['json'],
	defaultMethod: 'POST',
	emptyPath: true,
};

export const description = customCallDescription(CUSTOM_CALL);

export function prepare(this: IExecuteFunctions, itemIndex: number): CustomCall {
	return readCustomCall.call(this, itemIndex, CUSTOM_CALL);
}

export const done = (_output: unknown, call: CustomCall) => customCallDone(call);

export async function execute(this: IExecuteFunctions, itemIndex: number, call: CustomCall) {
	return await runCustomCall(this, itemIndex, call, {
		json: async () =>
			await d2sCustomRequest.call(this, {
				method: call.method,
				path: call.path,
				qs: call.qs,
				body: call.body?.value,
				itemIndex,
				timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
			}),
	});
}
