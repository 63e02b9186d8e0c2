import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { UploadSource } from '../../shared/binary';
import { tflowRequest, tflowUpload } from '../transport';

/**
 * Executes an upload transition (upload_first_revision / upload_next_revision): multipart with
 * the parameters in `_json` and the file streamed in `artwork`. Reading the job first makes sure
 * the token is valid before a large file is sent.
 */
export async function uploadWithTransition(
	this: IExecuteFunctions,
	request: {
		jobId: number;
		transition: string;
		source: UploadSource;
		itemIndex: number;
		extra?: IDataObject;
		/** The caller has just made an authenticated request, so the token is known to work. */
		tokenJustChecked?: boolean;
	},
): Promise<IDataObject> {
	const { jobId, itemIndex } = request;
	return (await tflowUpload.call(this, {
		path: `/job/${jobId}/executeTransition`,
		json: { transition_name: request.transition, ...request.extra },
		source: request.source,
		itemIndex,
		tokenJustChecked: request.tokenJustChecked,
		warmUp: async () => await tflowRequest.call(this, { method: 'GET', path: `/job/${jobId}`, itemIndex }),
	})) as IDataObject;
}
