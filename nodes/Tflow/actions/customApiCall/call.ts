import type { IExecuteFunctions } from 'n8n-workflow';

import type { CustomCall, CustomCallSystem } from '../../../shared/customCall';
import { customCallDescription, customCallDone, readCustomCall, runCustomCall } from '../../../shared/customCall';
import { tflowDownload, tflowRequest } from '../../transport';

export const CUSTOM_CALL: CustomCallSystem = {
	system: 'tFLOW',
	resource: 'customApiCall',
	basePath: '/api/v2',
	placeholder: 'e.g. /client/getInitialInfo',
	auth: 'The credential\'s Bearer token is sent with it and renewed when tFLOW answers 401.',
	bodyTypes: ['json', 'form'],
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
			await tflowRequest.call(this, {
				method: call.method,
				path: call.path,
				qs: call.qs,
				body: call.body?.type === 'json' ? call.body.value : undefined,
				form: call.body?.type === 'form' ? call.body.value : undefined,
				itemIndex,
			}),
		file: async () => await tflowDownload.call(this, { path: call.path, qs: call.qs, itemIndex }),
	});
}
