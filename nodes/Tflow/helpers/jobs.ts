import type { TflowContext } from '../transport';
import { tflowRequest } from '../transport';

/** The job's allowed transition names: user-visible ones, depending on state, workflow and permissions. */
export async function allowedTransitions(this: TflowContext, jobId: number | string, itemIndex?: number): Promise<string[]> {
	const names: unknown = await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}/allowedTransitions`, itemIndex });
	return Array.isArray(names) ? names.map(String) : [];
}
