/**
 * The workflows of the queue-mode tests and burst figures (credentials and emulators come from
 * world.ts).
 */
import type { WorkflowFixture } from '../../../tools/n8n/instance';
import { CREDENTIALS } from '../../../tools/n8n/world';

const PACKAGE = 'n8n-nodes-print-workflow';
const TFLOW_CREDENTIAL_REFERENCE = { tflowApi: { id: CREDENTIALS.tflow.id, name: CREDENTIALS.tflow.name } };
const PAPILIO_CREDENTIAL_REFERENCE = { papilioApi: { id: CREDENTIALS.papilio.id, name: CREDENTIALS.papilio.name } };

function node(name: string, type: string, position: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return {
		id: `7e1c5b2a-4d3f-4a6b-9c8d-${String(position).padStart(12, '0')}`,
		name,
		type,
		typeVersion: 1,
		position: [position * 220, 0],
		parameters,
		...extra,
	};
}

function chain(id: string, name: string, nodes: Array<Record<string, unknown>>): WorkflowFixture {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name as string] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** tFLOW Trigger on `job.approve` → NoOp: every delivery is one execution whose trigger output carries its fields. */
export function burstWorkflow(): WorkflowFixture {
	return chain('queueTflowBurst1', 'queue mode: tFLOW webhook burst', [
		node('tFLOW Trigger', `${PACKAGE}.tflowTrigger`, 1, { events: ['job.approve'], options: {} }, {
			webhookId: '3c0a9e51-8b7d-4f2e-a6c4-5d1e2f3a4b5c',
			credentials: TFLOW_CREDENTIAL_REFERENCE,
		}),
		node('Received', 'n8n-nodes-base.noOp', 2, {}),
	]);
}

export const TOKEN_WEBHOOK_PATH = 'queue-mode-tflow-reads';

/**
 * Webhook (answers with the last node's items once the execution is done) → Split Out the posted
 * `jobs` → tFLOW Get Job per item: one authenticated tFLOW read per item, in whichever worker runs it.
 */
export function tokenWorkflow(): WorkflowFixture {
	return chain('queueTflowReads1', 'queue mode: tFLOW reads per posted job', [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			1,
			{ httpMethod: 'POST', path: TOKEN_WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			{ typeVersion: 2, webhookId: '8f2b6d4e-1a3c-4e5f-9b7a-2c4d6e8f0a1b' },
		),
		node('Split Jobs', 'n8n-nodes-base.splitOut', 2, { fieldToSplitOut: 'body.jobs', include: 'noOtherFields', options: {} }),
		node(
			'Get Job',
			`${PACKAGE}.tflow`,
			3,
			{ resource: 'job', operation: 'get', jobId: { __rl: true, mode: 'id', value: '={{ $json.job_id }}' } },
			{ credentials: TFLOW_CREDENTIAL_REFERENCE },
		),
	]);
}

/**
 * Every 2 seconds, as a list of seconds: n8n refuses polls more often than once a minute when the
 * seconds field holds a `*`, and a test cannot wait a minute per poll.
 */
export const FAST_POLL_CRON = `${Array.from({ length: 30 }, (_, index) => index * 2).join(',')} * * * * *`;

/** brix:papilio Trigger on new printable orders → NoOp: each poll that finds orders is one execution. */
export function pollWorkflow(): WorkflowFixture {
	return chain('queuePapilioPol1', 'queue mode: papilio new printable orders', [
		node(
			'papilio Trigger',
			`${PACKAGE}.papilioTrigger`,
			1,
			{
				authentication: 'papilioApi',
				event: 'newPrintableOrder',
				pollTimes: { item: [{ mode: 'custom', cronExpression: FAST_POLL_CRON }] },
				options: {},
			},
			{ credentials: PAPILIO_CREDENTIAL_REFERENCE },
		),
		node('New Orders', 'n8n-nodes-base.noOp', 2, {}),
	]);
}
