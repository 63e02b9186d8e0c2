import type { CustomCallSystem } from '../../../shared/customCall';
import { customCallOperation } from '../../../shared/customCall';
import { d2sCustomRequest } from '../../transport';
import { DEFAULT_TIMEOUT_SECONDS } from '../order/put';

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

export const { description, prepare, done, execute } = customCallOperation(CUSTOM_CALL, (context, itemIndex) => ({
	json: async (call) =>
		await d2sCustomRequest.call(context, {
			method: call.method,
			path: call.path,
			qs: call.qs,
			body: call.body?.value,
			itemIndex,
			timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
		}),
}));
