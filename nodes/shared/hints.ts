/**
 * Execution hints of list operations (those with Return All / Limit), shown above the output as in
 * n8n's own nodes: the limit was reached, so there may be more; or nothing was found.
 */
import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import type { Operation } from './dispatcher';
import { readReturnAllOrLimit } from './validation';

/** Whether an operation lists things with Return All / Limit. */
export function isListOperation(operation: Operation<unknown>): boolean {
	return operation.description.some((property) => property.name === 'returnAll');
}

/** The hints for the lists one run returned, by item: how many entries each item's list had. */
export function listHints(this: IExecuteFunctions, counts: Map<number, number>): NodeExecutionHint[] {
	if (counts.size === 0) return [];
	const hints: NodeExecutionHint[] = [];
	for (const [itemIndex, count] of counts) {
		// Return All / Limit were checked by the operation before its request, so this does not throw.
		const { returnAll, limit } = readReturnAllOrLimit.call(this, itemIndex);
		if (returnAll || limit === undefined) continue;
		if (count > 0 && count >= limit) {
			hints.push({
				message: `Limit reached: the list stopped at ${limit} ${limit === 1 ? 'entry' : 'entries'}${counts.size > 1 ? ` for item ${itemIndex}` : ''} and there may be more. Turn on Return All or raise Limit to get them.`,
				location: 'outputPane',
			});
			break;
		}
	}
	if ([...counts.values()].every((count) => count === 0)) {
		hints.push({ message: 'No items found: the list came back empty for these parameters.', location: 'outputPane' });
	}
	return hints;
}

/** Adds the hints where n8n can show them (addExecutionHints exists since n8n 1.x; older ones skip it). */
export function addHints(context: IExecuteFunctions, hints: NodeExecutionHint[]) {
	if (hints.length === 0 || typeof context.addExecutionHints !== 'function') return;
	context.addExecutionHints(...hints);
}

/** The hints already added per execution context, so that a hint each item may give shows once. */
const addedOnce = new WeakMap<IExecuteFunctions, Set<string>>();

/**
 * Adds a hint unless the same message was added before in this execution of the node (operations
 * run once per item with the same context; a hint such as "the instance ignored the filter" would
 * otherwise repeat for every item).
 */
export function addHintOnce(context: IExecuteFunctions, hint: NodeExecutionHint) {
	const added = addedOnce.get(context) ?? new Set<string>();
	addedOnce.set(context, added);
	if (added.has(hint.message)) return;
	added.add(hint.message);
	addHints(context, [hint]);
}
