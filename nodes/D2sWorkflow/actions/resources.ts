import type { Resources } from '../../shared/dispatcher';
import * as order from './order';

/** The D2S node's operations by resource, run by the shared dispatcher. */
export const resources: Resources = {
	order: { put: order.put },
};
