import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { binaryFromDownload } from '../../shared/binary';
import { requireString } from '../../shared/validation';
import { papilioDownload } from '../transport';

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
	const { binary, bytes } = await binaryFromDownload(context, response, { fileName: request.fileName, mimeType: request.mimeType, itemIndex });
	return {
		json: { ...json, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: bytes } as never,
		binary: { [property]: binary },
	};
}
