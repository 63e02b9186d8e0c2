import type { Resources } from '../../shared/dispatcher';
import * as customApiCall from './customApiCall';
import * as order from './order';

/** The D2S node's operations by resource, run by the shared dispatcher. */
export const resources: Resources = {
	customApiCall: customApiCall.operations,
	order: { put: order.put, checkInstance: order.checkInstance },
};
