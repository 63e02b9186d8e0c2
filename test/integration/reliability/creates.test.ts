/**
 * Requests that create or change something are never retried once they may have reached the
 * server: a 500, a 503, a connection dropped before the answer or an answer cut off halfway gives
 * one request at the emulator, at most one created record, and an error that says the outcome is
 * unknown (and does not invite the user to simply run it again).
 */
import { randomBytes } from 'node:crypto';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Fault } from '../../../tools/emulators/common/server';
import type { RunNodeResult } from '../../../tools/harness';
import { MUG, unitsParameter } from '../d2s/setup';
import { orderById } from '../papilio/world';
import { useReliabilityBeds } from './setup';

const { tflow, papilio, d2s } = useReliabilityBeds();
beforeEach(async () => {
	await tflow.reset();
	d2s.d2s.reset();
	d2s.useCredentials();
	papilio.reset();
});

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

interface CreateCase {
	name: string;
	server: () => { addFault: (fault: Fault) => void };
	/** Regular expression source of the path the fault applies to. */
	path: string;
	run: () => Promise<RunNodeResult>;
	/** How many records the request would create (or changes it would make) at the emulator so far. */
	count: () => number;
	/** Requests the emulator received for this operation. */
	requests: () => number;
}

function tflowCase(name: string, path: string, parameters: INodeParameters, count: () => number, input?: () => Promise<INodeExecutionData[]>): CreateCase {
	return {
		name,
		server: () => tflow.emulator.server,
		path: `^${path}$`,
		run: async () => await tflow.run(parameters, input ? await input() : undefined),
		count,
		requests: () => tflow.apiCalls('POST', path).length,
	};
}

const state = () => tflow.emulator.state;

const CASES: CreateCase[] = [
	tflowCase('tFLOW job create', '/api/v2/job/create', { resource: 'job', operation: 'create', orderId: byId(1), shipDate: '2026-05-01' }, () => state().jobs.size),
	tflowCase('tFLOW order create', '/api/v2/order/create', { resource: 'order', operation: 'create', clientId: '101', shipDate: '2026-05-01' }, () => state().orders.size),
	tflowCase('tFLOW client create', '/api/v2/client/create', { resource: 'client', operation: 'create', name: 'Print Café' }, () => state().clients.size),
	tflowCase('tFLOW user create', '/api/v2/user/create', { resource: 'user', operation: 'create', email: 'new.user@example.com' }, () => state().users.size),
	tflowCase(
		'tFLOW webhook create',
		'/api/v2/webhook/create',
		{ resource: 'webhook', operation: 'create', event: 'job.approve', url: 'https://n8n.example.com/webhook/x' },
		() => state().webhooks.size,
	),
	tflowCase(
		'tFLOW transition (approve)',
		'/api/v2/job/2/executeTransition',
		{ resource: 'job', operation: 'executeTransition', jobId: byId(2), transition: 'approve' },
		() => (state().jobs.get(2)?.current_state_name === 'approved' ? 1 : 0),
	),
	tflowCase(
		'tFLOW upload transition',
		'/api/v2/job/1/executeTransition',
		{ resource: 'job', operation: 'executeTransition', jobId: byId(1), transition: 'upload_first_revision', binaryPropertyName: 'data' },
		() => state().revisionsOfJob(1).length,
		async () => [await tflow.harness.binaryItem(randomBytes(256 * 1024), 'flyer.pdf', 'application/pdf')],
	),
	tflowCase(
		'tFLOW job create with artwork',
		'/api/v2/job/uploadAndCreate',
		{ resource: 'job', operation: 'createWithArtwork', orderId: byId(1), shipDate: '2026-05-01', binaryPropertyName: 'data' },
		() => state().jobs.size,
		async () => [await tflow.harness.binaryItem(randomBytes(256 * 1024), 'flyer.pdf', 'application/pdf')],
	),
	{
		name: 'papilio order update',
		server: () => papilio.emulator.server,
		path: '^/api/v1/order/51042$',
		run: async () => await papilio.run({ resource: 'order', operation: 'update', orderId: orderById(51042), updateFields: { title: 'Changed once' } }),
		count: () => (papilio.emulator.state.orders.find((order) => order.id === 51042)?.title === 'Changed once' ? 1 : 0),
		requests: () => papilio.emulator.server.requests('POST', '/api/v1/order/51042').length,
	},
	{
		name: 'papilio PIN create',
		server: () => papilio.emulator.server,
		path: '^/api/v1/order/pin/51041$',
		run: async () => await papilio.run({ resource: 'order', operation: 'createPin', orderId: orderById(51041) }),
		count: () => (papilio.emulator.state.orders.find((order) => order.id === 51041)?.pin ? 1 : 0),
		requests: () => papilio.emulator.server.requests('POST', '/api/v1/order/pin/51041').length,
	},
	{
		name: 'D2S put-order',
		server: () => d2s.d2s.server,
		path: '^/api/v1/',
		run: async () =>
			await d2s.put({
				orderReference: 'R-1',
				email: 'customer@example.com',
				confirm: true,
				unitsInputMode: 'fields',
				units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', d2s.images.imageUrl('r.jpg')]] }]),
				options: {},
			}),
		count: () => d2s.d2s.state.orders.length,
		requests: () => d2s.d2s.putOrderRequests().length,
	},
];

const FAULTS: Array<{ name: string; fault: Omit<Fault, 'path'>; processed: boolean }> = [
	{ name: '500', fault: { kind: 'status', status: 500, times: 5, body: { error: 'internal' } }, processed: false },
	{ name: '503', fault: { kind: 'status', status: 503, times: 5, body: { error: 'unavailable' }, headers: { 'Retry-After': '0' } }, processed: false },
	{ name: 'a connection dropped before the answer', fault: { kind: 'drop', times: 5 }, processed: false },
	{ name: 'an answer cut off halfway (the server did the work)', fault: { kind: 'dropMidResponse', times: 5 }, processed: true },
];

const OUTCOME_UNKNOWN = /unknown whether|may have (been )?(created|processed)|may have created/i;

describe.each(CASES)('$name', (operation) => {
	test.each(FAULTS)('$name: sent once, at most one record, and the error says the outcome is unknown', async ({ fault, processed }) => {
		const before = operation.count();
		operation.server().addFault({ ...fault, method: 'POST', path: operation.path });

		const result = await operation.run();

		expect(operation.requests()).toBe(1);
		expect(operation.count()).toBe(before + (processed ? 1 : 0));
		expect(result.items).toHaveLength(0);
		const error = result.error!;
		expect(error).toBeDefined();
		const text = `${error.message}\n${error.description ?? ''}`;
		expect(text).toMatch(OUTCOME_UNKNOWN);
		expect(text).not.toMatch(/retry the request immediately/i);
		if (fault.kind === 'status') expect(error.httpCode).toBe(String(fault.status));
	});
});

test('with continueOnFail, each item whose create failed says so and no item is sent twice', async () => {
	tflow.emulator.server.addFault({ kind: 'dropMidResponse', method: 'POST', path: '^/api/v2/job/create$', times: 1 });
	tflow.emulator.server.addFault({ kind: 'status', status: 500, method: 'POST', path: '^/api/v2/job/create$', times: 1 });
	const before = state().jobs.size;

	const result = await tflow.harness.runNode({
		type: 'tflow',
		parameters: { resource: 'job', operation: 'create', orderId: byId(1), shipDate: '2026-05-01', additionalFields: { name: '={{ $json.value }}' } },
		credentials: ['tflowApi'],
		input: ['A', 'B', 'C'].map((value) => ({ json: { value } })),
		continueOnFail: true,
	});

	expect(tflow.apiCalls('POST', '/api/v2/job/create')).toHaveLength(3);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(result.items[0].json.error).toEqual(expect.any(String));
	expect(`${String(result.items[0].json.error)} ${String(result.items[0].json.description)}`).toMatch(OUTCOME_UNKNOWN);
	expect(`${String(result.items[1].json.error)} ${String(result.items[1].json.description)}`).toMatch(OUTCOME_UNKNOWN);
	expect(result.items[2].json).toMatchObject({ name: 'C' });
	// A was created although its answer was lost; B was not; C was.
	expect([...state().jobs.values()].slice(before).map((job) => job.name)).toEqual(['A', 'C']);
});
