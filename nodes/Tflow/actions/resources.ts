import type { Resources } from '../../shared/dispatcher';
import * as api from './api';
import * as client from './client';
import * as customApiCall from './customApiCall';
import * as job from './job';
import * as order from './order';
import * as permission from './permission';
import * as product from './product';
import * as queue from './queue';
import * as revision from './revision';
import * as role from './role';
import * as user from './user';
import * as webhook from './webhook';

/** The tFLOW node's operations by resource, run by the shared dispatcher. */
export const resources: Resources = {
	api: api.operations,
	client: client.operations,
	customApiCall: customApiCall.operations,
	job: job.operations,
	order: order.operations,
	permission: permission.operations,
	product: product.operations,
	queue: queue.operations,
	revision: revision.operations,
	role: role.operations,
	user: user.operations,
	webhook: webhook.operations,
};
