/**
 * The tFLOW pickers for ids users used to copy by hand: a revision of the chosen job and a webhook
 * subscription. Each list comes from the emulator, and the value it offers is what the operation
 * then sends. Values saved before the lists existed (plain IDs, event names) stay valid.
 */
import { byId, expectBearer, useTflow } from './setup';

const tflow = useTflow();

const loadOptions = async (method: string, parameters: Record<string, unknown>) =>
	await tflow.harness.loadOptions('tflow', method, parameters as never, ['tflowApi']);

describe('revision of a chosen job', () => {
	test('lists the chosen job\'s revisions, and the one picked is the one downloaded', async () => {
		const parameters = { resource: 'revision', operation: 'download', jobId: byId(3), revisionId: '' };
		const options = await loadOptions('getRevisions', parameters);
		expect(options).toEqual([
			{ name: 'Revision 1: window-poster-a2.pdf', value: '2', description: 'Revision ID 2, uploaded 2025-03-03T08:00:00+00:00' },
		]);
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/job/3/revisions']);
		expectBearer(tflow.apiCalls(), tflow.token());

		const run = await tflow.run({ ...parameters, revisionId: options[0].value, file: 'original', binaryPropertyName: 'data' });
		expect(run.items[0].json).toMatchObject({ revision_id: 2, file: 'original', file_name: 'window-poster-a2.pdf' });
		expect(tflow.apiCalls('GET', /\/revision\//).map((call) => call.path)).toEqual(['/api/v2/revision/2/originalFile']);
	});

	test('newest revision first when a job has several', async () => {
		const job = tflow.emulator.state.jobs.get(2);
		expect(job).toBeDefined();
		const first = tflow.emulator.state.revisions.get(1)!;
		tflow.emulator.state.revisions.set(9, { ...first, id: 9, number: 2, file_name: 'ben-business-cards-v2.pdf' });
		const options = await loadOptions('getRevisions', { resource: 'revision', operation: 'delete', jobId: { __rl: true, mode: 'list', value: '2' } });
		expect(options.map((option) => [option.name, option.value])).toEqual([
			['Revision 2: ben-business-cards-v2.pdf', '9'],
			['Revision 1: ben-business-cards.pdf', '1'],
		]);
	});

	test('without a job number nothing is asked of tFLOW; a revision ID saved by hand stays a valid choice', async () => {
		expect(await loadOptions('getRevisions', { resource: 'revision', operation: 'delete', jobId: byId(''), revisionId: '' })).toEqual([]);
		expect(
			await loadOptions('getRevisions', { resource: 'revision', operation: 'delete', jobId: byId('={{ $json.job_id }}'), revisionId: '17' }),
		).toEqual([{ name: 'Revision ID 17', value: '17', description: 'Choose the job above to list its revisions' }]);
		expect(await loadOptions('getRevisions', { resource: 'revision', operation: 'delete', revisionId: '={{ $json.id }}' })).toEqual([]);
		expect(tflow.apiCalls()).toHaveLength(0);

		// Saved workflows keep running without the new Job field.
		const run = await tflow.run({ resource: 'revision', operation: 'delete', revisionId: '1' });
		expect(run.items[0].json).toEqual({ deleted: true, id: 1 });
		expect(tflow.apiCalls('DELETE').map((call) => call.path)).toEqual(['/api/v2/revision/1']);
	});
});

describe('webhook', () => {
	async function subscribe(event: string, url: string) {
		const run = await tflow.run({ resource: 'webhook', operation: 'create', event, url, securityKey: 'key-123' });
		return String(run.items[0].json.id);
	}

	test('lists the subscriptions by event and URL, with the URL secret hidden; the one picked is the one read', async () => {
		const approve = await subscribe('job.approve', 'https://n8n.example/webhook/abc/webhook?secret=s3cr3t-value');
		const create = await subscribe('order.create', 'https://hooks.example/orders');
		tflow.emulator.server.clearLog();

		const options = await loadOptions('getWebhooks', { resource: 'webhook', operation: 'get', webhookId: '' });
		expect(options).toEqual([
			{ name: 'job.approve → https://n8n.example/webhook/abc/webhook?secret=***', value: approve, description: `Webhook ID ${approve}` },
			{ name: 'order.create → https://hooks.example/orders', value: create, description: `Webhook ID ${create}` },
		]);
		expect(JSON.stringify(options)).not.toContain('s3cr3t-value');
		expect(tflow.apiCalls().map((call) => call.path)).toEqual(['/api/v2/webhook/list']);

		const run = await tflow.run({ resource: 'webhook', operation: 'get', webhookId: options[1].value });
		expect(run.items[0].json).toMatchObject({ id: Number(create), name: 'order.create' });
		expect(tflow.apiCalls('GET', /\/webhook\/\d+$/).map((call) => call.path)).toEqual([`/api/v2/webhook/${create}`]);
	});

	test('an event name saved by hand stays a valid choice while a subscription to it exists', async () => {
		await subscribe('job.approve', 'https://hooks.example/approved');
		const withEvent = await loadOptions('getWebhooks', { resource: 'webhook', operation: 'get', webhookId: 'job.approve' });
		expect(withEvent).toContainEqual({ name: 'job.approve (its first subscription)', value: 'job.approve', description: 'Found by event name' });
		const unknown = await loadOptions('getWebhooks', { resource: 'webhook', operation: 'get', webhookId: 'order.complete' });
		expect(unknown.map((option) => option.value)).not.toContain('order.complete');

		const run = await tflow.run({ resource: 'webhook', operation: 'get', webhookId: 'job.approve' });
		expect(run.items[0].json).toMatchObject({ name: 'job.approve', url: 'https://hooks.example/approved' });
	});
});
