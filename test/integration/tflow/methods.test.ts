/**
 * The tFLOW node's dropdowns (loadOptions) and searchable lists (listSearch), run through n8n's
 * LoadOptionsContext against the emulator.
 */
import { WORKFLOWS } from '../../../tools/emulators/tflow/workflows';
import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

const loadOptions = async (method: string, parameters: Record<string, unknown> = {}) =>
	await tflow.harness.loadOptions('tflow', method, { resource: 'job', operation: 'create', ...parameters } as never, ['tflowApi']);

describe('loadOptions', () => {
	test('products, clients, users, queues and orders, named for people', async () => {
		expect(await loadOptions('getProducts')).toEqual([
			{ name: 'Business Cards 85x55', value: 2, description: '85 x 55 mm, 3 mm bleed, 350 g/m² silk, CMYK' },
			{ name: 'Large Format Banner', value: 3, description: 'PVC banner up to 5 m, 100 ppi at final size, eyelets every 50 cm' },
			{ name: 'Passthrough', value: 1, description: 'No preflight fixes; the artwork is printed as uploaded' },
		]);
		expect(await loadOptions('getClients')).toEqual([
			{ name: 'Acme Bakery', value: 101 },
			{ name: 'Anonymous Uploading', value: 100 },
			{ name: 'Northwind Events', value: 102 },
			{ name: 'Print Shop Inc.', value: 1 },
		]);
		const users = await loadOptions('getUsers');
		expect(users).toHaveLength(5);
		expect(users[0]).toEqual({ name: 'API User (api@printshop.example)', value: 1 });
		expect(await loadOptions('getQueues')).toEqual([
			{ name: 'Full Color (TURBINE_F_808)', value: '808:1', description: 'Queue ID 808:1' },
			{ name: 'Large Format (TURBINE_F_808)', value: '808:2', description: 'Queue ID 808:2' },
		]);
		expect(await loadOptions('getOrders')).toEqual([
			{ name: 'TF000002', value: 2 },
			{ name: 'TF000001', value: 1 },
		]);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual([
			'/api/v2/product/list',
			'/api/v2/client/list',
			'/api/v2/user/list',
			'/api/v2/tflow/list',
			'/api/v2/order/list',
		]);
		expectBearer(tflow.apiCalls(), tflow.token());
		expect(tflow.tokenCalls()).toHaveLength(1);
	});

	test('transitions are those the chosen job allows now, with their tFLOW button labels', async () => {
		const forReview = await loadOptions('getAllowedTransitions', { operation: 'executeTransition', jobId: byId(2) });
		expect(forReview).toEqual([
			{ name: 'Approve (approve)', value: 'approve' },
			{ name: 'Request New Revision (reject)', value: 'reject' },
			{ name: 'Cancel (close_to_rejected)', value: 'close_to_rejected' },
		]);
		const fromList = await loadOptions('getAllowedTransitions', {
			operation: 'executeTransition',
			jobId: { __rl: true, mode: 'list', value: '1' },
		});
		expect(fromList.map((option) => option.value)).toEqual(['upload_first_revision', 'reject_from_upload_first']);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/job/2/allowedTransitions', '/api/v2/job/1/allowedTransitions']);
	});

	test('the saved transition stays a choice when the job (as the editor resolves it) no longer allows it', async () => {
		const options = await loadOptions('getAllowedTransitions', { operation: 'executeTransition', jobId: byId(2), transition: 'release' });
		expect(options.map((option) => option.value)).toEqual(['approve', 'reject', 'close_to_rejected', 'release']);
		expect(options[3]).toEqual({
			name: 'Send to Production (release)',
			value: 'release',
			description: "Not allowed in job 2's current state. With the job from an expression, each item's job state decides at run time",
		});
		// An allowed saved value is listed once.
		const allowed = await loadOptions('getAllowedTransitions', { operation: 'executeTransition', jobId: byId(2), transition: 'approve' });
		expect(allowed.map((option) => option.value)).toEqual(['approve', 'reject', 'close_to_rejected']);
	});

	test('with the job from an expression (or none yet), every transition a workflow has, and the hint that the state decides', async () => {
		for (const jobId of [byId('={{ $json.id }}'), { __rl: true, mode: 'list', value: '={{ $json.job_id }}' }, byId('')]) {
			const options = await loadOptions('getAllowedTransitions', { operation: 'executeTransition', jobId });
			expect(options.map((option) => option.value)).toEqual(
				expect.arrayContaining(['approve', 'release', 'reject', 'accept', 'undo_approve', 'upload_first_revision', 'upload_next_revision']),
			);
			expect(options).toContainEqual({
				name: 'Send to Production (release)',
				value: 'release',
				description: expect.stringContaining("the job's state decides at run time"),
			});
			expect(options.every((option) => String(option.description).includes('decides at run time'))).toBe(true);
			// In button-label order, each name once.
			expect(new Set(options.map((option) => option.value)).size).toBe(options.length);
			expect(options.map((option) => option.name)).toEqual([...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)));
		}
		expect(tflow.apiCalls()).toHaveLength(0);
	});

	test('the transitions offered without a job include every one the emulator\'s workflows let a user execute', async () => {
		const offered = (await loadOptions('getAllowedTransitions', { operation: 'executeTransition', jobId: byId('={{ $json.id }}') })).map(
			(option) => option.value,
		);
		const userTransitions = Object.values(WORKFLOWS).flatMap((workflow) =>
			workflow.transitions.filter((transition) => transition.kind !== 'system').map((transition) => transition.name),
		);
		expect(offered).toEqual(expect.arrayContaining([...new Set(userTransitions)]));
	});
});

describe('listSearch', () => {
	const search = async (method: string, filter?: string, paginationToken?: string) =>
		await tflow.harness.listSearch('tflow', method, { resource: 'job', operation: 'get' } as never, ['tflowApi'], filter, paginationToken);

	test('jobs: newest first with their state; the filter searches names and a number finds that ID', async () => {
		const all = await search('searchJobs');
		expect(all).toEqual({
			results: [
				{ name: 'TF000002-1 (to_upload_first)', value: '4' },
				{ name: 'TF000001-3 (approved)', value: '3' },
				{ name: 'TF000001-2 (to_review)', value: '2' },
				{ name: 'TF000001-1 (to_upload_first)', value: '1' },
			],
			paginationToken: undefined,
		});
		const byName = await search('searchJobs', 'TF000001-');
		expect(byName.results.map((result) => result.value)).toEqual(['3', '2', '1']);
		expect(tflow.apiCalls('GET', '/api/v2/job/list')[1].query).toEqual({ job_name: 'TF000001-' });

		const byNumber = await search('searchJobs', '3');
		expect(byNumber.results[0]).toEqual({ name: 'TF000001-3 (approved)', value: '3' });
		expect(tflow.apiCalls('GET', '/api/v2/job/3')).toHaveLength(1);
		expectBearer(tflow.apiCalls(), tflow.token());
	});

	test('orders: newest first with their description, searchable by name', async () => {
		expect((await search('searchOrders')).results).toEqual([
			{ name: 'TF000002 – Summer festival banner', value: '2' },
			{ name: 'TF000001 – Spring menu and business cards', value: '1' },
		]);
		expect((await search('searchOrders', '0002')).results.map((result) => result.value)).toEqual(['2']);
		expect(tflow.apiCalls('GET', '/api/v2/order/list')[1].query).toEqual({ name: '0002' });
	});

	test('an instance that ignores the name filter still gets only the jobs and orders whose name holds the text', async () => {
		tflow.emulator.configure({ listFilters: 'ignore' });
		try {
			expect((await search('searchJobs', 'tf000002')).results.map((result) => result.value)).toEqual(['4']);
			expect(tflow.apiCalls('GET', '/api/v2/job/list').at(-1)?.query).toEqual({ job_name: 'tf000002' });
			expect((await search('searchOrders', '0001')).results.map((result) => result.value)).toEqual(['1']);
			expect(tflow.apiCalls('GET', '/api/v2/order/list').at(-1)?.query).toEqual({ name: '0001' });
		} finally {
			tflow.emulator.configure({ listFilters: 'honor' });
		}
	});

	test('long lists come in pages of 100', async () => {
		const created = await tflow.run(
			{ resource: 'job', operation: 'create', orderId: byId(2), shipDate: '2026-05-01', additionalFields: {} },
			Array.from({ length: 100 }, () => ({ json: {} })),
		);
		expect(created.items).toHaveLength(100);
		const first = await search('searchJobs');
		expect(first.results).toHaveLength(100);
		expect(first.results[0].value).toBe('104');
		expect(first.paginationToken).toBe('100');
		const second = await search('searchJobs', undefined, first.paginationToken as string);
		expect(second.results.map((result) => result.value)).toEqual(['4', '3', '2', '1']);
		expect(second.paginationToken).toBeUndefined();
	});
});
