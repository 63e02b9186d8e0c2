import { selectNew, type SeenState } from '../../nodes/Papilio/helpers/seenItems';

const item = (id: number | string) => ({ id: String(id) });
const idOf = (entry: { id: string }) => entry.id;

describe('papilio trigger: what was seen', () => {
	test('the first poll emits nothing and remembers what exists', () => {
		const { emit, state } = selectNew(undefined, 'k', [item(3), item(1)], idOf);
		expect(emit).toEqual([]);
		expect(state).toEqual({ key: 'k', ids: ['1', '3'] });
	});

	test('with includeExisting the first poll emits everything, oldest first', () => {
		expect(selectNew(undefined, 'k', [item(3), item(1), item(2)], idOf, { includeExisting: true }).emit).toEqual([item(1), item(2), item(3)]);
	});

	test('later polls emit each new item once', () => {
		let state: SeenState = selectNew(undefined, 'k', [item(1)], idOf).state;
		let result = selectNew(state, 'k', [item(1), item(5), item(4)], idOf);
		expect(result.emit).toEqual([item(4), item(5)]);
		state = result.state;
		result = selectNew(state, 'k', [item(1), item(5), item(4)], idOf);
		expect(result.emit).toEqual([]);
		// An item that left the list and comes back is not new.
		result = selectNew(result.state, 'k', [item(4)], idOf);
		result = selectNew(result.state, 'k', [item(4), item(5)], idOf);
		expect(result.emit).toEqual([]);
	});

	test('another configuration (key) starts afresh without flooding', () => {
		const state = selectNew(undefined, 'printable', [item(1)], idOf).state;
		const result = selectNew(state, 'layoutable', [item(1), item(2)], idOf);
		expect(result.emit).toEqual([]);
		expect(result.state).toEqual({ key: 'layoutable', ids: ['1', '2'] });
	});

	test('the memory is bounded: the oldest IDs no longer listed are forgotten first', () => {
		let state: SeenState = { key: 'k', ids: ['1', '2', '3', '4'] };
		const result = selectNew(state, 'k', [item(2), item(5), item(6)], idOf, { max: 4 });
		expect(result.emit).toEqual([item(5), item(6)]);
		// 6 IDs, max 4: 1 and 3 (oldest not listed) go; 2 stays because it is still listed.
		expect(result.state.ids).toEqual(['2', '4', '5', '6']);
		state = result.state;
		expect(selectNew(state, 'k', [item(2), item(5), item(6)], idOf, { max: 4 }).emit).toEqual([]);
	});

	test('IDs still listed are kept even beyond the bound, so nothing is emitted twice', () => {
		const listed = Array.from({ length: 10 }, (_, index) => item(index + 1));
		let result = selectNew(undefined, 'k', listed, idOf, { max: 3 });
		expect(result.state.ids).toHaveLength(10);
		result = selectNew(result.state, 'k', [...listed, item(11)], idOf, { max: 3 });
		expect(result.emit).toEqual([item(11)]);
		expect(result.state.ids).toHaveLength(11);
	});

	test('an empty answer (e.g. a hiccup) forgets nothing while under the bound', () => {
		const state = selectNew(undefined, 'k', [item(1), item(2)], idOf).state;
		const empty = selectNew(state, 'k', [], idOf);
		expect(empty.state.ids).toEqual(['1', '2']);
		expect(selectNew(empty.state, 'k', [item(1), item(2)], idOf).emit).toEqual([]);
	});
});
