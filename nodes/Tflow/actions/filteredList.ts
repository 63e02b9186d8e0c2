import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../shared/descriptions';
import type { Operation } from '../../shared/dispatcher';
import { withConcurrencyOption } from '../../shared/dispatcher';
import { tflowList } from '../transport';
import { listFilterQuery, readReturnAllOrLimit } from './parameters';

/**
 * A Get Many operation over `/<resource>/list` with Return All / Limit and tFLOW's one-field
 * exact-match filter (`filter[field]`/`filter[value]`): clients by name, products by name, users by e-mail.
 */
export function filteredListOperation(resource: string, filter: INodeProperties): Operation {
	const properties: INodeProperties[] = [
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [filter],
		},
	];
	return {
		description: updateDisplayOptions({ show: { resource: [resource], operation: ['getMany'] } }, withConcurrencyOption(properties)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const qs = listFilterQuery.call(this, itemIndex, filter.name);
			return (await tflowList.call(
				this,
				{ path: `/${resource}/list`, qs, itemIndex },
				readReturnAllOrLimit.call(this, itemIndex),
			)) as IDataObject[];
		},
	};
}
