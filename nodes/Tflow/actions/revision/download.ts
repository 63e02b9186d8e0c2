import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryFromDownload } from '../../../shared/binary';
import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { invalidInput, parseId, requireString } from '../../../shared/validation';
import { tflowDownload } from '../../transport';
import { binaryOutputField } from '../common.descriptions';
import { readRevisionId, revisionFields } from './common';

/** The revision files tFLOW serves, with the path below /revision/{id} and a fallback file name. */
const FILES: Record<string, { path: (page: number) => string; fallbackName: (revisionId: number, page: number) => string }> = {
	original: { path: () => 'originalFile', fallbackName: (id) => `revision-${id}-original` },
	lowRes: { path: () => 'lowresFile', fallbackName: (id) => `revision-${id}-lowres.pdf` },
	preflightedPdf: { path: () => 'preflightedPdf', fallbackName: (id) => `revision-${id}-preflighted.pdf` },
	proof: { path: () => 'proof', fallbackName: (id) => `revision-${id}-proof.pdf` },
	preview: { path: (page) => `preview/${page}`, fallbackName: (id, page) => `revision-${id}-page-${page}.png` },
};

const properties: INodeProperties[] = [
	...revisionFields,
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
		default: 'original',
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

export const description = updateDisplayOptions({ show: { resource: ['revision'], operation: ['download'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const revisionId = readRevisionId.call(this, itemIndex);
	const file = this.getNodeParameter('file', itemIndex) as string;
	if (!FILES[file]) throw invalidInput(node, 'file', itemIndex, `unknown file "${file}"`);
	const page = file === 'preview' ? parseId(node, this.getNodeParameter('pageNumber', itemIndex, 1), 'pageNumber', itemIndex) : 1;
	const binaryPropertyName = requireString(
		node,
		this.getNodeParameter('binaryPropertyName', itemIndex),
		'binaryPropertyName',
		itemIndex,
		200,
	);
	const response = await tflowDownload.call(this, { path: `/revision/${revisionId}/${FILES[file].path(page)}`, itemIndex });
	const { binary, bytes } = await binaryFromDownload(this, response, { fileName: FILES[file].fallbackName(revisionId, page), itemIndex });
	return {
		json: {
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
