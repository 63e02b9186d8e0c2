import { flattenNested } from '../../nodes/Papilio/helpers/templates';

// The API document's example of /templates/nested: a group is [groupObject, [children…]].
const nested = [
	[
		{ id: '8', title: 'Top level group', type: 'group' },
		[
			[{ id: '16', title: 'Sub group', type: 'group' }, [{ id: '34', title: 'Inserat A4 hoch', type: 'template' }]],
			{ id: '35', title: 'Template in top level group', type: 'template' },
		],
	],
	[{ id: '9', title: 'Empty group', type: 'group' }, []],
	{ id: '36', title: 'Template on top level', type: 'template' },
];

test('flattens papilio\'s nested template view in tree order with paths, depth and parent', () => {
	expect(flattenNested(nested)).toEqual([
		{ id: '8', title: 'Top level group', type: 'group', path: 'Top level group', depth: 0, parent_id: null },
		{ id: '16', title: 'Sub group', type: 'group', path: 'Top level group / Sub group', depth: 1, parent_id: '8' },
		{ id: '34', title: 'Inserat A4 hoch', type: 'template', path: 'Top level group / Sub group / Inserat A4 hoch', depth: 2, parent_id: '16' },
		{ id: '35', title: 'Template in top level group', type: 'template', path: 'Top level group / Template in top level group', depth: 1, parent_id: '8' },
		{ id: '9', title: 'Empty group', type: 'group', path: 'Empty group', depth: 0, parent_id: null },
		{ id: '36', title: 'Template on top level', type: 'template', path: 'Template on top level', depth: 0, parent_id: null },
	]);
});

test('tolerates an empty or malformed answer', () => {
	expect(flattenNested(undefined)).toEqual([]);
	expect(flattenNested([null, 'x', [null, []]])).toEqual([]);
});
