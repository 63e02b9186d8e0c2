/** The files of a revision that Download and Download Latest offer, and the download into a binary field. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryFromDownload } from '../../../shared/binary';
import { hasOwn, invalidInput, parseId, requireString } from '../../../shared/validation';
import { tflowDownload } from '../../transport';
import { binaryOutputField } from '../common.descriptions';

/** The revision files tFLOW serves, with the path below /revision/{id} and a fallback file name. */
const FILES: Record<string, { path: (page: number) => string; fallbackName: (revisionId: number, page: number) => string }> = {
	original: { path: () => 'originalFile', fallbackName: (id) => `revision-${id}-original` },
	lowRes: { path: () => 'lowresFile', fallbackName: (id) => `revision-${id}-lowres.pdf` },
	preflightedPdf: { path: () => 'preflightedPdf', fallbackName: (id) => `revision-${id}-preflighted.pdf` },
	proof: { path: () => 'proof', fallbackName: (id) => `revision-${id}-proof.pdf` },
	preview: { path: (page) => `preview/${page}`, fallbackName: (id, page) => `revision-${id}-page-${page}.png` },
};

/** File, Page Number and the output binary field; `defaultFile` is the File preselected. */
export function revisionFileFields(defaultFile: string): INodeProperties[] {
	return [
		{
			displayName: 'File',
			name: 'file',
			type: 'options',
			options: [
				{ name: 'Low-Res PDF', value: 'lowRes', description: 'A light PDF for viewing' },
				{ name: 'Original Artwork', value: 'original', description: 'The file as it was uploaded' },
				{ name: 'Page Preview (PNG)', value: 'preview', description: 'An image of one page' },
				{ name: 'Preflighted PDF', value: 'preflightedPdf', description: 'The production file after preflight' },
				{ name: 'Proof PDF', value: 'proof', description: 'The proof shown for approval' },
			],
			default: defaultFile,
		},
		{
			displayName: 'Page Number',
			name: 'pageNumber',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: { show: { file: ['preview'] } },
		},
		binaryOutputField,
	];
}

export interface FileChoice {
	file: string;
	page: number;
	binaryPropertyName: string;
}

/** The chosen file, page and output field, checked before anything is requested. */
export function readFileChoice(this: IExecuteFunctions, itemIndex: number): FileChoice {
	const node = this.getNode();
	const file = this.getNodeParameter('file', itemIndex) as string;
	// hasOwn: an expression giving "toString" must not find Object's own method.
	if (typeof file !== 'string' || !hasOwn(FILES, file)) throw invalidInput(node, 'file', itemIndex, `unknown file "${String(file)}"`);
	const page = file === 'preview' ? parseId(node, this.getNodeParameter('pageNumber', itemIndex, 1), 'pageNumber', itemIndex) : 1;
	const binaryPropertyName = requireString(node, this.getNodeParameter('binaryPropertyName', itemIndex), 'binaryPropertyName', itemIndex, 200);
	return { file, page, binaryPropertyName };
}

/** Streams one file of a revision into the output item's binary field; `json` is put before the file's details. */
export async function downloadRevisionFile(
	this: IExecuteFunctions,
	itemIndex: number,
	revisionId: number,
	{ file, page, binaryPropertyName }: FileChoice,
	json: IDataObject = {},
): Promise<INodeExecutionData> {
	const response = await tflowDownload.call(this, { path: `/revision/${revisionId}/${FILES[file].path(page)}`, itemIndex });
	const { binary, bytes } = await binaryFromDownload(this, response, { fileName: FILES[file].fallbackName(revisionId, page), itemIndex });
	return {
		json: {
			...json,
			revision_id: revisionId,
			file,
			...(file === 'preview' ? { page } : {}),
			file_name: binary.fileName,
			mime_type: binary.mimeType,
			file_size: bytes,
		},
		binary: { [binaryPropertyName]: binary },
	};
}
