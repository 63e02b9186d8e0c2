import type { IExecuteFunctions } from 'n8n-workflow';

import type { CustomCall, CustomCallSystem } from '../../../shared/customCall';
import { customCallDescription, customCallDone, readCustomCall, runCustomCall } from '../../../shared/customCall';
import { papilioDownload, papilioRequest } from '../../transport';

export const CUSTOM_CALL: CustomCallSystem = {
	system: 'papilio',
	resource: 'customApiCall',
	basePath: '/api/v1',
	placeholder: 'e.g. /orders/search/or',
	auth: 'The credential\'s access token is added as the access_token parameter and renewed when papilio answers 401.',
	bodyTypes: ['form', 'json'],
	defaultMethod: 'GET',
	binary: true,
};

export const description = customCallDescription(CUSTOM_CALL);

export function prepare(this: IExecuteFunctions, itemIndex: number): CustomCall {
	return readCustomCall.call(this, itemIndex, CUSTOM_CALL);
}

export const done = (_output: unknown, call: CustomCall) => customCallDone(call);

export async function execute(this: IExecuteFunctions, itemIndex: number, call: CustomCall) {
	return await runCustomCall(this, itemIndex, call, {
		json: async () =>
			await papilioRequest.call(this, {
				method: call.method,
				path: call.path,
				qs: call.qs,
				form: call.body?.type === 'form' ? call.body.value : undefined,
				json: call.body?.type === 'json' ? call.body.value : undefined,
				itemIndex,
			}),
		file: async () => await papilioDownload.call(this, { path: call.path, qs: call.qs, itemIndex }),
	});
}
