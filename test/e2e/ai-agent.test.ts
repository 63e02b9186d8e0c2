/**
 * The package's nodes as tools of n8n's AI Agent, in a real n8n (the newest tested line only: see
 * scripts/e2e.sh). The agent's model is the scripted model emulator, reached through n8n's own OpenAI
 * credential (Base URL); the tools are the tFLOW, papilio and D2S tool variants n8n builds from the
 * nodes (`usableAsTool`), with `$fromAI()` parameters. Each case gives the model a script, runs the
 * workflow with `n8n execute` and asserts what n8n offered the model, what the APIs received and
 * what the agent answered.
 *
 * The fixture is `ai-agent.json`, not `*.workflow.json`: the other suites import every
 * `*.workflow.json` on every n8n line, and this one needs the AI nodes and credential of the newest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { D2sWorkflow } from '../../nodes/D2sWorkflow/D2sWorkflow.node';
import { Papilio } from '../../nodes/Papilio/Papilio.node';
import { Tflow } from '../../nodes/Tflow/Tflow.node';
import { type ModelView, type ScriptTurn, type ToolDefinition, type ToolResult } from '../../tools/emulators/model';
import { N8nInstance, nodeOutput, type WorkflowFixture } from '../../tools/n8n/instance';
import { FIXTURES_DIR, ORDERS_DELIVERED_THIS_MONTH, type Emulators } from '../../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../../tools/n8n/versions';
import { setUpN8n, tearDownN8n } from './lib/suite';

const version = process.env.E2E_N8N_VERSION ?? NEWEST_N8N_VERSION;
const workflow = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'ai-agent.json'), 'utf8')) as WorkflowFixture;

/** The tool names n8n gives the tool nodes: the node name with every other character run turned into `_`. */
const TOOL = {
	getJob: 'Get_tFLOW_job',
	allowedTransitions: 'List_allowed_transitions',
	executeTransition: 'Execute_transition',
	searchOrders: 'Search_papilio_orders',
	getOrder: 'Get_papilio_order',
	putOrder: 'Place_D2S_canvas_order',
} as const;

let n8n: N8nInstance;
let emulators: Emulators;
const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-e2e-ai-agent-${version}-`));

beforeAll(async () => {
	({ n8n, emulators } = await setUpN8n(version, userFolder, [workflow]));
}, 600_000);

afterAll(async () => await tearDownN8n(n8n, emulators, userFolder), 60_000);

beforeEach(() => {
	emulators.model.reset();
	for (const emulator of [emulators.tflow.server, emulators.papilio.server, emulators.d2s.server]) emulator.clearLog();
});

/** Runs the workflow with the model following `script` (E2E_AI_DEBUG=1 prints what the model was sent). */
async function runAgent(script: ScriptTurn[]) {
	emulators.model.setScript(script);
	const result = await n8n.execute(workflow.id);
	if (process.env.E2E_AI_DEBUG === '1') {
		console.log(JSON.stringify(emulators.model.completionLog, null, 2));
		console.log(result.stdout.slice(-4000), result.stderr.slice(-4000));
	}
	return result;
}

/** What a tool message carries, parsed when it is JSON. */
function toolData(result: ToolResult | undefined): any {
	if (!result) throw new Error('the model was not sent that tool result');
	try {
		return JSON.parse(result.content);
	} catch {
		return result.content;
	}
}

/** The first item of a tool's answer (n8n sends a tool's items as a JSON array). */
function firstItem(result: ToolResult | undefined): Record<string, any> {
	const data = toolData(result);
	return Array.isArray(data) ? data[0] : data;
}

function resultOf(view: ModelView, tool: string) {
	return [...view.toolResults].reverse().find((result) => result.name === tool);
}

function operationOption(description: INodeTypeDescription, resource: string, operation: string): INodePropertyOptions {
	const property = description.properties.find(
		(candidate: INodeProperties) => candidate.name === 'operation' && candidate.displayOptions?.show?.resource?.includes(resource),
	);
	const option = (property?.options as INodePropertyOptions[] | undefined)?.find((candidate) => candidate.value === operation);
	if (!option?.action || !option.description) throw new Error(`${description.name} has no action or description for ${resource}.${operation}`);
	return option;
}

/** Every API call the tFLOW, papilio and D2S emulators received (token requests left out), in order. */
function apiCalls(): string[] {
	const { tflow, papilio, d2s } = emulators;
	return [
		...tflow.server.requests(undefined, /^\/api\//).map((entry) => ({ system: 'tflow', entry })),
		...papilio.server.requests(undefined, /^\/api\//).map((entry) => ({ system: 'papilio', entry })),
		...d2s.server.requests(undefined, /^\/api\//).map((entry) => ({ system: 'd2s', entry })),
	]
		.sort((a, b) => a.entry.at - b.entry.at)
		.map(({ system, entry }) => `${system} ${entry.method} ${entry.path} ${entry.status}`);
}

function daysAgo(days: number) {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe(`n8n ${version}: the AI Agent with this package's tools and the model emulator`, () => {
	test('n8n offers the six tools with their names, descriptions and $fromAI parameters', async () => {
		const result = await runAgent([{ answer: 'Nothing to do.' }]);
		expect(result.run?.status).toBe('success');
		expect(nodeOutput(result.run!, 'AI Agent')[0].output).toBe('Nothing to do.');

		const [request] = emulators.model.completions();
		expect(request.model).toBe('gpt-4o-mini');
		const tools = Object.fromEntries((request.tools ?? []).map((tool: ToolDefinition) => [tool.function.name, tool.function]));
		expect(Object.keys(tools).sort()).toEqual(Object.values(TOOL).sort());

		// "Set Automatically": n8n describes each tool as "<the operation's action> in <the node's name>".
		const automatic: Array<[string, INodeTypeDescription, string, string]> = [
			[TOOL.getJob, new Tflow().description, 'job', 'get'],
			[TOOL.allowedTransitions, new Tflow().description, 'job', 'getAllowedTransitions'],
			[TOOL.searchOrders, new Papilio().description, 'order', 'search'],
			[TOOL.getOrder, new Papilio().description, 'order', 'get'],
		];
		for (const [name, description, resource, operation] of automatic) {
			expect(tools[name].description).toBe(`${operationOption(description, resource, operation).action} in ${description.defaults.name}`);
		}
		// The two writes are "Set Manually" with the operation's own description, as docs/ai-tools.md advises
		// (copied from docs/ai-tool-descriptions.md): the model is told what the call changes and that an order is paid.
		const manual: Array<[string, INodeTypeDescription, string, string]> = [
			[TOOL.executeTransition, new Tflow().description, 'job', 'executeTransition'],
			[TOOL.putOrder, new D2sWorkflow().description, 'order', 'put'],
		];
		for (const [name, description, resource, operation] of manual) {
			expect(tools[name].description).toBe(operationOption(description, resource, operation).description);
		}
		expect(tools[TOOL.executeTransition].description).toContain("Changes tFLOW: the job's state");
		expect(tools[TOOL.putOrder].description).toMatch(/^Places a paid print order/);

		// The parameters are exactly the $fromAI keys, each with the description the workflow gave it.
		const parameters = (name: string) => tools[name].parameters as { type: string; properties: Record<string, { type: string; description?: string }>; required?: string[] };
		const jobId = { type: 'string', description: 'The numeric ID of the tFLOW job, e.g. 2' };
		expect(parameters(TOOL.getJob).properties).toEqual({ job_id: jobId });
		expect(parameters(TOOL.allowedTransitions).properties).toEqual({ job_id: jobId });
		expect(parameters(TOOL.executeTransition).properties).toEqual({
			job_id: jobId,
			transition: { type: 'string', description: 'A transition the job allows now, e.g. approve (list them first)' },
		});
		expect(parameters(TOOL.searchOrders).properties).toEqual({
			status_flags: { type: 'string', description: 'Status flags the orders must all have, comma-separated, e.g. released,delivered' },
			created_after: { type: 'string', description: 'Only orders created after this day, yyyy-mm-dd' },
		});
		expect(parameters(TOOL.getOrder).properties).toEqual({ order_id: { type: 'string', description: 'The numeric ID of the papilio order' } });
		expect(parameters(TOOL.putOrder).properties).toEqual({
			order_reference: { type: 'string', description: 'Your reference for the lab order, e.g. the papilio order title' },
			customer_email: { type: 'string', description: 'E-mail address of the customer' },
			image_url: { type: 'string', description: 'Public http(s) URL of the image to print on the canvas' },
		});
		for (const name of Object.values(TOOL)) expect(parameters(name).type).toBe('object');

		// No tool ran: the model did not ask for one.
		expect(apiCalls()).toEqual([]);
	});

	test('the agent reads and approves a job, finds and reads an order, places one lab order, and answers with what the tools returned', async () => {
		const { tflow, papilio, d2s, images, model } = emulators;
		const createdAfter = daysAgo(2);
		const imageUrl = images.imageUrl('canvas-front.jpg');
		const jobBefore = tflow.state.jobs.get(2)!;
		expect(jobBefore.current_state_name).toBe('to_review');
		const ordersBefore = d2s.state.orders.length;

		const result = await runAgent([
			// Two calls in one turn, as models do when they need both answers.
			{
				toolCalls: [
					{ name: TOOL.getJob, arguments: { job_id: '2' } },
					{ name: TOOL.allowedTransitions, arguments: { job_id: '2' } },
				],
			},
			// The model acts on what it was sent: it approves only if tFLOW listed approve.
			{
				toolCalls: [
					{
						name: TOOL.executeTransition,
						arguments: (view) => ({ job_id: '2', transition: firstItem(resultOf(view, TOOL.allowedTransitions)).allowed_transitions.includes('approve') ? 'approve' : 'none' }),
					},
				],
			},
			{ toolCalls: [{ name: TOOL.searchOrders, arguments: { status_flags: 'released,delivered', created_after: createdAfter } }] },
			{ toolCalls: [{ name: TOOL.getOrder, arguments: (view) => ({ order_id: String(firstItem(resultOf(view, TOOL.searchOrders)).id) }) }] },
			{
				toolCalls: [
					{
						name: TOOL.putOrder,
						arguments: (view) => ({ order_reference: `papilio ${firstItem(resultOf(view, TOOL.getOrder)).id}`, customer_email: 'ben@acmebakery.example', image_url: imageUrl }),
					},
				],
			},
			{
				answer: (view) => {
					const job = firstItem(resultOf(view, TOOL.executeTransition));
					const order = firstItem(resultOf(view, TOOL.getOrder));
					const labOrder = firstItem(resultOf(view, TOOL.putOrder));
					return `Job ${job.id} "${job.name}" is ${job.current_state_name}. Order ${order.id} "${order.title}" went to the lab as D2S order ${labOrder.orderNum}.`;
				},
			},
		]);
		expect(result.run?.status).toBe('success');
		expect(model.turnsLeft).toBe(0);

		// tFLOW: one read, one list of transitions, one approve, and the job is approved.
		const tflowCalls = tflow.server.requests(undefined, /^\/api\/v2\//).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
		expect(tflowCalls.sort()).toEqual(['GET /api/v2/job/2 200', 'GET /api/v2/job/2/allowedTransitions 200', 'POST /api/v2/job/2/executeTransition 200'].sort());
		expect(tflow.server.requests('POST', '/api/v2/job/2/executeTransition')[0].body).toMatchObject({ transition_name: 'approve' });
		expect(tflow.state.jobs.get(2)!.current_state_name).toBe('approved');

		// papilio: one search with the flags as papilio's bitmask (released 32 + delivered 256) and the day, one read.
		const searches = papilio.server.requests('GET', '/api/v1/orders/search/and');
		expect(searches).toHaveLength(1);
		expect(searches[0].query).toMatchObject({ status: '288', created_after: createdAfter });
		// The search found the orders released and delivered this month (papilio's ids are strings).
		const found = toolData(model.completionLog[3].newToolResults[0]) as Array<{ id: string; status_flags: string[] }>;
		expect(found.map((order) => Number(order.id)).sort()).toEqual(ORDERS_DELIVERED_THIS_MONTH.map((order) => order.id).sort());
		for (const order of found) expect(order.status_flags).toEqual(expect.arrayContaining(['released', 'delivered']));
		const first = { id: Number(found[0].id) };
		expect(papilio.server.requests(undefined, /^\/api\/v1\//).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /api/v1/orders/search/and',
			`GET /api/v1/order/${first.id}`,
		]);

		// D2S: exactly one put-order for the one tool call, with what the model gave.
		const puts = d2s.putOrderRequests();
		expect(puts).toHaveLength(1);
		expect(puts[0].body).toMatchObject({
			op: 'put-order',
			order: `papilio ${first.id}`,
			user: { email: 'ben@acmebakery.example' },
			units: [{ base: 'c4f2a7e1-0b3d-4e8a-9f61-2d5b7c9e1a30', payload: [{ slot: 'Front', image: imageUrl }] }],
		});
		expect(d2s.state.orders).toHaveLength(ordersBefore + 1);
		const labOrder = d2s.state.orders.at(-1)!;
		expect(labOrder.images[0]).toMatchObject({ url: imageUrl, ok: true });

		// The answer carries what the tools returned (the values come from the emulators' state).
		const title = ORDERS_DELIVERED_THIS_MONTH.find((order) => order.id === first.id)!.title;
		expect(nodeOutput(result.run!, 'AI Agent')[0].output).toBe(
			`Job 2 "${jobBefore.name}" is approved. Order ${first.id} "${title}" went to the lab as D2S order ${labOrder.orderNum}.`,
		);
	});

	test('an unknown job and a refused transition reach the model as readable tool results, and the run goes on', async () => {
		const { tflow, model } = emulators;
		const stateOfJob1 = tflow.state.jobs.get(1)!.current_state_name;
		const result = await runAgent([
			{ toolCalls: [{ name: TOOL.getJob, arguments: { job_id: '999999' } }] },
			{ toolCalls: [{ name: TOOL.executeTransition, arguments: { job_id: '1', transition: 'approve' } }] },
			{ answer: (view) => `Could not do it: ${view.toolResults.map((toolResult) => toolResult.content).join(' | ')}` },
		]);
		expect(result.run?.status).toBe('success');
		expect(model.turnsLeft).toBe(0);

		// Exactly the two calls, each once (no retry of the refused write), and nothing else.
		expect(apiCalls()).toEqual(['tflow GET /api/v2/job/999999 404', 'tflow POST /api/v2/job/1/executeTransition 400']);
		expect(tflow.state.jobs.get(1)!.current_state_name).toBe(stateOfJob1);

		// Each error is the tool's answer to its call, as text a model can read and act on.
		const [, second, third] = model.completionLog;
		expect(second.newToolResults).toHaveLength(1);
		expect(second.newToolResults[0].name).toBe(TOOL.getJob);
		expect(toolData(second.newToolResults[0])).toEqual([{ error: 'Not found in tFLOW: id: Job 999999 not found' }]);
		expect(third.newToolResults[0].name).toBe(TOOL.executeTransition);
		const refused = firstItem(third.newToolResults[0]).error as string;
		expect(refused).toMatch(/^tFLOW rejected the request: transition_name: Transition "approve" is not allowed for job 1 in state "to_upload_first"\. Allowed: /);
		expect(refused).toContain('upload_first_revision');
		expect(nodeOutput(result.run!, 'AI Agent')[0].output).toBe(`Could not do it: ${second.newToolResults[0].content} | ${third.newToolResults[0].content}`);
	});

	test('two put-order calls in one turn place exactly two lab orders, one per call', async () => {
		const { d2s, images, model } = emulators;
		const ordersBefore = d2s.state.orders.length;
		const put = (reference: string) => ({
			name: TOOL.putOrder,
			arguments: { order_reference: reference, customer_email: 'ben@acmebakery.example', image_url: images.imageUrl(`${reference}.jpg`) },
		});
		const result = await runAgent([
			{ toolCalls: [put('canvas-a'), put('canvas-b')] },
			{ answer: (view) => view.newToolResults.map((toolResult) => `${firstItem(toolResult).orderReference}: ${firstItem(toolResult).orderNum}`).join(', ') },
		]);
		expect(result.run?.status).toBe('success');
		expect(model.turnsLeft).toBe(0);
		expect(d2s.putOrderRequests().map((entry) => entry.body.order).sort()).toEqual(['canvas-a', 'canvas-b']);
		expect(apiCalls()).toEqual([`d2s POST /api/v1/${d2s.labId} 200`, `d2s POST /api/v1/${d2s.labId} 200`]);
		const placed = d2s.state.orders.slice(ordersBefore);
		expect(placed.map((order) => order.reference).sort()).toEqual(['canvas-a', 'canvas-b']);
		const answer = nodeOutput(result.run!, 'AI Agent')[0].output as string;
		for (const order of placed) expect(answer).toContain(`${order.reference}: ${order.orderNum}`);
	});

	test('a model that answers 503 or 429 ends the run with n8n\'s readable message; the agent does not ask again', async () => {
		const { model } = emulators;
		const cases: Array<[number, Record<string, unknown>, RegExp]> = [
			[503, { message: 'The server is overloaded', type: 'server_error', param: null, code: null }, /Service unavailable/],
			[429, { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' }, /too many requests/],
		];
		for (const [status, error, message] of cases) {
			model.reset();
			model.addFault({ kind: 'status', path: '^/v1/chat/completions$', status, body: { error } });
			const result = await runAgent([{ answer: 'never sent' }]);
			expect(result.run?.status).toBe('error');
			expect(result.run?.data.resultData.error?.message).toMatch(message);
			expect(model.requests('POST', '/v1/chat/completions').map((entry) => entry.status)).toEqual([status]);
		}
	});

	test('a wrong API key fails the run with OpenAI\'s 401 message, without the key in the output', async () => {
		const { model } = emulators;
		const wrongKey = 'sk-wrong-key-for-the-e2e-test-0123456789';
		const original = model.apiKey;
		// The credential keeps the right key; the emulator expects another one.
		model.apiKey = wrongKey;
		try {
			const result = await runAgent([{ answer: 'never sent' }]);
			expect(result.run?.status).toBe('error');
			const error = result.run?.data.resultData.error;
			expect(`${error?.message} ${error?.description ?? ''}`).toMatch(/Incorrect API key|401/);
			expect(model.completionLog).toHaveLength(0);
			expect(result.stdout + result.stderr).not.toContain(original);
		} finally {
			model.apiKey = original;
		}
	});
});
