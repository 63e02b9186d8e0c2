/**
 * Runs this package's nodes through n8n's own execution code (n8n-core's WorkflowExecute and node
 * contexts), with a credentials helper that behaves like n8n's. Used by the integration tests and
 * the benchmarks, so what they measure is what n8n really does with the nodes.
 */
import { Container } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeCredentialTestResult,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IPollFunctions,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
	WorkflowExecuteMode,
	IBinaryData,
} from 'n8n-workflow';
import { createDeferredPromise, Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials';

export { HarnessCredentialsHelper };

export type BinaryMode = 'default' | 'filesystem';

let binaryModeInUse: BinaryMode | undefined;
let userFolder: string | undefined;

type NodeClass = new () => INodeType;

export interface HarnessOptions {
	nodes: Record<string, NodeClass>;
	credentialTypes?: Array<new () => ICredentialType>;
	/** n8n's binary data mode; `filesystem` streams binaries through files as n8n does in production. */
	binaryMode?: BinaryMode;
}

export interface RunNodeOptions {
	/** Node name as in the description, e.g. `tflow`. */
	type: string;
	parameters: INodeParameters;
	/** Credential types this node run may use; their data must be in the harness store. */
	credentials?: string[];
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The node's On Error setting; 'continueErrorOutput' gives it n8n's second (error) output. */
	onError?: INode['onError'];
	mode?: WorkflowExecuteMode;
	/** Workflow static data, kept between runs by the caller (as n8n keeps it in the database). */
	staticData?: IDataObject;
	/** The node's typeVersion as saved in the workflow (default 1). */
	typeVersion?: number;
}

export interface RunNodeResult {
	/** Items of the first output (with onError 'continueErrorOutput': the success output). */
	items: INodeExecutionData[];
	/** All outputs; with onError 'continueErrorOutput' n8n's routing put the failed items in the last. */
	outputs: INodeExecutionData[][];
	/** The execution hints the node added (this.addExecutionHints), as the editor shows them. */
	hints: NodeExecutionHint[];
	/** The node's error when it failed (continueOnFail off). */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string; itemIndex?: number };
	run: IRun;
}

const SHORT_TYPE_PREFIX = 'n8n-nodes-print-workflow.';

export class NodeHarness {
	readonly credentials: HarnessCredentialsHelper;

	private readonly nodeTypes: INodeTypes;

	private readonly instances = new Map<string, INodeType>();

	private executionCounter = 0;

	constructor(options: HarnessOptions) {
		this.credentials = new HarnessCredentialsHelper(
			(options.credentialTypes ?? []).map((CredentialClass) => new CredentialClass()),
		);
		for (const [name, NodeClass] of Object.entries(options.nodes)) {
			this.instances.set(name, new NodeClass());
		}
		const get = (type: string) => {
			const name = type.startsWith(SHORT_TYPE_PREFIX) ? type.slice(SHORT_TYPE_PREFIX.length) : type;
			const instance = this.instances.get(name);
			if (!instance) throw new Error(`Unknown node type ${type} in the harness`);
			return instance;
		};
		this.nodeTypes = {
			getByName: get,
			getByNameAndVersion: get,
			getKnownTypes: () => ({}),
		} as INodeTypes;
		this.binaryModeOption = options.binaryMode ?? 'default';
	}

	private readonly binaryModeOption: BinaryMode;

	/** Sets up n8n's binary data service once per process (its mode is process-wide, as in n8n). */
	async init(): Promise<this> {
		if (binaryModeInUse && binaryModeInUse !== this.binaryModeOption) {
			throw new Error(
				`Binary data mode ${binaryModeInUse} is already set up in this process; use one mode per test file`,
			);
		}
		if (!binaryModeInUse) {
			userFolder ??= mkdtempSync(path.join(tmpdir(), 'print-workflow-harness-'));
			process.env.N8N_USER_FOLDER = userFolder;
			process.env.N8N_ENCRYPTION_KEY ??= 'harness-encryption-key';
			process.env.N8N_DEFAULT_BINARY_DATA_MODE = this.binaryModeOption;
			process.env.N8N_AVAILABLE_BINARY_DATA_MODES = 'filesystem';
			process.env.N8N_BINARY_DATA_STORAGE_PATH = path.join(userFolder, 'binaryData');
			const { BinaryDataService } = await import('n8n-core');
			await Container.get(BinaryDataService).init();
			binaryModeInUse = this.binaryModeOption;
		}
		return this;
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject) {
		this.credentials.setCredentials(type, data);
	}

	private buildNode(
		type: string,
		parameters: INodeParameters,
		credentials: string[] = [],
		continueOnFail = false,
		typeVersion = 1,
		onError?: INode['onError'],
	): INode {
		const nodeCredentials: INodeCredentials = {};
		for (const credentialType of credentials) {
			nodeCredentials[credentialType] = { id: credentialType, name: credentialType };
		}
		return {
			id: 'node-under-test',
			name: 'Node',
			type: SHORT_TYPE_PREFIX + type,
			typeVersion,
			position: [0, 0],
			parameters,
			credentials: nodeCredentials,
			continueOnFail,
			...(onError ? { onError } : {}),
			webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		};
	}

	private workflowFor(node: INode, staticData?: IDataObject) {
		return new Workflow({
			id: 'harness-workflow',
			name: 'Harness',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
	}

	/** Base of the URLs n8n hands to trigger nodes (getNodeWebhookUrl). */
	webhookBaseUrl = 'http://127.0.0.1:1/';

	additionalData(executionId = `harness-${++this.executionCounter}`): IWorkflowExecuteAdditionalData {
		const base = this.webhookBaseUrl.replace(/\/+$/, '');
		return {
			credentialsHelper: this.credentials,
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:1/rest',
			instanceBaseUrl: 'http://127.0.0.1:1/',
			formWaitingBaseUrl: 'http://127.0.0.1:1/form-waiting',
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			variables: {},
			executeWorkflow: async () => {
				throw new Error('not supported in the harness');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('not supported in the harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Executes one node with the given input items through n8n-core's WorkflowExecute. */
	async runNode(options: RunNodeOptions): Promise<RunNodeResult> {
		await this.init();
		const { ExecutionLifecycleHooks, WorkflowExecute } = await import('n8n-core');
		const node = this.buildNode(options.type, options.parameters, options.credentials, options.continueOnFail, options.typeVersion, options.onError);
		const workflow = this.workflowFor(node, options.staticData);
		const executionId = `harness-${++this.executionCounter}`;
		const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, {
			id: 'harness-workflow',
			name: 'Harness',
			nodes: [node],
			connections: {},
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never);
		const finished = createDeferredPromise<IRun>();
		hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
		const additionalData = this.additionalData(executionId);
		additionalData.hooks = hooks;
		const runExecutionData: IRunExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [
					{
						node,
						data: { main: [options.input ?? [{ json: {} }]] },
						source: null,
					},
				],
			},
		} as unknown as IRunExecutionData;
		const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await finished.promise;
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
		return {
			items: outputs[0] ?? [],
			outputs,
			hints: taskData?.hints ?? [],
			error: (taskData?.error ?? run.data.resultData.error) as RunNodeResult['error'],
			run,
		};
	}

	/** An input item whose binary property holds the given bytes, stored by n8n's binary data service. */
	async binaryItem(
		content: Buffer | Readable,
		fileName: string,
		mimeType: string,
		property = 'data',
		json: IDataObject = {},
	): Promise<INodeExecutionData> {
		await this.init();
		const { BinaryDataService } = await import('n8n-core');
		const binary = await Container.get(BinaryDataService).store(
			{ type: 'execution', workflowId: 'harness-workflow', executionId: 'harness-input' },
			content,
			{ data: '', mimeType, fileName, fileExtension: path.extname(fileName).slice(1) } as IBinaryData,
		);
		return { json, binary: { [property]: binary } };
	}

	/** The bytes of a binary property of an output item. */
	async readBinary(binary: IBinaryData): Promise<Buffer> {
		const { BinaryDataService } = await import('n8n-core');
		return await Container.get(BinaryDataService).getAsBuffer(binary);
	}

	private async loadOptionsContext(type: string, parameters: INodeParameters, credentials: string[]) {
		await this.init();
		const { LoadOptionsContext } = await import('n8n-core');
		const node = this.buildNode(type, parameters, credentials);
		// The editor sends the node's current parameters with every options request (getCurrentNodeParameter).
		const additionalData = this.additionalData();
		additionalData.currentNodeParameters = parameters;
		return new LoadOptionsContext(this.workflowFor(node), node, additionalData, '');
	}

	async loadOptions(
		type: string,
		method: string,
		parameters: INodeParameters,
		credentials: string[] = [],
	): Promise<INodePropertyOptions[]> {
		const context = await this.loadOptionsContext(type, parameters, credentials);
		const fn = this.instances.get(type)?.methods?.loadOptions?.[method];
		if (!fn) throw new Error(`No loadOptions method ${method} on ${type}`);
		return await fn.call(context);
	}

	async listSearch(
		type: string,
		method: string,
		parameters: INodeParameters,
		credentials: string[] = [],
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const context = await this.loadOptionsContext(type, parameters, credentials);
		const fn = this.instances.get(type)?.methods?.listSearch?.[method];
		if (!fn) throw new Error(`No listSearch method ${method} on ${type}`);
		return await fn.call(context, filter, paginationToken);
	}

	/**
	 * A credential's Test button for credentials with a `test.request`, as n8n's CredentialsTester
	 * runs it: the request is a routing property of a temporary noOp node run by n8n-core's
	 * RoutingNode with the unsaved credential data (preAuthentication always fetches a fresh token).
	 */
	async testCredentials(type: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
		await this.init();
		const { ExecuteContext, RoutingNode } = await import('n8n-core');
		const testRequest = this.credentials.getType(type).test;
		if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };
		const nodeType = {
			description: {
				displayName: 'Temp',
				name: 'n8n-nodes-base.noOp',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Temp' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: type, required: true }],
				properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
			},
		} as unknown as INodeType;
		const node: INode = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			credentials: { [type]: { id: 'credential-test', name: type } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as INodeTypes,
		});
		const context = new ExecuteContext(
			workflow,
			workflow.getNode(node.name)!,
			this.additionalData(),
			'internal',
			{ resultData: { runData: {} } } as IRunExecutionData,
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await new RoutingNode(context, nodeType, { id: 'credential-test', name: type, type, data: { ...data } }).runNode();
		} catch (error) {
			const response = error.cause?.response;
			if (response) {
				for (const rule of testRequest.rules ?? []) {
					if (rule.type === 'responseCode' && rule.properties.value === response.status) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (response.status < 199 || response.status > 299) {
					return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
				}
			} else if (error.cause?.code) {
				return { status: 'Error', message: error.cause.code };
			}
			return { status: 'Error', message: String(error.message) };
		}
		// A rule on the answer's body fails the test when the value at its key equals the rule's value.
		const body = response?.[0]?.[0]?.json as unknown;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const value = rule.properties.key.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as IDataObject)[key] : undefined), body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	/** Calls a webhook lifecycle method (checkExists/create/delete) through n8n's HookContext. */
	async webhookMethod(
		type: string,
		method: 'checkExists' | 'create' | 'delete',
		options: { parameters: INodeParameters; credentials?: string[]; staticData: IDataObject; isTest?: boolean },
	): Promise<boolean | undefined> {
		await this.init();
		const { HookContext } = await import('n8n-core');
		const node = this.buildNode(type, options.parameters, options.credentials);
		const workflow = this.workflowFor(node, options.staticData);
		const webhookData = this.webhookData(node, workflow, options.isTest);
		const context = new HookContext(workflow, node, this.additionalData(), options.isTest ? 'manual' : 'trigger', options.isTest ? 'manual' : 'activate', webhookData);
		const fn = this.instances.get(type)?.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`No webhook method ${method} on ${type}`);
		const result = await fn.call(context);
		// n8n saves static data after lifecycle calls; hand the changes back to the caller.
		Object.assign(options.staticData, workflow.staticData);
		for (const key of Object.keys(options.staticData)) {
			if (!(key in workflow.staticData)) delete options.staticData[key];
		}
		return result;
	}

	private webhookData(node: INode, workflow: Workflow, isTest = false): IWebhookData {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' } as never,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			isTest,
			webhookId: node.webhookId,
		} as IWebhookData;
	}

	/**
	 * Delivers a request to a trigger node's `webhook()` through n8n's WebhookContext. `request`
	 * looks like the express request n8n passes (body already parsed, rawBody kept).
	 */
	async webhook(
		type: string,
		options: {
			parameters: INodeParameters;
			credentials?: string[];
			staticData?: IDataObject;
			request: { headers: Record<string, string>; body: unknown; rawBody?: Buffer; query?: Record<string, string>; method?: string; path?: string };
			/** A delivery to the test URL while the editor listens (n8n runs webhook() in mode "manual"). */
			isTest?: boolean;
		},
	): Promise<{ response: IWebhookResponseData; status?: number; sent?: unknown }> {
		await this.init();
		const { WebhookContext } = await import('n8n-core');
		const node = this.buildNode(type, options.parameters, options.credentials);
		const workflow = this.workflowFor(node, options.staticData ?? {});
		const additionalData = this.additionalData();
		const sent: { status?: number; body?: unknown } = {};
		const res = {
			status(code: number) {
				sent.status = code;
				return res;
			},
			send(body?: unknown) {
				sent.body = body;
				return res;
			},
			json(body?: unknown) {
				sent.body = body;
				return res;
			},
			end() {
				return res;
			},
			setHeader() {
				return res;
			},
			headersSent: false,
		};
		const req = {
			method: options.request.method ?? 'POST',
			headers: options.request.headers,
			body: options.request.body,
			rawBody: options.request.rawBody,
			query: options.request.query ?? {},
			params: {},
			path: options.request.path ?? '/webhook',
			contentType: options.request.headers['content-type'],
		};
		(additionalData as unknown as { httpRequest: unknown }).httpRequest = req;
		(additionalData as unknown as { httpResponse: unknown }).httpResponse = res;
		const webhookData = this.webhookData(node, workflow, options.isTest);
		const context = new WebhookContext(workflow, node, additionalData, options.isTest ? 'manual' : 'webhook', webhookData, [], null);
		const fn = this.instances.get(type)?.webhook;
		if (!fn) throw new Error(`${type} has no webhook()`);
		const response = await fn.call(context);
		return { response, status: sent.status, sent: sent.body };
	}

	/** Runs a polling trigger's poll() once through n8n's PollContext. */
	async poll(
		type: string,
		options: { parameters: INodeParameters; credentials?: string[]; staticData: IDataObject; mode?: WorkflowExecuteMode },
	): Promise<INodeExecutionData[][] | null> {
		await this.init();
		const { PollContext } = await import('n8n-core');
		const node = this.buildNode(type, options.parameters, options.credentials);
		const workflow = this.workflowFor(node, options.staticData);
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			options.mode ?? 'trigger',
			'activate',
			(() => {}) as IPollFunctions['__emit'],
			(() => {}) as IPollFunctions['__emitError'],
		);
		const fn = this.instances.get(type)?.poll;
		if (!fn) throw new Error(`${type} has no poll()`);
		const result = await fn.call(context);
		Object.assign(options.staticData, workflow.staticData);
		return result;
	}
}
