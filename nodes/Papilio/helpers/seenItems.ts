/**
 * What the polling trigger remembers between polls (in workflow static data, which n8n persists):
 * the IDs it has already seen for one configuration, bounded in size.
 */
import type { IDataObject } from 'n8n-workflow';

export interface SeenState extends IDataObject {
	/** The configuration the IDs belong to (event and flags); another one starts afresh. */
	key: string;
	/** Seen IDs, oldest first. */
	ids: string[];
}

export const MAX_SEEN_IDS = 5000;

export interface Selection<T> {
	/** Items to emit, oldest (lowest ID) first. */
	emit: T[];
	state: SeenState;
}

function byId(a: string, b: string) {
	const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
	return numeric ? Number(a) - Number(b) : a.localeCompare(b);
}

/**
 * The items of `current` not seen before. The first poll of a configuration emits nothing (or
 * everything with `includeExisting`) and only remembers what exists. Once more than `max` IDs are
 * remembered, the oldest that are no longer listed are forgotten; IDs still listed are always kept,
 * so nothing is emitted twice, however long the list.
 */
export function selectNew<T>(
	previous: SeenState | undefined,
	key: string,
	current: T[],
	idOf: (item: T) => string,
	options: { includeExisting?: boolean; max?: number } = {},
): Selection<T> {
	const max = options.max ?? MAX_SEEN_IDS;
	const sorted = [...current].sort((a, b) => byId(idOf(a), idOf(b)));
	const firstPoll = !previous || previous.key !== key || !Array.isArray(previous.ids);
	const seen = new Set(firstPoll ? [] : previous.ids);
	const fresh = sorted.filter((item) => !seen.has(idOf(item)));
	const emit = firstPoll && !options.includeExisting ? [] : fresh;
	const ids = [...(firstPoll ? [] : previous.ids), ...fresh.map(idOf)];
	const listed = new Set(sorted.map(idOf));
	let excess = ids.length - max;
	const kept = excess > 0 ? ids.filter((id) => listed.has(id) || excess-- <= 0) : ids;
	return { emit, state: { key, ids: kept } };
}
