/**
 * The Simplify switch of operations with large answers. Nodes saved at typeVersion 1 keep their full
 * output (the switch is there, off); from typeVersion 1.1, the version new nodes get, it is on, as in
 * n8n's own nodes. The full answer is always one switch away.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseBoolean } from './validation';

/** The typeVersion from which Simplify is on by default. */
export const SIMPLIFY_DEFAULT_ON_FROM = 1.1;

/** The switch for one operation; `fields` says in words what the simplified item keeps. */
export function simplifyFields(fields: string): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only the main fields (${fields}) instead of the full answer`,
	};
	return [
		{ ...base, displayOptions: { show: { '@version': [{ _cnd: { lt: SIMPLIFY_DEFAULT_ON_FROM } }] } } },
		{ ...base, default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: SIMPLIFY_DEFAULT_ON_FROM } }] } } },
	];
}

/** Whether the item asks for the simplified output (a switch given by expression must be true or false). */
export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return parseBoolean(context.getNode(), context.getNodeParameter('simplify', itemIndex, false), 'simplify', itemIndex);
}

/** The listed fields of an answer that it has, in the listed order. */
export function pickFields(answer: IDataObject, fields: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (answer[field] !== undefined) picked[field] = answer[field];
	return picked;
}

/** The answer, or its listed fields when Simplify is on (read it with readSimplify before the request). */
export function simplifyAnswer<T extends IDataObject | IDataObject[]>(answer: T, fields: readonly string[], simplify: boolean): T {
	if (!simplify) return answer;
	return (Array.isArray(answer) ? answer.map((one) => pickFields(one, fields)) : pickFields(answer as IDataObject, fields)) as T;
}
