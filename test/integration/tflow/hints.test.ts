/** Execution hints of the tFLOW list operations: limit reached, and nothing found. */
import { useTflow } from './setup';

const tflow = useTflow();

const LIMIT_REACHED = expect.objectContaining({ message: expect.stringMatching(/^Limit reached: the list stopped at 2 entries and there may be more/) });
const NOTHING_FOUND = { message: 'No items found: the list came back empty for these parameters.', location: 'outputPane' };

test('a list cut at its limit says so, and how to get the rest', async () => {
	const cut = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 2, filters: {} });
	expect(cut.items).toHaveLength(2);
	expect(cut.hints).toEqual([LIMIT_REACHED]);
	expect(cut.hints[0].message).toContain('Return All');
	expect(tflow.apiCalls('GET', '/api/v2/job/list')).toHaveLength(1);

	const all = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: {} });
	expect(all.items).toHaveLength(4);
	expect(all.hints).toEqual([]);

	const under = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: false, limit: 50, filters: {} });
	expect(under.items).toHaveLength(2);
	expect(under.hints).toEqual([]);
});

test('an empty list says nothing was found; the filter went to tFLOW', async () => {
	const none = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: { jobName: 'no such job' } });
	expect(none.items).toHaveLength(0);
	expect(none.hints).toEqual([NOTHING_FOUND]);
	expect(tflow.apiCalls('GET', '/api/v2/job/list')[0].query).toEqual({ job_name: 'no such job' });
});

test('with several items, one hint naming the item that hit the limit; none found only when every list is empty', async () => {
	const result = await tflow.run(
		{ resource: 'job', operation: 'getMany', returnAll: false, limit: 2, filters: { jobName: '={{ $json.name }}' } },
		[{ json: { name: 'no such job' } }, { json: { name: 'TF000001-' } }],
	);
	expect(result.items).toHaveLength(2);
	expect(result.hints).toEqual([expect.objectContaining({ message: expect.stringContaining('stopped at 2 entries for item 1') })]);
});

test('operations that are not lists give no list hints', async () => {
	const result = await tflow.run({ resource: 'job', operation: 'getRevisions', jobId: { __rl: true, mode: 'id', value: '1' } });
	expect(result.items).toHaveLength(0);
	expect(result.hints).toEqual([]);
});
