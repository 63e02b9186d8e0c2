/**
 * The tFLOW node's public interface (names users' workflows store), its wiring (every operation
 * offered has an implementation, every method a description names exists) and tFLOW error text.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Tflow } from '../../nodes/Tflow/Tflow.node';
import codex from '../../nodes/Tflow/Tflow.node.json';
import * as api from '../../nodes/Tflow/actions/api';
import * as client from '../../nodes/Tflow/actions/client';
import * as customApiCall from '../../nodes/Tflow/actions/customApiCall';
import * as job from '../../nodes/Tflow/actions/job';
import * as order from '../../nodes/Tflow/actions/order';
import * as permission from '../../nodes/Tflow/actions/permission';
import * as product from '../../nodes/Tflow/actions/product';
import * as queue from '../../nodes/Tflow/actions/queue';
import * as revision from '../../nodes/Tflow/actions/revision';
import * as role from '../../nodes/Tflow/actions/role';
import * as user from '../../nodes/Tflow/actions/user';
import * as webhook from '../../nodes/Tflow/actions/webhook';
import { formatTflowMessages } from '../../nodes/Tflow/helpers/messages';
import { tflowError } from '../../nodes/Tflow/transport';

const node = new Tflow();
const { description } = node;
const resources = { api, client, customApiCall, job, order, permission, product, queue, revision, role, user, webhook };

function operationsOf(resource: string): string[] {
	const operation = description.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	return (operation?.options as INodePropertyOptions[]).map((option) => String(option.value));
}

function propertiesOf(resource: string, operation: string): INodeProperties[] {
	return description.properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation),
	);
}

describe('public interface', () => {
	test('node identity, icons, subtitle, tool use and credential', () => {
		expect(description).toMatchObject({
			name: 'tflow',
			displayName: 'tFLOW',
			icon: { light: 'file:tflow.svg', dark: 'file:tflow.dark.svg' },
			subtitle: expect.stringContaining('"job:getMany":"Get many jobs"'),
			// The tool variant leaves the uploads out (test/unit/tool-variant.test.ts).
			usableAsTool: { replacements: { defaultVersion: 1.2, properties: expect.any(Array) } },
			credentials: [{ name: 'tflowApi', required: true }],
		});
		expect(codex).toMatchObject({ node: 'n8n-nodes-print-workflow.tflow', nodeVersion: '1.0', codexVersion: '1.0' });
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\/github\.com\/print-workflow\/n8n-nodes-print-workflow#/);
	});

	test('resources and operations keep their names', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect((resource?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(Object.keys(resources));
		expect(operationsOf('job')).toEqual(
			expect.arrayContaining(['create', 'get', 'getMany', 'update', 'delete', 'getAllowedTransitions', 'executeTransition', 'uploadArtwork', 'createWithArtwork', 'getRevisions', 'repreflight', 'rush']),
		);
		expect(operationsOf('order')).toEqual(['create', 'get', 'getMany', 'update']);
		expect(operationsOf('revision')).toEqual(['delete', 'download', 'downloadLatest']);
		expect(operationsOf('client')).toEqual(['create', 'get', 'getInitialInfo', 'getMany', 'getQueues']);
		expect(operationsOf('user')).toEqual(['create', 'get', 'getMany', 'update']);
		expect(operationsOf('product')).toEqual(['getMany']);
		expect(operationsOf('queue')).toEqual(['get', 'getForEntity', 'getMany', 'setForEntity']);
		expect(operationsOf('webhook')).toEqual(['create', 'delete', 'get', 'getMany', 'update']);
		expect(operationsOf('role')).toEqual([
			'create',
			'get',
			'getMany',
			'getPermissions',
			'getUsers',
			'getWorkflowPermissions',
			'setPermissions',
			'setUsers',
			'setWorkflowPermissions',
			'update',
		]);
		expect(operationsOf('permission')).toEqual(['getMany']);
		expect(operationsOf('api')).toEqual(['checkInstance', 'getVersion']);
		expect(operationsOf('customApiCall')).toEqual(['call']);
	});

	test('every operation offered is implemented, and nothing else is', () => {
		for (const [name, resource] of Object.entries(resources)) {
			expect(Object.keys(resource.operations).sort()).toEqual([...operationsOf(name)].sort());
		}
	});

	test('jobId and orderId are resource locators with a searchable list and an ID mode', () => {
		for (const [name, method] of [['jobId', 'searchJobs'], ['orderId', 'searchOrders']]) {
			const locators = description.properties.filter((property) => property.name === name && property.type === 'resourceLocator');
			expect(locators.length).toBeGreaterThan(0);
			for (const locator of locators) {
				expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
				expect(locator.modes?.[0].typeOptions).toEqual({ searchListMethod: method, searchable: true });
				expect(node.methods.listSearch[method as keyof typeof node.methods.listSearch]).toBeInstanceOf(Function);
			}
		}
	});

	test('executeTransition and uploadArtwork take transition and binaryPropertyName (default data)', () => {
		const transition = propertiesOf('job', 'executeTransition').find((property) => property.name === 'transition');
		expect(transition?.typeOptions).toEqual({ loadOptionsMethod: 'getAllowedTransitions', loadOptionsDependsOn: ['jobId.value'] });
		for (const operation of ['executeTransition', 'uploadArtwork']) {
			const binary = propertiesOf('job', operation).find((property) => property.name === 'binaryPropertyName');
			expect(binary?.default).toBe('data');
		}
		const download = propertiesOf('revision', 'download').find((property) => property.name === 'binaryPropertyName');
		expect(download?.default).toBe('data');
	});

	test('createWithArtwork shows Job Create\'s own fields and the artwork file; Download Latest takes a job and the files Download offers', () => {
		const names = (resource: string, operation: string) => propertiesOf(resource, operation).map((property) => property.name);
		expect(names('job', 'createWithArtwork')).toEqual([...names('job', 'create'), 'binaryPropertyName']);
		const createFields = propertiesOf('job', 'create');
		propertiesOf('job', 'createWithArtwork')
			.slice(0, createFields.length)
			.forEach((property, index) => expect({ ...property, displayOptions: undefined }).toEqual({ ...createFields[index], displayOptions: undefined }));
		expect(names('revision', 'downloadLatest')).toEqual(['jobId', ...names('revision', 'download').filter((name) => name !== 'jobId' && name !== 'revisionId')]);
		expect(propertiesOf('revision', 'downloadLatest').find((property) => property.name === 'jobId')?.required).toBe(true);
	});

	test('every getMany has Return All and Limit', () => {
		for (const resource of Object.keys(resources)) {
			if (!operationsOf(resource).includes('getMany')) continue;
			const names = propertiesOf(resource, 'getMany').map((property) => property.name);
			expect(names).toEqual(expect.arrayContaining(['returnAll', 'limit']));
		}
	});

	test('Execute Transition notes that the job\'s state decides at run time only when the job comes from an expression', () => {
		const notice = propertiesOf('job', 'executeTransition').find((property) => property.name === 'transitionNotice');
		expect(notice?.type).toBe('notice');
		const shown = (jobId: unknown) =>
			NodeHelpers.displayParameter({ resource: 'job', operation: 'executeTransition', jobId } as never, notice!, { typeVersion: 1 }, description);
		expect(shown({ __rl: true, mode: 'id', value: '={{ $json.id }}' })).toBe(true);
		expect(shown({ __rl: true, mode: 'list', value: '3' })).toBe(false);
		// A job ID stored as a plain number (older workflows, tools) must not break the check.
		expect(shown(3)).toBe(false);
	});

	test('every loadOptions method a parameter names exists', () => {
		const methods = new Set<string>();
		const collect = (properties: Array<INodeProperties | { values?: INodeProperties[]; options?: unknown }>) => {
			for (const property of properties) {
				const method = (property as INodeProperties).typeOptions?.loadOptionsMethod;
				if (method) methods.add(method);
				const nested = (property as { options?: unknown[] }).options ?? (property as { values?: unknown[] }).values;
				if (Array.isArray(nested)) collect(nested as INodeProperties[]);
			}
		};
		collect(description.properties);
		expect([...methods].sort()).toEqual([
			'getAllowedTransitions',
			'getClientInstanceUsers',
			'getClientNonInstanceUsers',
			'getClientQueues',
			'getClients', 'getOrders', 'getPermissions', 'getProducts', 'getPropertyDefinitions', 'getQueues', 'getRevisions', 'getRoles', 'getUsers', 'getWebhooks']);
		for (const method of methods) expect(node.methods.loadOptions[method as keyof typeof node.methods.loadOptions]).toBeInstanceOf(Function);
	});
});

describe('tFLOW error text', () => {
	const fakeNode = { id: '1', name: 'tFLOW', type: 'n8n-nodes-print-workflow.tflow', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	test('the error envelope reads as "field: message"', () => {
		expect(formatTflowMessages({ error: true, messages: { ship_date: ['is required'], order_id: ['Order 9 not found', 'Must be an integer'] } })).toBe(
			'ship_date: is required; order_id: Order 9 not found; order_id: Must be an integer',
		);
		expect(formatTflowMessages({ error: true, messages: ['Something failed'] })).toBe('Something failed');
		expect(formatTflowMessages({ error: true, messages: 'Plain text' })).toBe('Plain text');
		expect(formatTflowMessages({ error: 'access_denied', message: 'The access token is missing, invalid or expired' })).toBe(
			'The access token is missing, invalid or expired',
		);
		expect(formatTflowMessages({ error: 'invalid_client', error_description: 'Client authentication failed' })).toBe('Client authentication failed');
		expect(formatTflowMessages('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
		expect(formatTflowMessages(undefined)).toBeUndefined();
	});

	test('a NodeApiError with status, the API message, and the request in the description', () => {
		const error = tflowError(
			fakeNode,
			{ status: 400, headers: {}, body: { error: true, messages: { ship_date: ['is required'] } }, message: '' },
			{ method: 'POST', path: '/job/create', itemIndex: 3 },
		);
		expect(error.message).toBe('tFLOW rejected the request: ship_date: is required');
		expect(error.httpCode).toBe('400');
		expect(error.description).toBe('POST /api/v2/job/create');
		expect(error.context.itemIndex).toBe(3);
	});

	test('a write whose connection broke says its outcome is unknown and that it was not retried', () => {
		const error = tflowError(fakeNode, { headers: {}, body: undefined, code: 'ECONNRESET', message: 'socket hang up' }, { method: 'POST', path: '/order/create' });
		expect(error.message).toBe('The connection to tFLOW broke before its answer arrived (ECONNRESET)');
		expect(error.description).toContain('unknown whether tFLOW processed it');
	});
});
