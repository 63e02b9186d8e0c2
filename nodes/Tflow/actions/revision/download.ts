import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions';
import { withConcurrencyOption } from '../../../shared/dispatcher';
import { readRevisionId, revisionFields } from './common';
import { downloadRevisionFile, readFileChoice, revisionFileFields } from './files';

const properties: INodeProperties[] = [...revisionFields, ...revisionFileFields('original')];

export const description = updateDisplayOptions({ show: { resource: ['revision'], operation: ['download'] } }, withConcurrencyOption(properties));

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const revisionId = readRevisionId.call(this, itemIndex);
	return await downloadRevisionFile.call(this, itemIndex, revisionId, readFileChoice.call(this, itemIndex));
}
