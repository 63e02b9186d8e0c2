import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryFromDownload, type StreamedResponse } from '../../shared/binary';
import { requireString } from '../../shared/validation';
import { papilioDownload } from '../transport';

export const outputBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/**
 * Streams a papilio file (order PDF, preview or PIN download) into n8n's binary data: the file is
 * never held whole in memory when n8n stores binaries on disk.
 */
export async function downloadItem(
	context: IExecuteFunctions,
	itemIndex: number,
	request: { path: string; fileName: string; mimeType?: string },
	json: Record<string, unknown>,
): Promise<INodeExecutionData> {
	const property = requireString(context.getNode(), context.getNodeParameter('binaryPropertyName', itemIndex), 'Put Output File in Field', itemIndex, 200);
	const response = await papilioDownload.call(context, { path: request.path, itemIndex });
	const binary = await binaryFromDownload(context, response, { fileName: request.fileName, mimeType: request.mimeType, itemIndex });
	return {
		json: { ...json, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: await byteCount(context, binary, response.headers) } as never,
		binary: { [property]: binary },
	};
}

/** The size in bytes: the Content-Length binaryFromDownload checked, else what n8n stored. */
async function byteCount(context: IExecuteFunctions, binary: IBinaryData, headers: StreamedResponse['headers']): Promise<number> {
	const length = Number(headers['content-length']);
	if (Number.isFinite(length) && length >= 0) return length;
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}
