import type { CustomCallSystem } from '../../../shared/customCall';
import { customCallOperation } from '../../../shared/customCall';
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

export const { description, prepare, done, execute } = customCallOperation(CUSTOM_CALL, (context, itemIndex) => ({
	json: async (call) =>
		await tflowRequest.call(context, {
			method: call.method,
			path: call.path,
			qs: call.qs,
			body: call.body?.type === 'json' ? call.body.value : undefined,
			form: call.body?.type === 'form' ? call.body.value : undefined,
			itemIndex,
		}),
	file: async (call) => await tflowDownload.call(context, { path: call.path, qs: call.qs, itemIndex }),
}));
