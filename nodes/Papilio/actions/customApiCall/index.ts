import type { Operation } from '../../../shared/dispatcher';
import * as call from './call';

export const operations: Record<string, Operation<unknown>> = { call: call as Operation<unknown> };

export const { description } = call;
