/**
 * Links to papilio's editor pages, the ones the API document tells clients to send users to:
 * /edit/create/{template id} (a new order from a template), /edit/clone_from/{order id} (a new
 * order from an example publication) and /translation/edit/{order id} (claim or edit a
 * translation). They live under the server URL, not under /api/v1.
 */
import type { IDataObject } from 'n8n-workflow';

const PAGES = {
	create_url: '/edit/create/',
	clone_url: '/edit/clone_from/',
	translation_url: '/translation/edit/',
} as const;

export type EditorLink = keyof typeof PAGES;

/** The page for this id, or undefined when papilio gave no numeric id (no link is better than a wrong one). */
export function editorLink(serverUrl: string, link: EditorLink, id: unknown): string | undefined {
	const text = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
	return /^\d+$/.test(text) ? `${serverUrl}${PAGES[link]}${text}` : undefined;
}

/** The item with the link added (unchanged when it has no usable id). */
export function withEditorLink(item: IDataObject, serverUrl: string, link: EditorLink): IDataObject {
	const url = editorLink(serverUrl, link, item.id);
	return url === undefined ? item : { ...item, [link]: url };
}

/**
 * A template or template-tree entry with its create link. Groups have none, and neither has a
 * template with example publications: the document says to treat it like a group and send the
 * user to /edit/clone_from/{example id} instead.
 */
export function templateWithLink(item: IDataObject, serverUrl: string): IDataObject {
	if (item.type !== undefined && item.type !== 'template') return item;
	if (hasExamples(item.examples)) return item;
	return withEditorLink(item, serverUrl, 'create_url');
}

function hasExamples(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	return String(value).trim() !== '0';
}

/** The id of an order's template: papilio's id, or the id of the expanded template object. */
function templateIdOf(template: unknown): unknown {
	return template !== null && typeof template === 'object' ? (template as IDataObject).id : template;
}

/**
 * The editor links that apply to an order: create_url, a new order from the order's template
 * (/edit/create/{template id}), and translation_url, where a translator claims or edits it
 * (/translation/edit/{order id}), for a translation (translation_of set) or an order of the
 * translatable tasks. Read from the full order, so that Simplify, which drops translation_of, loses
 * no link. A deleted order gets no translation link: papilio no longer opens it.
 */
export function orderEditorLinks(order: IDataObject, serverUrl: string, options: { translation?: boolean; deleted?: boolean } = {}): IDataObject {
	const links: IDataObject = {};
	const create = editorLink(serverUrl, 'create_url', templateIdOf(order.template));
	if (create !== undefined) links.create_url = create;
	const isTranslation = options.translation || (order.translation_of !== undefined && order.translation_of !== null && order.translation_of !== '');
	const translation = isTranslation && !options.deleted ? editorLink(serverUrl, 'translation_url', order.id) : undefined;
	if (translation !== undefined) links.translation_url = translation;
	return links;
}
