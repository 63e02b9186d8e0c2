import type { CustomCallSystem } from '../../../shared/customCall';
import { customCallOperation } from '../../../shared/customCall';
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

export const { description, prepare, done, execute } = customCallOperation(CUSTOM_CALL, (context, itemIndex) => ({
	json: async (call) =>
		await papilioRequest.call(context, {
			method: call.method,
			path: call.path,
			qs: call.qs,
			form: call.body?.type === 'form' ? call.body.value : undefined,
			json: call.body?.type === 'json' ? call.body.value : undefined,
			itemIndex,
		}),
	file: async (call) => await papilioDownload.call(context, { path: call.path, qs: call.qs, itemIndex }),
}));
