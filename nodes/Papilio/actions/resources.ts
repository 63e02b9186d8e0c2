import type { Resources } from '../../shared/dispatcher';
import * as customApiCall from './customApiCall';
import * as instance from './instance';
import * as message from './message';
import * as order from './order';
import * as task from './task';
import * as template from './template';

/** The papilio node's operations by resource, run by the shared dispatcher. */
export const resources: Resources = {
	customApiCall: customApiCall.operations,
	instance: instance.operations,
	message: message.operations,
	order: order.operations,
	task: task.operations,
	template: template.operations,
};
