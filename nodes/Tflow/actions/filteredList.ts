import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, updateDisplayOptions } from '../../shared/descriptions';
import type { Operation } from '../../shared/dispatcher';
import { withConcurrencyOption } from '../../shared/dispatcher';
import { addHintOnce } from '../../shared/hints';
import { listLimit } from '../../shared/http';
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

/**
 * A list filter no source documents (job/list's and order/list's): the node sends it, and checks
 * every entry of the answer against it, since an instance may ignore it and answer everything.
 */
export interface CheckedFilter {
	/** The query parameter it is sent as. */
	param: string;
	/** Its name in the node's Filters. */
	label: string;
	/** Whether an entry matches the value sent. */
	matches(entry: IDataObject, sent: unknown): boolean;
}

/**
 * An entry without the field is kept: tFLOW answers only the attributes the API user may see, so a
 * missing field says nothing about the filter.
 */
function unknownField(value: unknown) {
	return value === undefined || value === null;
}

/** The entry's `field` is the id sent. */
export function sameId(field: string): CheckedFilter['matches'] {
	return (entry, sent) => unknownField(entry[field]) || String(entry[field]) === String(sent);
}

/** Text compared ignoring case and accents, as a database's default collation does. */
function folded(text: string) {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The entry's `field` contains the text sent, ignoring case and accents: at least as loose as an
 * instance that honours the filter (a substring match under a database's default collation), so
 * nothing it matched itself is dropped.
 */
export function containsText(field: string): CheckedFilter['matches'] {
	return (entry, sent) => unknownField(entry[field]) || folded(String(entry[field])).includes(folded(String(sent)));
}

function joinLabels(labels: string[]) {
	return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * tflowList for a list with checked filters: entries that do not match a filter sent are left out,
 * and a hint says that the instance ignored it. With a limit, when the answer (read only up to the
 * limit) lost entries and may go on, the list is read once more in full, so that Limit counts
 * matching entries.
 */
export async function checkedList(
	this: IExecuteFunctions,
	request: { path: string; qs: IDataObject; itemIndex: number },
	limits: { returnAll?: boolean; limit?: number },
	filters: CheckedFilter[],
	noun: string,
): Promise<IDataObject[]> {
	const answer = (await tflowList.call(this, request, limits)) as IDataObject[];
	const sent = filters.filter((filter) => request.qs[filter.param] !== undefined);
	if (sent.length === 0) return answer;
	const ignored = new Set<CheckedFilter>();
	const matching = (list: IDataObject[]) =>
		list.filter((entry) => {
			const failed = sent.filter((filter) => !filter.matches(entry, request.qs[filter.param]));
			for (const filter of failed) ignored.add(filter);
			return failed.length === 0;
		});
	let kept = matching(answer);
	if (ignored.size === 0) return kept;
	const limit = listLimit(limits);
	if (limit !== undefined && answer.length >= limit) {
		kept = matching((await tflowList.call(this, request, { returnAll: true })) as IDataObject[]).slice(0, limit);
	}
	const labels = sent.filter((filter) => ignored.has(filter)).map((filter) => `${filter.label} (${filter.param})`);
	addHintOnce(this, {
		message: `tFLOW ignored the ${joinLabels(labels)} filter${labels.length > 1 ? 's' : ''}: its answer also held ${noun} that do not match, which the node left out. The output holds only matching ${noun}.`,
		location: 'outputPane',
	});
	return kept;
}
