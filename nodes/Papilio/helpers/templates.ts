import type { IDataObject } from 'n8n-workflow';

export interface FlatTemplateNode extends IDataObject {
	/** Titles from the top level down to this node, joined with " / ". */
	path: string;
	depth: number;
	parent_id: string | null;
}

/**
 * papilio's nested template view as a flat list in tree order. The API document's format: a group
 * is an array `[groupObject, [children…]]`, a template is an object.
 */
export function flattenNested(nested: unknown): FlatTemplateNode[] {
	const flat: FlatTemplateNode[] = [];
	const walk = (entries: unknown, ancestors: IDataObject[]) => {
		if (!Array.isArray(entries)) return;
		for (const entry of entries) {
			if (Array.isArray(entry)) {
				const [group, children] = entry as [IDataObject | undefined, unknown];
				if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
				flat.push(node(group, ancestors));
				walk(children, [...ancestors, group]);
			} else if (entry && typeof entry === 'object') {
				flat.push(node(entry as IDataObject, ancestors));
			}
		}
	};
	walk(nested, []);
	return flat;
}

function node(entry: IDataObject, ancestors: IDataObject[]): FlatTemplateNode {
	const parent = ancestors[ancestors.length - 1];
	return {
		...entry,
		path: [...ancestors, entry].map((item) => String(item.title ?? item.id ?? '')).join(' / '),
		depth: ancestors.length,
		parent_id: parent?.id === undefined ? null : String(parent.id),
	};
}
