/**
 * The package's tools over n8n's MCP Server Trigger (newest n8n line only, see scripts/e2e.sh's
 * only_on): `n8n start` activates a workflow whose MCP Server Trigger has tFLOW and brix:papilio
 * tool nodes, and a real MCP client (@modelcontextprotocol/sdk) lists and calls them over both
 * transports the trigger serves. The emulators run in this process, so each call is checked
 * against what the APIs received as well as against what the client got back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

import { userTransitions } from '../../tools/emulators/tflow/workflows';
import { N8nInstance } from '../../tools/n8n/instance';
import type { CredentialFixture } from '../../tools/n8n/instance';
import { loadFixtures, type Emulators } from '../../tools/n8n/world';
import { NEWEST_N8N_VERSION } from '../../tools/n8n/versions';
import { setUpN8n, tearDownN8n } from './lib/suite';

const version = process.env.E2E_N8N_VERSION ?? NEWEST_N8N_VERSION;
const PACKAGE = 'n8n-nodes-print-workflow';

const workflow = loadFixtures()['mcp-server'];
const trigger = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
const toolNodes = workflow.nodes.filter((node) => String(node.type).startsWith(`${PACKAGE}.`));

/** The token MCP clients send (the trigger's Bearer Auth credential). */
const CLIENT_TOKEN = 'mcp-e2e-client-token-5b1f0c2a9d';
const bearerCredential: CredentialFixture = {
	id: 'e2eMcpBearer0001',
	name: 'MCP client token',
	type: 'httpBearerAuth',
	data: { token: CLIENT_TOKEN },
};

const TOOL = {
	getJob: 'Get_a_job_in_tFLOW',
	allowedTransitions: 'Get_the_allowed_transitions_of_a_job_in_tFLOW',
	getOrder: 'Get_an_order_in_brix_papilio',
	searchOrders: 'Search_orders_in_brix_papilio',
};

let n8n: N8nInstance;
let emulators: Emulators;
const userFolder = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-mcp-${version}-`));

const endpoint = () => new URL(`${n8n.baseUrl}/mcp/${(trigger.parameters as { path: string }).path}`);

const TRANSPORTS: Record<string, () => Transport> = {
	'Streamable HTTP': () =>
		new StreamableHTTPClientTransport(endpoint(), { requestInit: { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } } }),
	SSE: () => new SSEClientTransport(endpoint(), { requestInit: { headers: { authorization: `Bearer ${CLIENT_TOKEN}` } } }),
};

async function connect(transport: Transport) {
	const client = new Client({ name: 'print-workflow-e2e', version: '1.0.0' });
	await client.connect(transport);
	return client;
}

interface TextResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

/** The one text block of a tool result. */
function textOf(result: unknown): string {
	const { content } = result as TextResult;
	expect(content).toHaveLength(1);
	expect(content[0].type).toBe('text');
	return content[0].text!;
}

/** Calls a tool and returns the items it produced (n8n sends them as a JSON array in one text block). */
async function callForItems(client: Client, name: string, args: Record<string, unknown>) {
	const result = await client.callTool({ name, arguments: args });
	const text = textOf(result);
	// Compared together so that a failing call shows n8n's error text.
	expect({ isError: (result as TextResult).isError ?? false, text }).toEqual({ isError: false, text: expect.any(String) });
	return JSON.parse(text) as Array<Record<string, any>>;
}

/** `$fromAI('key', `description`, 'type')` calls in a node's parameters: what the client must be offered. */
function fromAiParameters(node: Record<string, unknown>) {
	const calls = [...JSON.stringify(node.parameters).matchAll(/\$fromAI\('([^']+)', `([^`]*)`, '([a-z]+)'\)/g)];
	return Object.fromEntries(calls.map(([, key, description, type]) => [key, { type, description }]));
}

/** "<action> in <node name>": what n8n describes a tool with when its description is set automatically. */
function automaticDescription(nodeType: NodeTypeDescription, resource: string, operation: string) {
	const operations = nodeType.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	const action = operations?.options?.find((option) => option.value === operation)?.action;
	expect(action).toEqual(expect.any(String));
	return `${action} in ${nodeType.defaults.name}`;
}

interface NodeTypeDescription {
	name: string;
	defaults: { name: string };
	properties: Array<{
		name: string;
		displayOptions?: { show?: { resource?: string[] } };
		options?: Array<{ value: string; action?: string }>;
	}>;
}

/** The API requests an emulator received under `prefix` (so not the token requests), as `METHOD /path`. */
function apiCalls(server: Emulators['tflow']['server'] | Emulators['papilio']['server'], prefix: RegExp) {
	return server.requests(undefined, prefix).map((entry) => `${entry.method} ${entry.path}`);
}

beforeAll(async () => {
	({ n8n, emulators } = await setUpN8n(version, userFolder, [workflow], [bearerCredential]));
	await n8n.publish(workflow.id);
	await n8n.start();
	await n8n.setupOwner();
}, 600_000);

afterAll(() => tearDownN8n(n8n, emulators, userFolder), 60_000);

describe(`n8n ${version}: the MCP Server Trigger serves the package's tools`, () => {
	test('a client without the Bearer token, or with a wrong one, is refused before any tool runs', async () => {
		const initialize = {
			jsonrpc: '2.0',
			id: 1,
			method: 'initialize',
			params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'intruder', version: '1' } },
		};
		const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
		for (const authorization of [undefined, 'Bearer wrong-token']) {
			const response = await fetch(endpoint(), {
				method: 'POST',
				headers: authorization ? { ...headers, authorization } : headers,
				body: JSON.stringify(initialize),
			});
			expect(response.status).toBe(403);
			expect(await response.text()).not.toContain('Get_a_job');
		}
	});

	describe.each(Object.keys(TRANSPORTS))('over %s', (transportName) => {
		let client: Client;

		beforeAll(async () => {
			client = await connect(TRANSPORTS[transportName]());
		});

		afterAll(async () => {
			await client?.close();
		});

		test('lists the four tools with names, descriptions and the $fromAI parameters with their descriptions', async () => {
			const nodeTypes = (await n8n.nodeTypes()) as unknown as NodeTypeDescription[];
			const typeOf = (name: string) => nodeTypes.find((type) => type.name === name)!;
			const { tools } = await client.listTools();

			expect(tools.map((tool) => tool.name).sort()).toEqual(Object.values(TOOL).sort());
			for (const node of toolNodes) {
				// n8n names a tool after its node: runs of other characters than [A-Za-z0-9_-] become "_".
				const tool = tools.find((candidate) => candidate.name === String(node.name).replace(/[^a-zA-Z0-9_-]+/g, '_'));
				if (!tool) throw new Error(`no tool for the node "${String(node.name)}"`);
				const parameters = node.parameters as Record<string, string>;
				const expectedDescription =
					parameters.descriptionType === 'manual'
						? parameters.toolDescription
						: automaticDescription(typeOf(String(node.type)), parameters.resource, parameters.operation);
				expect({ tool: tool.name, description: tool.description }).toEqual({ tool: tool.name, description: expectedDescription });

				const expected = fromAiParameters(node);
				expect(Object.keys(expected).length).toBeGreaterThan(0);
				expect(tool.inputSchema.type).toBe('object');
				expect(tool.inputSchema.properties).toEqual(expected);
				expect([...(tool.inputSchema.required ?? [])].sort()).toEqual(Object.keys(expected).sort());
				for (const parameter of Object.values(expected)) expect(parameter.description.length).toBeGreaterThan(10);
			}
			// What a model reads today for an automatic description (thin, see issue 14 §4).
			expect(tools.find((tool) => tool.name === TOOL.getJob)!.description).toMatch(/job.* in tFLOW$/i);
			expect(tools.find((tool) => tool.name === TOOL.getOrder)!.description).toMatch(/order.* in brix:papilio$/i);
		});

		test('"get a job" and "allowed transitions" return the emulator\'s job, and tFLOW received exactly those calls', async () => {
			const { tflow } = emulators;
			const job = tflow.state.jobs.get(2)!;
			tflow.server.clearLog();

			const [got] = await callForItems(client, TOOL.getJob, { jobId: job.id });
			expect(got).toMatchObject({ id: job.id, name: job.name, order_id: job.order_id, current_state_name: job.current_state_name });

			const expectedTransitions = userTransitions(tflow.state.workflowOfJob(job), job.current_state_name).map((transition) => transition.name);
			expect(expectedTransitions.length).toBeGreaterThan(0);
			const transitions = await callForItems(client, TOOL.allowedTransitions, { jobId: job.id });
			expect(transitions).toEqual([{ job_id: job.id, allowed_transitions: expectedTransitions }]);

			expect(apiCalls(tflow.server, /^\/api\/v2\//)).toEqual([`GET /api/v2/job/${job.id}`, `GET /api/v2/job/${job.id}/allowedTransitions`]);
		});

		test('"get an order" and "search orders" return the emulator\'s orders, and papilio received exactly those calls', async () => {
			const { papilio } = emulators;
			const listable = papilio.state.orders.filter((order) => !order.deleted && order.example_of === undefined);
			const order = listable.find((candidate) => candidate.status & 256)!;
			papilio.server.clearLog();

			const [got] = await callForItems(client, TOOL.getOrder, { orderId: order.id });
			expect(got).toMatchObject({ id: String(order.id), title: order.title, pages: String(order.pages), lang: order.lang });
			expect(got.status_flags).toEqual(expect.arrayContaining(['delivered']));

			// released (32) + delivered (256), like "which Weinfest orders went out?"
			const matching = listable.filter((candidate) => /weinfest/i.test(candidate.title) && (candidate.status & 288) === 288);
			expect(matching.length).toBeGreaterThan(1);
			const found = await callForItems(client, TOOL.searchOrders, { title: 'Weinfest', statusFlags: 'released, delivered' });
			expect(found.map((item) => item.id)).toEqual(matching.map((candidate) => String(candidate.id)));
			for (const item of found) expect(item.status_flags).toEqual(expect.arrayContaining(['released', 'delivered']));

			expect(apiCalls(papilio.server, /^\/api\/v1\//)).toEqual([`GET /api/v1/order/${order.id}`, 'GET /api/v1/orders/search/and']);
			expect(papilio.server.requests('GET', '/api/v1/orders/search/and')[0].query).toMatchObject({ title: 'Weinfest', status: '288' });
		});

		test('an unknown job is a readable error result, sent once, and the session keeps working', async () => {
			const { tflow } = emulators;
			const unknownId = 987654;
			expect(tflow.state.jobs.has(unknownId)).toBe(false);
			tflow.server.clearLog();

			const result = (await client.callTool({ name: TOOL.getJob, arguments: { jobId: unknownId } })) as TextResult;
			const text = textOf(result);
			expect(result.isError).toBe(true);
			expect(text).toContain(`Job ${unknownId} not found`);
			expect(text).not.toContain(tflow.clientSecret);
			expect(tflow.server.requests().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				`GET /api/v2/job/${unknownId} 404`,
			]);

			// The same session still answers.
			const [job] = await callForItems(client, TOOL.getJob, { jobId: 1 });
			expect(job).toMatchObject({ id: 1, name: tflow.state.jobs.get(1)!.name });
		});
	});
});
