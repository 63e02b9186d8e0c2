/**
 * Execution hints of the tFLOW list operations: limit reached, nothing found, and a filter the
 * instance ignored (its answer held entries that do not match, which the node left out). The list
 * hints run against both emulator profiles: `documented` ignores the job and order list filters.
 */
import type { TflowSetup } from './setup';
import { PROFILE_NAMES, useTflowProfiles } from './setup';

const beds = useTflowProfiles();

const LIMIT_REACHED = expect.objectContaining({ message: expect.stringMatching(/^Limit reached: the list stopped at 2 entries and there may be more/) });
const NOTHING_FOUND = { message: 'No items found: the list came back empty for these parameters.', location: 'outputPane' };

function ignoredFilters(filters: string, noun: string) {
	return {
		message: `tFLOW ignored the ${filters}: its answer also held ${noun} that do not match, which the node left out. The output holds only matching ${noun}.`,
		location: 'outputPane',
	};
}
const IGNORED_JOB_NAME = ignoredFilters('Job Name (job_name) filter', 'jobs');

/** The hints a test bed's emulator adds to `hints` when it ignores the list filters (the documented profile). */
const ifIgnored = (bed: TflowSetup, ...hints: unknown[]) => (bed.emulator.config.listFilters === 'ignore' ? hints : []);

describe.each(PROFILE_NAMES)('%s profile', (profile) => {
	const tflow = beds[profile];

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
		expect(none.hints).toEqual([...ifIgnored(tflow, IGNORED_JOB_NAME), NOTHING_FOUND]);
		expect(tflow.apiCalls('GET', '/api/v2/job/list')[0].query).toEqual({ job_name: 'no such job' });
	});

	test('with several items, one hint naming the item that hit the limit; none found only when every list is empty', async () => {
		const result = await tflow.run(
			{ resource: 'job', operation: 'getMany', returnAll: false, limit: 2, filters: { jobName: '={{ $json.name }}' } },
			[{ json: { name: 'no such job' } }, { json: { name: 'TF000001-' } }],
		);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[1, { item: 1 }],
			[2, { item: 1 }],
		]);
		expect(result.hints).toEqual([...ifIgnored(tflow, IGNORED_JOB_NAME), expect.objectContaining({ message: expect.stringContaining('stopped at 2 entries for item 1') })]);
	});

	test('order getMany: entries of another client or name are left out, and the filters tFLOW ignored are named once', async () => {
		const byClient = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: true, filters: { clientId: 101 } });
		expect(tflow.apiCalls('GET', '/api/v2/order/list')[0].query).toEqual({ client_id: '101' });
		expect(byClient.items.map((item) => [item.json.id, item.json.client_id])).toEqual([[1, 101]]);
		expect(byClient.hints).toEqual(ifIgnored(tflow, ignoredFilters('Client (client_id) filter', 'orders')));

		// Three items, each with its own name: the one hint covers them all.
		const byName = await tflow.run({ resource: 'order', operation: 'getMany', returnAll: true, filters: { name: '={{ $json.name }}' } }, [
			{ json: { name: 'tf000002' } },
			{ json: { name: '0001' } },
			{ json: { name: 'TF00000' } },
		]);
		expect(tflow.apiCalls('GET', '/api/v2/order/list').slice(1).map((call) => call.query)).toEqual([{ name: 'tf000002' }, { name: '0001' }, { name: 'TF00000' }]);
		expect(byName.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['TF000002', { item: 0 }],
			['TF000001', { item: 1 }],
			['TF000001', { item: 2 }],
			['TF000002', { item: 2 }],
		]);
		expect(byName.hints).toEqual(ifIgnored(tflow, ignoredFilters('Order Name (name) filter', 'orders')));
	});
});

test('operations that are not lists give no list hints', async () => {
	const result = await beds.kind.run({ resource: 'job', operation: 'getRevisions', jobId: { __rl: true, mode: 'id', value: '1' } });
	expect(result.items).toHaveLength(0);
	expect(result.hints).toEqual([]);
});
