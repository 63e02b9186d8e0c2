/**
 * tFLOW node, job resource (no uploads): every operation against the emulator, asserting what
 * tFLOW received and what the node output. Create, Get Many and Update run against both emulator
 * profiles (a documented instance requires priority, attach_proofs and props, and may ignore list
 * filters); Order Create and Update, which follow the same rules, are here too.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import type { TflowSetup } from './setup';
import { PROFILE_NAMES, byId, expectBearer, useTflowProfiles } from './setup';

const beds = useTflowProfiles();
const tflow = beds.kind;

const SHIP_DATE = '2026-05-01T12:00:00+02:00';

const LIMIT_REACHED = expect.objectContaining({ message: expect.stringMatching(/^Limit reached/) });

/** The hint of a list whose answer held entries that do not match its filters, and were left out. */
function ignoredFilters(filters: string, noun: string) {
	return {
		message: `tFLOW ignored the ${filters}: its answer also held ${noun} that do not match, which the node left out. The output holds only matching ${noun}.`,
		location: 'outputPane',
	};
}

/** Whether the test bed's emulator ignores the undocumented list filters (the documented profile). */
const ignoresFilters = (bed: TflowSetup) => bed.emulator.config.listFilters === 'ignore';

describe.each(PROFILE_NAMES)('%s profile', (profile) => {
	const tflow = beds[profile];

	describe('job: create', () => {
		test('sends every field, props and assignments as key/value pairs', async () => {
			const result = await tflow.run({
				resource: 'job',
				operation: 'create',
				orderId: byId(1),
				shipDate: SHIP_DATE,
				propsInputMode: 'keyValue',
				props: { property: [{ name: 'quantity', value: '500' }, { name: 'print_width', value: '85' }] },
				assignmentsInputMode: 'keyValue',
				assignments: { assignment: [{ type: 'instance_user_ids', userIds: '1, 2' }] },
				additionalFields: {
					name: 'Flyer A5',
					description: 'Spring flyer',
					notes: 'Rush if possible',
					priority: 5,
					attachProofs: true,
					productId: 2,
					kfpx: 'CMYK',
					queues: ['808:1'],
				},
			});
			expect(result.error).toBeUndefined();
			const [call] = tflow.apiCalls('POST', '/api/v2/job/create');
			expectBearer([call], tflow.token());
			expect(call.body).toEqual({
				order_id: 1,
				ship_date: SHIP_DATE,
				name: 'Flyer A5',
				description: 'Spring flyer',
				notes: 'Rush if possible',
				priority: 5,
				attach_proofs: true,
				product_id: 2,
				kfpx: 'CMYK',
				tflows: [{ id: '808:1' }],
				props: { quantity: '500', print_width: '85' },
				assignments: { instance_user_ids: [1, 2] },
			});
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({
				order_id: 1,
				name: 'Flyer A5',
				priority: 5,
				attach_proofs: true,
				product_id: 2,
				props: { quantity: '500', print_width: '85' },
				current_state_name: 'to_upload_first',
			});
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(tflow.emulator.state.jobs.get(result.items[0].json.id as number)?.name).toBe('Flyer A5');
		});

		test('takes props and assignments as JSON; priority and attach_proofs left out are sent as 0 and false', async () => {
			const result = await tflow.run({
				resource: 'job',
				operation: 'create',
				orderId: { __rl: true, mode: 'list', value: '2', cachedResultName: 'TF000002' },
				shipDate: '2026-05-01',
				propsInputMode: 'json',
				propsJson: '{"quantity": "250", "finishings": ["lamination"]}',
				assignmentsInputMode: 'json',
				assignmentsJson: { instance_user_ids: [2] },
				additionalFields: {},
			});
			expect(result.error).toBeUndefined();
			const [call] = tflow.apiCalls('POST', '/api/v2/job/create');
			expect(call.body).toEqual({
				order_id: 2,
				ship_date: '2026-05-01',
				priority: 0,
				attach_proofs: false,
				props: { quantity: '250', finishings: ['lamination'] },
				assignments: { instance_user_ids: [2] },
			});
			expect(result.items[0].json).toMatchObject({ order_id: 2, name: 'TF000002-2', props: { quantity: '250' } });
		});

		test('with nothing but the order and ship date, sends priority 0, attach_proofs false and props {}, which the API lists as required', async () => {
			const result = await tflow.run({
				resource: 'job',
				operation: 'create',
				orderId: byId(1),
				shipDate: SHIP_DATE,
				propsInputMode: 'keyValue',
				props: {},
				additionalFields: {},
			});
			expect(result.error).toBeUndefined();
			const [call] = tflow.apiCalls('POST', '/api/v2/job/create');
			expect(call.body).toEqual({ order_id: 1, ship_date: SHIP_DATE, priority: 0, attach_proofs: false, props: {} });
			// Empty properties need no definitions: nothing else was read.
			expect(tflow.apiCalls().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /api/v2/job/create']);
			expect(result.items[0].json).toMatchObject({ order_id: 1, priority: 0, attach_proofs: false, props: {}, current_state_name: 'to_upload_first' });
		});

		test('an order that does not exist gives tFLOW\'s own message', async () => {
			const result = await tflow.run({
				resource: 'job',
				operation: 'create',
				orderId: byId(999),
				shipDate: SHIP_DATE,
				additionalFields: {},
			});
			expect(result.error?.message).toBe('tFLOW rejected the request: order_id: Order 999 not found');
			expect(result.error?.httpCode).toBe('400');
			expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(1);
		});
	});

	describe('order: create', () => {
		test('sends props {} when none are given (the API lists props as required), and the given ones otherwise', async () => {
			const bare = await tflow.run({ resource: 'order', operation: 'create', clientId: 101, shipDate: '2026-01-01', additionalFields: {} });
			expect(bare.error).toBeUndefined();
			const withProps = await tflow.run({
				resource: 'order',
				operation: 'create',
				clientId: 102,
				shipDate: '2026-01-01',
				propsInputMode: 'keyValue',
				props: { property: [{ name: 'sales_rep', value: 'Paula' }] },
				additionalFields: {},
			});
			expect(withProps.error).toBeUndefined();
			expect(tflow.apiCalls('POST', '/api/v2/order/create').map((call) => call.body)).toEqual([
				{ client_id: 101, ship_date: '2026-01-01', props: {} },
				{ client_id: 102, ship_date: '2026-01-01', props: { sales_rep: 'Paula' } },
			]);
			expect([bare.items[0].json, withProps.items[0].json]).toEqual([
				expect.objectContaining({ id: 3, client_id: 101, props: {} }),
				expect.objectContaining({ id: 4, client_id: 102, props: { sales_rep: 'Paula' } }),
			]);
		});
	});

	describe('job: getMany', () => {
		test('getMany splits the list into items, filters by order and name, and applies the limit', async () => {
			const all = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: {} });
			expect(all.items.map((item) => item.json.id)).toEqual([1, 2, 3, 4]);
			expect(all.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(all.hints).toEqual([]);

			// Job 1 matches both filters: the answer shows nothing wrong, whether or not the instance filtered.
			const filtered = await tflow.run({
				resource: 'job',
				operation: 'getMany',
				returnAll: false,
				limit: 1,
				filters: { orderId: 1, jobName: 'TF000001' },
			});
			const calls = tflow.apiCalls('GET', '/api/v2/job/list');
			expect(calls).toHaveLength(2);
			expect(calls[1].query).toEqual({ order_id: '1', job_name: 'TF000001' });
			expectBearer(calls, tflow.token());
			expect(filtered.items.map((item) => item.json.id)).toEqual([1]);
			expect(filtered.hints).toEqual([LIMIT_REACHED]);
		});

		test('getMany leaves out the jobs tFLOW answered that do not match a filter, and says that it ignored the filter', async () => {
			const ignoring = ignoresFilters(tflow);
			const byName = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: { jobName: '000002' } });
			expect(tflow.apiCalls('GET', '/api/v2/job/list')[0].query).toEqual({ job_name: '000002' });
			expect(byName.items.map((item) => item.json.name)).toEqual(['TF000002-1']);
			expect(byName.hints).toEqual(ignoring ? [ignoredFilters('Job Name (job_name) filter', 'jobs')] : []);

			const byOrder = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: { orderId: 2 } });
			expect(byOrder.items.map((item) => item.json.id)).toEqual([4]);
			expect(byOrder.hints).toEqual(ignoring ? [ignoredFilters('Order (order_id) filter', 'jobs')] : []);

			const byBoth = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: true, filters: { orderId: 1, jobName: '-3' } });
			expect(byBoth.items.map((item) => item.json.id)).toEqual([3]);
			expect(byBoth.hints).toEqual(ignoring ? [ignoredFilters('Order (order_id) and Job Name (job_name) filters', 'jobs')] : []);
			expect(tflow.apiCalls('GET', '/api/v2/job/list')).toHaveLength(3);
		});

		test('getMany\'s name filter matches part of the name ignoring case, as tFLOW does; the limit counts matching jobs', async () => {
			const result = await tflow.run({ resource: 'job', operation: 'getMany', returnAll: false, limit: 1, filters: { jobName: 'tf000002' } });
			expect(result.items.map((item) => item.json.name)).toEqual(['TF000002-1']);
			const calls = tflow.apiCalls('GET', '/api/v2/job/list');
			// Ignored, the filter let job 1 fill the limit: the list is read again, whole, for a matching job.
			expect(calls.map((call) => call.query)).toEqual(ignoresFilters(tflow) ? [{ job_name: 'tf000002' }, { job_name: 'tf000002' }] : [{ job_name: 'tf000002' }]);
			expect(result.hints).toEqual(ignoresFilters(tflow) ? [ignoredFilters('Job Name (job_name) filter', 'jobs'), LIMIT_REACHED] : [LIMIT_REACHED]);
		});
	});

	describe('updates stay partial', () => {
		test('update sends only the fields given and returns the job', async () => {
			const result = await tflow.run({
				resource: 'job',
				operation: 'update',
				jobId: byId(1),
				updateFields: { shipDate: '2026-06-01T08:00:00Z', priority: 2, notes: 'Call the customer' },
				propsInputMode: 'keyValue',
				props: { property: [{ name: 'quantity', value: '1000' }] },
				assignmentsInputMode: 'keyValue',
				assignments: {},
			});
			expect(result.error).toBeUndefined();
			const [call] = tflow.apiCalls('POST', '/api/v2/job/1/update');
			expect(call.body).toEqual({ ship_date: '2026-06-01T08:00:00Z', priority: 2, notes: 'Call the customer', props: { quantity: '1000' } });
			expectBearer([call], tflow.token());
			expect(result.items[0].json).toMatchObject({ id: 1, priority: 2, notes: 'Call the customer', props: { quantity: '1000' } });
		});

		test('order update sends only the fields given, no props', async () => {
			const result = await tflow.run({
				resource: 'order',
				operation: 'update',
				orderId: byId(2),
				updateFields: { description: 'Banners (v2)' },
				propsInputMode: 'keyValue',
				assignmentsInputMode: 'keyValue',
			});
			expect(result.error).toBeUndefined();
			expect(tflow.apiCalls('POST', '/api/v2/order/2/update')[0].body).toEqual({ description: 'Banners (v2)' });
			expect(result.items[0].json).toMatchObject({ id: 2, description: 'Banners (v2)' });
		});
	});
});

describe('job: get, delete', () => {
	test('get reads one job by ID (resource locator in id and list mode)', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(2) }, [
			{ json: {} },
			{ json: {} },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.id)).toEqual([2, 2]);
		expect(result.items[1].json).toMatchObject({ name: 'TF000001-2', current_state_name: 'to_review', revision_count: 1 });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const calls = tflow.apiCalls('GET', '/api/v2/job/2');
		expect(calls).toHaveLength(2);
		expectBearer(calls, tflow.token());

		const fromList = await tflow.run({
			resource: 'job',
			operation: 'get',
			jobId: { __rl: true, mode: 'list', value: '3', cachedResultName: 'TF000001-3' },
		});
		expect(fromList.items[0].json).toMatchObject({ id: 3, current_state_name: 'approved' });
	});

	test('a job that does not exist is a NodeApiError with tFLOW\'s message', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'get', jobId: byId(404) });
		expect(result.error?.message).toBe('Not found in tFLOW: id: Job 404 not found');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.description).toContain('GET /api/v2/job/404');
	});

	test('delete removes the job and outputs n8n\'s { deleted: true } with the job ID', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'delete', jobId: byId(4) });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 4 }]);
		expect(tflow.apiCalls('DELETE', '/api/v2/job/4')).toHaveLength(1);
		expect(tflow.emulator.state.jobs.has(4)).toBe(false);
	});

	test('the delete output does not depend on tFLOW\'s answer body, which tFLOW does not document', async () => {
		tflow.emulator.server.addFault({ kind: 'status', status: 200, body: { message: 'Job has been deleted.' }, method: 'DELETE', path: '^/api/v2/job/5$' });
		const result = await tflow.run({ resource: 'job', operation: 'delete', jobId: byId(5) });
		expect(result.items.map((item) => item.json)).toEqual([{ deleted: true, id: 5 }]);
		expect(tflow.apiCalls('DELETE', '/api/v2/job/5')).toHaveLength(1);
	});
});

describe('job: transitions', () => {
	test('getAllowedTransitions outputs one item with the names', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'getAllowedTransitions', jobId: byId(2) });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ job_id: 2, allowed_transitions: ['approve', 'reject', 'close_to_rejected'] });
		expectBearer(tflow.apiCalls('GET', '/api/v2/job/2/allowedTransitions'), tflow.token());
	});

	test('executeTransition sends the transition name with a comment and returns the moved job', async () => {
		const result = await tflow.run({
			resource: 'job',
			operation: 'executeTransition',
			jobId: byId(2),
			transition: 'approve',
			additionalFields: { comment: 'Looks good' },
		});
		expect(result.error).toBeUndefined();
		const [call] = tflow.apiCalls('POST', '/api/v2/job/2/executeTransition');
		expect(call.contentType).toContain('application/json');
		expect(call.body).toEqual({ transition_name: 'approve', comment: 'Looks good' });
		expectBearer([call], tflow.token());
		expect(result.items[0].json).toMatchObject({ id: 2, current_state_name: 'approved' });
	});

	test('release takes the production queue', async () => {
		const result = await tflow.run({
			resource: 'job',
			operation: 'executeTransition',
			jobId: byId(3),
			transition: '={{ "release" }}',
			additionalFields: { queueId: '808:2' },
		});
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/job/3/executeTransition')[0].body).toEqual({
			transition_name: 'release',
			tflow_id: '808:2',
		});
		expect(result.items[0].json.current_state_name).toBe('released');
	});

	test('a transition the state does not allow names the allowed ones', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'release' });
		expect(result.error?.message).toBe(
			'tFLOW rejected the request: transition_name: Transition "release" is not allowed for job 2 in state "to_review". Allowed: approve, reject, close_to_rejected',
		);
		expect(tflow.emulator.state.jobs.get(2)?.current_state_name).toBe('to_review');
	});

	test('when tFLOW\'s message does not list them, the node fetches the allowed transitions', async () => {
		tflow.emulator.server.addFault({
			kind: 'status',
			method: 'POST',
			path: 'executeTransition',
			status: 400,
			body: { error: true, messages: { transition_name: ['Transition is not allowed'] } },
		});
		const result = await tflow.run({ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'release' });
		expect(result.error?.message).toBe('tFLOW rejected the request: transition_name: Transition is not allowed');
		expect(result.error?.description).toContain('Transitions job 2 allows now: approve, reject, close_to_rejected');
		expect(tflow.apiCalls('GET', '/api/v2/job/2/allowedTransitions')).toHaveLength(1);
	});

	test('getRevisions lists the revisions of a job as items', async () => {
		const result = await tflow.run({ resource: 'job', operation: 'getRevisions', jobId: byId(2) });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: 1, job_id: 2, number: 1, file_name: 'ben-business-cards.pdf' });
		expectBearer(tflow.apiCalls('GET', '/api/v2/job/2/revisions'), tflow.token());
	});

	test('repreflight runs the preflight again', async () => {
		tflow.emulator.configure({ preflightOutcome: 'error' });
		try {
			const result = await tflow.run({ resource: 'job', operation: 'repreflight', jobId: byId(2) });
			expect(result.error).toBeUndefined();
			expect(tflow.apiCalls('POST', '/api/v2/job/2/repreflight')).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ id: 2, current_state_name: 'on_hold' });
		} finally {
			tflow.emulator.configure({ preflightOutcome: 'ok' });
		}
	});

	test('rush: request, undo request and clear', async () => {
		const request = await tflow.run({ resource: 'job', operation: 'rush', jobId: byId(1), rushAction: 'request' });
		expect(request.items[0].json.rush_status).toBe('requested');
		const undo = await tflow.run({ resource: 'job', operation: 'rush', jobId: byId(1), rushAction: 'undoRequest' });
		expect(undo.items[0].json.rush_status).toBe('none');
		await tflow.run({ resource: 'job', operation: 'rush', jobId: byId(1), rushAction: 'request' });
		const clear = await tflow.run({ resource: 'job', operation: 'rush', jobId: byId(1), rushAction: 'clear' });
		expect(clear.items[0].json.rush_status).toBe('none');
		expect(tflow.apiCalls('POST', /^\/api\/v2\/job\/1\/rush\//).map((call) => call.path)).toEqual([
			'/api/v2/job/1/rush/request',
			'/api/v2/job/1/rush/undoRequest',
			'/api/v2/job/1/rush/request',
			'/api/v2/job/1/rush/clear',
		]);
	});
});

test('Create\'s fields say what is sent when they are left out; Update\'s, which send nothing then, do not', () => {
	const properties = new Tflow().description.properties;
	/** The description of a field (or Additional/Update Fields option) shown for one resource and operation. */
	const described = (resource: string, operation: string, name: string) => {
		const shown = properties.filter((property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation));
		const options = shown.flatMap((property) => (property.type === 'collection' ? ((property.options ?? []) as INodeProperties[]) : []));
		return [...shown, ...options].find((property) => property.name === name)?.description;
	};
	for (const operation of ['create', 'createWithArtwork']) {
		expect(described('job', operation, 'priority')).toContain('Left out, 0 is sent');
		expect(described('job', operation, 'attachProofs')).toContain('Left out, false is sent');
		expect(described('job', operation, 'propsInputMode')).toContain('an empty object {} is sent');
	}
	expect(described('order', 'create', 'propsInputMode')).toContain('an empty object {} is sent');
	for (const [resource, name] of [['job', 'priority'], ['job', 'attachProofs'], ['job', 'propsInputMode'], ['order', 'propsInputMode']]) {
		expect(described(resource, 'update', name)).toEqual(expect.any(String));
		expect(described(resource, 'update', name)).not.toMatch(/is sent/);
	}
});
