/**
 * The pure side of tFLOW's dynamic properties: the answer of GET prop/{entityType} read into
 * definitions, the dropdown built from them, and values checked and converted against them.
 */
import type { INode } from 'n8n-workflow';

import type { PropertyDefinition } from '../../nodes/Tflow/helpers/properties';
import { checkProperties, propertyOptions, toPropertyDefinitions } from '../../nodes/Tflow/helpers/properties';

const node: INode = { id: '1', name: 'tFLOW', type: 'n8n-nodes-print-workflow.tflow', typeVersion: 1, position: [0, 0], parameters: {} };
const where = { node, field: 'props', itemIndex: 3 };

const DEFINITIONS: PropertyDefinition[] = toPropertyDefinitions([
	{ id: 1, name: 'quantity', display_name: 'Quantity', input_type: 'text', display_order: 20 },
	{ id: 2, name: 'notes', input_type: 'textarea', display_order: 10 },
	{ id: 3, name: 'paper', display_name: 'Paper', input_type: 'select', display_order: 30, list_values: [{ id: 7, name: 'Silk' }, { id: 8, name: 'Gloss' }] },
	{ id: 4, name: 'finish', display_name: 'Finish', input_type: 'multiselect', display_order: 30, list_values: [{ id: 9, name: 'UV' }, { id: 10, name: 'Foil' }] },
	{ id: 5, name: 'due', display_name: 'Due', input_type: 'date', display_order: 40 },
	{ id: 6, display_name: 'No name' },
	'not an object',
]);

test('entries without a name are left out; the dropdown follows display order, then name', () => {
	expect(DEFINITIONS.map((definition) => definition.name)).toEqual(['quantity', 'notes', 'paper', 'finish', 'due']);
	expect(propertyOptions(DEFINITIONS)).toEqual([
		{ name: 'notes', value: 'notes', description: 'notes · textarea' },
		{ name: 'Quantity', value: 'quantity', description: 'Quantity (quantity) · text' },
		{ name: 'Finish', value: 'finish', description: 'Finish (finish) · multiselect: UV, Foil' },
		{ name: 'Paper', value: 'paper', description: 'Paper (paper) · select: Silk, Gloss' },
		{ name: 'Due', value: 'due', description: 'Due (due) · date' },
	]);
});

test('values are converted to what tFLOW stores', () => {
	expect(
		checkProperties(DEFINITIONS, 'job', { quantity: 500, notes: true, paper: 8, finish: ' UV , 10, UV ', due: { any: 'thing' } }, where),
	).toEqual({ quantity: '500', notes: 'true', paper: 'Gloss', finish: ['UV', 'Foil'], due: { any: 'thing' } });
	// Empty clears a select or multiselect; null clears anything.
	expect(checkProperties(DEFINITIONS, 'job', { paper: ' ', finish: '', quantity: null }, where)).toEqual({ paper: '', finish: [], quantity: null });
	expect(checkProperties(DEFINITIONS, 'job', { finish: [9] }, where)).toEqual({ finish: ['UV'] });
});

test('a multiselect value whose name holds a comma is matched whole before the text is split (issue 22 §5)', () => {
	const folding = toPropertyDefinitions([
		{ id: 1, name: 'finish', input_type: 'multiselect', list_values: [{ id: 9, name: 'UV' }, { id: 10, name: 'Fold, then cut' }, { id: 11, name: 'Fold' }] },
	]);
	expect(checkProperties(folding, 'job', { finish: 'Fold, then cut' }, where)).toEqual({ finish: ['Fold, then cut'] });
	expect(checkProperties(folding, 'job', { finish: ' UV, Fold, then cut ' }, where)).toEqual({ finish: ['UV', 'Fold, then cut'] });
	expect(checkProperties(folding, 'job', { finish: 'Fold, UV' }, where)).toEqual({ finish: ['Fold', 'UV'] });
	expect(() => checkProperties(folding, 'job', { finish: 'Fold, then glue' }, where)).toThrow('props.finish: "then glue" is not one of its values (multiselect) (item 3)');
});

test.each([
	[{ quantity: ['500'] }, 'props.quantity: must be text (text), got ["500"] (item 3)'],
	[{ quantity: Number.NaN }, 'props.quantity: must be text (text), got NaN (item 3)'],
	[{ paper: 'silk' }, 'props.paper: "silk" is not one of its values (select) (item 3)'],
	[{ paper: ['Silk'] }, 'props.paper: must be one of its values, got ["Silk"] (item 3)'],
	[{ finish: 'UV, Matt' }, 'props.finish: "Matt" is not one of its values (multiselect) (item 3)'],
	[{ finish: '["UV",' }, 'props.finish: "["UV"," is not a JSON array (item 3)'],
	[{ finish: { UV: true } }, 'props.finish: must be a list of its values, got {"UV":true} (item 3)'],
	[{ colour: 'red' }, 'props: "colour" is not a property of tFLOW jobs (item 3)'],
	['{"__proto__": "x"}', 'props: "__proto__" is not a property of tFLOW jobs (item 3)'],
])('%j is refused', (props, message) => {
	const given = typeof props === 'string' ? JSON.parse(props) : props;
	expect(() => checkProperties(DEFINITIONS, 'job', given, where)).toThrow(message);
});

test('a property named __proto__ or constructor that the instance defines is kept as an own key, not lost in the prototype', () => {
	const odd = toPropertyDefinitions([{ name: '__proto__', input_type: 'text' }, { name: 'constructor', input_type: 'text' }]);
	const checked = checkProperties(odd, 'job', JSON.parse('{"__proto__": "x", "constructor": 5}'), where);
	expect(Object.keys(checked)).toEqual(['__proto__', 'constructor']);
	expect(JSON.stringify(checked)).toBe('{"__proto__":"x","constructor":"5"}');
	expect(Object.getPrototypeOf(checked)).toBe(Object.prototype);
});

test('an instance without definitions says so', () => {
	try {
		checkProperties([], 'order', { quantity: '1' }, where);
		throw new Error('not refused');
	} catch (error) {
		expect((error as Error).message).toBe('props: "quantity" is not a property of tFLOW orders (item 3)');
		expect((error as { description?: string }).description).toBe('This tFLOW instance defines no order properties.');
	}
});
