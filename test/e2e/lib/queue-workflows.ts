/**
 * The workflows and credentials of the queue-mode tests and burst figures, built in code because
 * they depend on the emulators' addresses.
 */
import type { TflowEmulator } from '../../emulators/tflow';
import type { CredentialFixture, WorkflowFixture } from './n8n';
import { CREDENTIALS } from './world';

const PACKAGE = 'n8n-nodes-print-workflow';
const TFLOW_CREDENTIAL_REFERENCE = { tflowApi: { id: CREDENTIALS.tflow.id, name: CREDENTIALS.tflow.name } };

/** The tFLOW credential pointing at the emulator, token empty (n8n fetches one on first use). */
export function tflowCredential(tflow: TflowEmulator): CredentialFixture {
	return {
		...CREDENTIALS.tflow,
		data: {
			instanceUrl: tflow.url,
			clientId: tflow.clientId,
			clientSecret: tflow.clientSecret,
			allowUnauthorizedCerts: false,
			accessToken: '',
		},
	};
}

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
	return chain('queueTflowBurst01', 'queue mode: tFLOW webhook burst', [
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
	return chain('queueTflowReads01', 'queue mode: tFLOW reads per posted job', [
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
