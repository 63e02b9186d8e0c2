/** Execution hints of papilio's list operations: a search with no match, and a cut list. */
import { useWorld } from './world';

const world = useWorld();

test('a search with no match says nothing was found; one cut at its limit says so', async () => {
	const none = await world.run({ resource: 'order', operation: 'search', mode: 'and', filters: { title: 'no such order anywhere' }, returnAll: true, options: {} });
	expect(none.items).toHaveLength(0);
	expect(none.hints).toEqual([{ message: 'No items found: the list came back empty for these parameters.', location: 'outputPane' }]);
	expect(world.apiCalls('GET', /\/orders\/search\/and/)[0].query).toMatchObject({ title: 'no such order anywhere' });

	const cut = await world.run({ resource: 'order', operation: 'search', mode: 'and', filters: {}, returnAll: false, limit: 1, options: {} });
	expect(cut.items).toHaveLength(1);
	expect(cut.hints).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Limit reached: the list stopped at 1 entry /) })]);
});
