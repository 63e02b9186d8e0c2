/**
 * The tFLOW emulator, an n8n harness with the tFLOW Trigger, and a receiver that plays n8n's webhook
 * server: it routes `/webhook/<id>/webhook` and `/webhook-test/<id>/webhook` to the trigger's
 * webhook() the way n8n does (JSON and form bodies parsed, multipart parsed into `{ data, files }`,
 * 401 passed through, 500 when webhook() throws), so the emulator's real deliveries reach the node.
 */
import Busboy from 'busboy';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TflowApi } from '../../../credentials/TflowApi.credentials';
import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import { TflowTrigger } from '../../../nodes/Tflow/TflowTrigger.node';
import type { LogEntry } from '../../../tools/emulators/common/server';
import type { TflowEmulatorOptions } from '../../../tools/emulators/tflow';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, createTflowEmulator } from '../../../tools/emulators/tflow';
import { NodeHarness } from '../../../tools/harness';

/** The webhookId the harness gives every node. */
export const WEBHOOK_ID = 'c0ffee00-0000-4000-8000-000000000001';

export interface Trigger {
	parameters: INodeParameters;
	/** The node's static data, as n8n keeps it between lifecycle calls and deliveries. */
	staticData: IDataObject;
}

export interface Received {
	path: string;
	status: number;
	items: INodeExecutionData[];
}

export type TriggerSetup = Awaited<ReturnType<typeof startTriggerSetup>>;

/** n8n's multipart parsing for webhooks (formidable, `multiples`, single values unwrapped). */
async function parseMultipart(headers: http.IncomingHttpHeaders, rawBody: Buffer) {
	const data: Record<string, string | string[]> = {};
	const files: Record<string, { originalFilename: string; size: number }> = {};
	await new Promise<void>((resolve, reject) => {
		const parser = Busboy({ headers });
		parser.on('field', (name, value) => {
			const existing = data[name];
			data[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
		});
		parser.on('file', (name, stream, info) => {
			let size = 0;
			stream.on('data', (chunk: Buffer) => (size += chunk.length));
			stream.on('end', () => (files[name] = { originalFilename: info.filename ?? '', size }));
		});
		parser.on('close', resolve);
		parser.on('error', reject);
		parser.end(rawBody);
	});
	return { data, files };
}

/** `emulatorOptions`, e.g. `{ profile: 'documented' }`, choose how the tFLOW emulator behaves. */
export async function startTriggerSetup(emulatorOptions: TflowEmulatorOptions = {}) {
	const emulator = createTflowEmulator(emulatorOptions);
	await emulator.start();
	// What reset() restores: the profile's webhook settings (tests may change them).
	const { webhookIds, webhooksPerEvent } = emulator.config;
	const harness = await new NodeHarness({ nodes: { tflowTrigger: TflowTrigger, tflow: Tflow }, credentialTypes: [TflowApi] }).init();

	/**
	 * Which trigger answers which webhook path (production and test URL of the active trigger), and
	 * the base of its webhook URLs when it is not the harness's (a trigger of another n8n URL).
	 */
	const routes = new Map<string, { trigger: Trigger; isTest: boolean; webhookBaseUrl?: string }>();
	const received: Received[] = [];

	const receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://receiver');
				const route = routes.get(url.pathname);
				if (!route || req.method !== 'POST') {
					res.writeHead(404).end('{"message":"webhook not registered"}');
					return;
				}
				const rawBody = Buffer.concat(chunks);
				const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim();
				// What n8n's body parsers do for webhook requests.
				let body: unknown = {};
				if (contentType === 'multipart/form-data') body = await parseMultipart(req.headers, rawBody);
				else if (contentType === 'application/json' && rawBody.length) body = JSON.parse(rawBody.toString('utf8'));
				else if (contentType === 'application/x-www-form-urlencoded') body = { ...parseQueryString(rawBody.toString('utf8')) };
				const query: Record<string, string | string[]> = {};
				for (const key of new Set(url.searchParams.keys())) {
					const values = url.searchParams.getAll(key);
					query[key] = values.length === 1 ? values[0] : values;
				}
				let status = 200;
				let items: INodeExecutionData[] = [];
				const harnessBaseUrl = harness.webhookBaseUrl;
				// Deliveries are sequential in these tests: the route's base holds for this call only.
				if (route.webhookBaseUrl) harness.webhookBaseUrl = route.webhookBaseUrl;
				try {
					const result = await harness.webhook('tflowTrigger', {
						parameters: route.trigger.parameters,
						credentials: ['tflowApi'],
						staticData: route.trigger.staticData,
						isTest: route.isTest,
						request: { headers: req.headers as Record<string, string>, body, rawBody, query: query as Record<string, string> },
					});
					status = result.status ?? 200;
					items = result.response.workflowData?.[0] ?? [];
				} catch {
					status = 500;
				} finally {
					harness.webhookBaseUrl = harnessBaseUrl;
				}
				received.push({ path: url.pathname, status, items });
				res.writeHead(status, { 'Content-Type': 'application/json' }).end(status === 200 ? '{"message":"Workflow was started"}' : '{"message":"refused"}');
			})();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	harness.webhookBaseUrl = `${receiverUrl}/`;

	const setup = {
		emulator,
		harness,
		received,
		receiverUrl,
		productionPath: `/webhook/${WEBHOOK_ID}/webhook`,
		testPath: `/webhook-test/${WEBHOOK_ID}/webhook`,
		/** Fresh seed data and credentials, no routes, empty logs. */
		async reset() {
			await emulator.reset();
			emulator.server.faults.length = 0;
			emulator.configure({ webhookFormat: 'form', includeSecurityKey: true, echoRefusedWebhookRequests: false, webhookIds, webhooksPerEvent });
			harness.setCredentials('tflowApi', { instanceUrl: emulator.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
			routes.clear();
			received.length = 0;
			emulator.server.clearLog();
		},
		/** A trigger whose deliveries arrive at the production (or test) path. */
		listen(trigger: Trigger, options: { isTest?: boolean; path?: string; webhookBaseUrl?: string } = {}) {
			routes.set(options.path ?? (options.isTest ? setup.testPath : setup.productionPath), {
				trigger,
				isTest: options.isTest ?? false,
				webhookBaseUrl: options.webhookBaseUrl,
			});
		},
		async lifecycle(method: 'checkExists' | 'create' | 'delete', trigger: Trigger, isTest = false) {
			return await harness.webhookMethod('tflowTrigger', method, {
				parameters: trigger.parameters,
				credentials: ['tflowApi'],
				staticData: trigger.staticData,
				isTest,
			});
		},
		/** What n8n does on activation (and when the editor starts listening for a test event). */
		async activate(trigger: Trigger, isTest = false) {
			if (!(await setup.lifecycle('checkExists', trigger, isTest))) await setup.lifecycle('create', trigger, isTest);
		},
		/** The node's recorded registrations per URL. */
		recorded(trigger: Trigger): Record<string, { test: boolean; registrations: Array<{ id?: number; event: string; secret: string }> }> {
			return ((trigger.staticData['node:Node'] as IDataObject | undefined)?.registrationsByUrl ?? {}) as never;
		},
		/** Runs the tFLOW node (e.g. its Webhook operations) with the same credential. */
		async runTflow(parameters: INodeParameters) {
			return await harness.runNode({ type: 'tflow', parameters, credentials: ['tflowApi'] });
		},
		/** Webhook API calls the emulator received. */
		webhookCalls(method?: string): LogEntry[] {
			return emulator.server.requests(method, /^\/api\/v2\/webhook\//);
		},
		apiCalls(method?: string, path?: string | RegExp): LogEntry[] {
			return emulator.server.requests(method, path).filter((entry) => entry.path.startsWith('/api/v2/'));
		},
		/** POSTs to the receiver as a forger (or tFLOW) would. */
		async post(path: string, body: string, contentType: string) {
			const response = await fetch(`${receiverUrl}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
			await response.text();
			return response.status;
		},
		async stop() {
			await emulator.stop();
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		},
	};
	await setup.reset();
	return setup;
}
