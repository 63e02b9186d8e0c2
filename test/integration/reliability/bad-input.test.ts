/**
 * Bad input for every operation of every action node: empty, non-numeric, negative and huge ids,
 * invalid JSON, wrong types from expressions, missing binary properties, huge strings and unicode.
 * Each must be a NodeOperationError that names the field and the item, raised before any request
 * (the emulators must see nothing, not even a token request).
 *
 * Operations and fields are read from the node descriptions (see bad-input.ts): an operation
 * without a valid example below fails the suite, and so does a new field whose bad values reach
 * the API. Values come from the input items through expressions, as in real workflows (literal
 * values that break a field's own rules are already refused by n8n's parameter checks).
 */
import type { INodeExecutionData, INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import { D2sWorkflow } from '../../../nodes/D2sWorkflow/D2sWorkflow.node';
import { Papilio } from '../../../nodes/Papilio/Papilio.node';
import { Tflow } from '../../../nodes/Tflow/Tflow.node';
import type { NodeHarness, RunNodeResult } from '../../../tools/harness';
import { MUG, unitsParameter } from '../d2s/setup';
import type { Field } from './bad-input';
import { badValues, fieldsOf, label, operationsOf } from './bad-input';
import { useReliabilityBeds } from './setup';

const { tflow, papilio, d2s } = useReliabilityBeds();

const EXPRESSION = '={{ $json.value }}';
const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

interface Example {
	parameters: INodeParameters;
	input?: () => Promise<INodeExecutionData[]>;
}

/** A field set through a fixedCollection, which the description walk does not enter. */
interface ExtraField {
	names: string[];
	set: (parameters: INodeParameters) => INodeParameters;
	values: unknown[];
}

interface NodeUnderTest {
	type: string;
	description: INodeTypeDescription;
	credential: string;
	harness: () => NodeHarness;
	/** Parameters every run needs (e.g. the credential choice). */
	fixed?: INodeParameters;
	/** One valid parameter set per `resource:operation`. */
	examples: Record<string, Example>;
	extraFields?: Record<string, ExtraField[]>;
	/** Fields read once per run rather than per item (their error names item 0 only). */
	nodeLevel?: string[];
	/** Requests all of the node's servers received (control calls left out). */
	requests: () => number;
	/** Back to the seed data (a valid example may have changed it). */
	reset: () => Promise<void>;
	clearLog: () => void;
}

const artwork = async () => [await tflow.harness.binaryItem(Buffer.from('%PDF-1.4 artwork'), 'art.pdf', 'application/pdf')];
const assignments = (userIds: string) => ({ assignment: [{ type: 'instance_user_ids', userIds }] });
const assignmentsField = (base: INodeParameters): ExtraField => ({
	names: ['assignments.userIds'],
	set: (parameters) => ({ ...parameters, ...base, assignmentsInputMode: 'keyValue', assignments: assignments(EXPRESSION) }),
	values: ['abc', '-1', '1.5', '7, x', { id: 1 }],
});
const list = { returnAll: false, limit: 5, filters: {} };

const TFLOW: NodeUnderTest = {
	type: 'tflow',
	description: new Tflow().description,
	credential: 'tflowApi',
	harness: () => tflow.harness,
	examples: {
		'client:create': { parameters: { name: 'Print Café', additionalFields: {} } },
		'customApiCall:call': { parameters: { method: 'GET', path: '/client/101', bodyType: 'json', jsonBody: '{}', responseFormat: 'json', binaryPropertyName: 'data' } },
		'client:get': { parameters: { clientId: '101' } },
		'client:getMany': { parameters: list },
		'client:getQueues': { parameters: { clientId: '101' } },
		'job:create': { parameters: { orderId: byId(1), shipDate: '2026-05-01', propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue', additionalFields: {} } },
		'job:createWithArtwork': {
			parameters: { orderId: byId(1), shipDate: '2026-05-01', propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue', binaryPropertyName: 'data', additionalFields: {} },
			input: artwork,
		},
		'job:delete': { parameters: { jobId: byId(1) } },
		'job:executeTransition': {
			parameters: { jobId: byId(1), transition: 'upload_first_revision', binaryPropertyName: 'data', additionalFields: {} },
			input: artwork,
		},
		'job:get': { parameters: { jobId: byId(1) } },
		'job:getAllowedTransitions': { parameters: { jobId: byId(2) } },
		'job:getMany': { parameters: list },
		'job:getRevisions': { parameters: { jobId: byId(2) } },
		'job:repreflight': { parameters: { jobId: byId(2) } },
		'job:rush': { parameters: { jobId: byId(1), rushAction: 'request' } },
		'job:update': { parameters: { jobId: byId(1), updateFields: { name: 'Renamed' }, propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue' } },
		'job:uploadArtwork': { parameters: { jobId: byId(1), binaryPropertyName: 'data', additionalFields: {} }, input: artwork },
		'order:create': { parameters: { clientId: '101', shipDate: '2026-05-01', propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue', additionalFields: {} } },
		'order:get': { parameters: { orderId: byId(1) } },
		'order:getMany': { parameters: list },
		'order:update': { parameters: { orderId: byId(1), updateFields: { description: 'Changed' }, propsInputMode: 'keyValue', assignmentsInputMode: 'keyValue' } },
		'product:getMany': { parameters: list },
		'queue:get': { parameters: { queueId: '808:1' } },
		'queue:getMany': { parameters: list },
		'revision:delete': { parameters: { revisionId: '1' } },
		'revision:download': { parameters: { revisionId: '1', file: 'original', pageNumber: 1, binaryPropertyName: 'data' } },
		'revision:downloadLatest': { parameters: { jobId: byId(2), file: 'proof', pageNumber: 1, binaryPropertyName: 'data' } },
		'user:create': { parameters: { email: 'new.user@example.com', additionalFields: {} } },
		'user:get': { parameters: { userId: '1' } },
		'user:getMany': { parameters: list },
		'user:update': { parameters: { userId: '1', updateFields: { name: 'New Name' } } },
		'webhook:create': { parameters: { event: 'job.approve', url: 'https://n8n.example.com/webhook/x', securityKey: '' } },
		'webhook:delete': { parameters: { webhookId: 'job.approve' } },
		'webhook:get': { parameters: { webhookId: 'job.approve' } },
		'webhook:getMany': { parameters: { returnAll: false, limit: 5 } },
		'webhook:update': { parameters: { webhookId: 'job.approve', updateFields: { url: 'https://hooks.example.com/new' } } },
		'client:getInitialInfo': { parameters: {} },
		'api:checkInstance': { parameters: {} },
		'api:getVersion': { parameters: {} },
		'permission:getMany': { parameters: { returnAll: false, limit: 5 } },
		'role:create': { parameters: { name: 'Night Shift', owningClientId: '1', additionalFields: {} } },
		'role:get': { parameters: { roleId: '1' } },
		'role:getMany': { parameters: { returnAll: false, limit: 5 } },
		'role:update': { parameters: { roleId: '1', updateFields: { name: 'Admins' } } },
		'role:getUsers': { parameters: { roleId: '1' } },
		'role:setUsers': { parameters: { roleId: '1', userIds: [1] } },
		'role:getPermissions': { parameters: { roleId: '1' } },
		'role:setPermissions': { parameters: { roleId: '1', permissions: ['view_proof'] } },
		'role:getWorkflowPermissions': { parameters: { roleId: '1' } },
		'role:setWorkflowPermissions': { parameters: { roleId: '1', transitions: ['approve'] } },
		// With Entity Type from an expression n8n shows (and requires) all three pickers.
		'queue:getForEntity': { parameters: { entityType: 'job', orderId: byId(1), jobId: byId(1), clientId: '101' } },
		'queue:setForEntity': { parameters: { entityType: 'job', orderId: byId(1), jobId: byId(1), clientId: '101', queueIds: ['808:1'] } },
	},
	extraFields: {
		'job:create': [assignmentsField({})],
		'job:createWithArtwork': [assignmentsField({})],
		'job:update': [assignmentsField({})],
		'order:create': [assignmentsField({})],
		'order:update': [assignmentsField({})],
	},
	nodeLevel: ['options.concurrency'],
	requests: () => tflow.emulator.server.requests().length,
	reset: async () => await tflow.reset(),
	clearLog: () => tflow.emulator.server.clearLog(),
};

const D2S: NodeUnderTest = {
	type: 'd2sWorkflow',
	description: new D2sWorkflow().description,
	credential: 'd2sWorkflowApi',
	harness: () => d2s.harness,
	examples: {
		'customApiCall:call': { parameters: { method: 'POST', path: '', jsonBody: '{"op":"get-order","order":"R-1"}' } },
		'order:checkInstance': { parameters: {} },
		'order:put': {
			parameters: {
				orderReference: 'R-1',
				email: 'customer@example.com',
				confirm: true,
				unitsInputMode: 'fields',
				units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', 'http://127.0.0.1:1/r.jpg']] }]),
				unitsJson: JSON.stringify([{ base: MUG.id, payload: [{ slot: 'Slot 1', image: 'http://127.0.0.1:1/r.jpg' }] }]),
				options: {},
			},
		},
	},
	extraFields: {
		'order:put': [
			{
				names: ['Image URL'],
				set: (parameters) => ({ ...parameters, unitsInputMode: 'fields', units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', EXPRESSION]] }]) }),
				values: ['', 'not a url', 'ftp://example.com/a.jpg', '/relative.jpg', { url: 'x' }],
			},
			{
				names: ['Base Unit ID'],
				set: (parameters) => ({ ...parameters, unitsInputMode: 'fields', units: unitsParameter([{ base: EXPRESSION, slots: [['Slot 1', 'https://example.com/a.jpg']] }]) }),
				values: ['', '   ', { id: 1 }],
			},
		],
	},
	nodeLevel: ['options.concurrency'],
	requests: () => d2s.d2s.server.requests().length + d2s.images.server.requests().length,
	reset: async () => {
		d2s.d2s.reset();
		d2s.images.server.clearLog();
		d2s.useCredentials();
	},
	clearLog: () => {
		d2s.d2s.server.clearLog();
		d2s.images.server.clearLog();
	},
};

const papilioList = { returnAll: false, limit: 5 };

const PAPILIO: NodeUnderTest = {
	type: 'papilio',
	description: new Papilio().description,
	credential: 'papilioApi',
	harness: () => papilio.harness,
	fixed: { authentication: 'papilioApi' },
	examples: {
		'customApiCall:call': { parameters: { method: 'GET', path: '/order/51038', bodyType: 'form', jsonBody: '{}', responseFormat: 'json', binaryPropertyName: 'data' } },
		'instance:checkInstance': { parameters: {} },
		'message:getReceived': { parameters: { userId: '', ...papilioList } },
		'message:getSent': { parameters: { userId: '', ...papilioList } },
		'message:markAsRead': { parameters: { messageId: '2460' } },
		'order:createPin': { parameters: { orderId: byId(51041) } },
		'order:delete': { parameters: { orderId: byId(51046) } },
		'order:deletePin': { parameters: { orderId: byId(51038) } },
		'order:download': { parameters: { orderId: byId(51038), binaryPropertyName: 'data' } },
		'order:downloadByPin': { parameters: { pin: '37g6m', binaryPropertyName: 'data' } },
		'order:downloadPreview': { parameters: { orderId: byId(51038), binaryPropertyName: 'data' } },
		'order:get': { parameters: { orderId: byId(51038), options: {} } },
		'order:getMany': { parameters: { scope: 'mine', year: 0, ...papilioList, options: {} } },
		'order:search': { parameters: { mode: 'and', filters: { title: 'Inserat' }, ...papilioList, options: {} } },
		'order:update': { parameters: { orderId: byId(51042), updateFields: { title: 'Changed' } } },
		'task:getCompleted': { parameters: { userId: '', ...papilioList } },
		'task:getLayoutable': { parameters: papilioList },
		'task:getPrintable': { parameters: papilioList },
		'task:getTranslatable': { parameters: papilioList },
		'template:get': { parameters: { templateId: '40' } },
		'template:getChildren': { parameters: { groupId: '', ...papilioList } },
		'template:getExamples': { parameters: { templateId: '40', lang: '', ...papilioList } },
		'template:getNested': { parameters: { flatten: false, includeGroups: false } },
		'template:search': { parameters: { term: 'Flyer', ...papilioList } },
	},
	nodeLevel: ['options.concurrency'],
	requests: () => papilio.emulator.server.requests().length,
	reset: async () => papilio.reset(),
	clearLog: () => papilio.emulator.server.clearLog(),
};

const NODES = [TFLOW, D2S, PAPILIO];

/** The example's parameters with the field read from the item's `value` by an expression. */
function withBadField(example: Example, field: Field): INodeParameters {
	const parameters: INodeParameters = { ...example.parameters, ...(field.conditions as INodeParameters) };
	if (field.option) {
		parameters[field.parameter] = { ...((parameters[field.parameter] as INodeParameters | undefined) ?? {}), [field.option]: EXPRESSION };
	} else if (field.property.type === 'resourceLocator') {
		parameters[field.parameter] = { __rl: true, mode: 'id', value: EXPRESSION };
	} else {
		parameters[field.parameter] = EXPRESSION;
	}
	return parameters;
}

async function inputWith(example: Example, value: unknown, count: number): Promise<INodeExecutionData[]> {
	const template = example.input ? (await example.input())[0] : { json: {} };
	return Array.from({ length: count }, () => ({ ...template, json: { ...template.json, value } as never }));
}

async function run(node: NodeUnderTest, op: { resource: string; operation: string }, parameters: INodeParameters, input: INodeExecutionData[], continueOnFail = false): Promise<RunNodeResult> {
	return await node.harness().runNode({
		type: node.type,
		parameters: { ...node.fixed, resource: op.resource, operation: op.operation, ...parameters },
		credentials: [node.credential],
		input,
		continueOnFail,
	});
}

interface Case {
	title: string;
	names: string[];
	parameters: INodeParameters;
	value: unknown;
	/** Only the first value of each field also runs two items with continueOnFail. */
	perItem: boolean;
}

function casesOf(node: NodeUnderTest, key: string, resource: string, operation: string): Case[] {
	const example = node.examples[key];
	if (!example) return [];
	const cases: Case[] = [];
	for (const field of fieldsOf(node.description, { resource, operation, key })) {
		const path = field.option ? `${field.parameter}.${field.option}` : field.parameter;
		badValues(field).forEach((value, index) =>
			cases.push({
				title: `${path} (${field.kind}) = ${label(value)}`,
				names: field.names,
				parameters: withBadField(example, field),
				value,
				perItem: index === 0 && !node.nodeLevel?.includes(path),
			}),
		);
	}
	for (const extra of node.extraFields?.[key] ?? []) {
		extra.values.forEach((value, index) =>
			cases.push({ title: `${extra.names[0]} = ${label(value)}`, names: extra.names, parameters: extra.set(example.parameters), value, perItem: index === 0 }),
		);
	}
	return cases;
}

const namesField = (message: string, names: string[]) => names.some((name) => message.includes(name));

describe.each(NODES)('$type', (node) => {
	const operations = operationsOf(node.description);

	test('every operation of the description has a valid example here, and every example an operation', () => {
		expect(operations.length).toBeGreaterThan(0);
		expect(Object.keys(node.examples).sort()).toEqual(operations.map((op) => op.key).sort());
	});

	describe.each(operations)('$key', ({ key, resource, operation }) => {
		const example = node.examples[key];

		test('has fields whose input is checked, and its valid example gets past the checks to the API', async () => {
			expect(example).toBeDefined();
			expect(fieldsOf(node.description, { key, resource, operation }).length + (node.extraFields?.[key]?.length ?? 0)).toBeGreaterThan(0);
			await node.reset();
			const result = await run(node, { resource, operation }, example.parameters, await inputWith(example, null, 1));
			expect(result.error?.name).not.toBe('NodeOperationError');
			expect(node.requests()).toBeGreaterThan(0);
		});

		const cases = casesOf(node, key, resource, operation);
		test.each(cases)('$title: NodeOperationError naming field and item, nothing sent', async ({ names, parameters, value, perItem }) => {
			node.clearLog();

			const result = await run(node, { resource, operation }, parameters, await inputWith(example, value, 1));

			expect(result.error?.name).toBe('NodeOperationError');
			const message = result.error?.message ?? '';
			expect(namesField(message, names)).toBe(true);
			expect(message).toContain('(item 0)');
			expect(message.length).toBeLessThan(500);
			expect(result.items).toHaveLength(0);
			expect(node.requests()).toBe(0);

			if (!perItem) return;
			const continued = await run(node, { resource, operation }, parameters, await inputWith(example, value, 2), true);
			expect(continued.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			continued.items.forEach((item, index) => {
				expect(item.binary).toBeUndefined();
				expect(namesField(String(item.json.error), names)).toBe(true);
				expect(String(item.json.error)).toContain(`(item ${index})`);
			});
			expect(node.requests()).toBe(0);
		});
	});
});

describe('unicode is not bad input: it arrives unchanged', () => {
	const text = 'Café «Ünïcødé» 印刷 🖨️ עברית e\u0301';

	test('tFLOW: a client name', async () => {
		await tflow.reset();
		const result = await run(TFLOW, { resource: 'client', operation: 'create' }, { name: EXPRESSION, additionalFields: {} }, [{ json: { value: text } }]);
		expect(result.error).toBeUndefined();
		expect(tflow.apiCalls('POST', '/api/v2/client/create')[0].body.name).toBe(text);
		expect(result.items[0].json.name).toBe(text);
	});

	test('D2S: an order reference', async () => {
		await D2S.reset();
		const parameters = { ...D2S.examples['order:put'].parameters, orderReference: EXPRESSION, units: unitsParameter([{ base: MUG.id, slots: [['Slot 1', d2s.images.imageUrl('u.jpg')]] }]) };
		const result = await run(D2S, { resource: 'order', operation: 'put' }, parameters, [{ json: { value: text } }]);
		expect(result.error).toBeUndefined();
		expect(d2s.d2s.state.orders[0].reference).toBe(text);
		expect(result.items[0].json.orderReference).toBe(text);
	});
});
