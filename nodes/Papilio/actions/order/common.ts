/** What the order operations share beyond their parameters. */
import type { IDataObject, INode } from 'n8n-workflow';

import { apiError } from '../../../shared/http';
import { truncate } from '../../../shared/validation';
import { succeeded } from '../../transport';

/** What a simplified order keeps: not its preview, print settings, size, PIN or remark. */
export const ORDER_SIMPLE_FIELDS = [
	'id',
	'title',
	'status',
	'status_flags',
	'owner',
	'template',
	'lang',
	'pages',
	'created',
	'modified',
	'released',
	'delivered',
] as const;

export const ORDER_SIMPLE_SUMMARY =
	'ID, title, status and its flags, owner, template, language, pages and the dates; the releasing controller when Released By is expanded; the editor links';

/** The simplified order's fields: released_by too when it was expanded, so Simplify never drops what the user asked for. */
export function orderSimpleFields(expand: IDataObject): readonly string[] {
	return expand.released_by ? [...ORDER_SIMPLE_FIELDS, 'released_by'] : ORDER_SIMPLE_FIELDS;
}

/**
 * What a delete outputs, as n8n's own nodes do: `{deleted: true, id}`, once papilio confirmed it
 * with `{"success": "true"}`. Any other answer is an error: the node never reports a deletion it
 * cannot vouch for.
 */
export function deletedOutput(node: INode, answer: IDataObject, id: number, request: { path: string; itemIndex: number }): IDataObject {
	if (succeeded(answer)) return { deleted: true, id: String(id) };
	throw apiError(node, {
		message: 'papilio did not confirm the deletion',
		description: `DELETE /api/v1${request.path} answered ${truncate(JSON.stringify(answer ?? null), 500)} instead of {"success": "true"}`,
		itemIndex: request.itemIndex,
		details: { papilioResponse: answer ?? null },
	});
}
