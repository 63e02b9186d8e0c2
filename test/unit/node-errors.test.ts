/** What leaves a node after a catch: always a NodeApiError or NodeOperationError, never the request's secrets. */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, withReadRetries } from '../../nodes/shared/http';

const node: INode = { id: 'n', name: 'tFLOW', type: 'n8n-nodes-print-workflow.tflow', typeVersion: 1, position: [0, 0], parameters: {} };
const secret = 'Bearer unit-test-access-token';

describe('asNodeError', () => {
	test('the transports\' errors pass unchanged', () => {
		const api = new NodeApiError(node, { message: 'Not found in tFLOW' }, { message: 'Not found in tFLOW', httpCode: '404' });
		const operation = new NodeOperationError(node, 'Job ID: is required (item 0)');
		expect(asNodeError(node, api)).toBe(api);
		expect(asNodeError(node, operation)).toBe(operation);
	});

	test('a raw HTTP client error becomes a NodeApiError with its message and status, without its request', () => {
		const raw = Object.assign(new Error('Request failed with status code 502'), {
			response: { status: 502, headers: {}, data: 'bad gateway' },
			config: { headers: { Authorization: secret } },
		});
		const error = asNodeError(node, raw, [secret]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Request failed with status code 502');
		expect((error as NodeApiError).httpCode).toBe('502');
		expect(JSON.stringify({ ...error, context: error.context, description: error.description })).not.toContain('unit-test-access-token');
	});
});

describe('withReadRetries', () => {
	const policy = { retries: 2, baseDelayMs: 1, maxDelayMs: 1 };

	/** A read that always fails with the status; records its attempts and what explain was told. */
	function alwaysFailing(status: number) {
		const seen = { attempts: 0, explained: [] as Array<number | undefined> };
		const run = withReadRetries(
			async () => {
				seen.attempts++;
				throw Object.assign(new Error(`HTTP ${status}`), { response: { status, headers: {}, data: {} } });
			},
			async (_error, after) => {
				seen.explained.push(after);
				return new NodeApiError(node, { message: 'failed' }, { message: after ? `gave up after ${after} attempts` : 'not retried', httpCode: String(status) });
			},
			policy,
		);
		return { run, seen };
	}

	test('a failure that is not retried leaves as the error explain builds, after one attempt', async () => {
		const { run, seen } = alwaysFailing(404);
		await expect(run).rejects.toMatchObject({ name: 'NodeApiError', message: 'not retried', httpCode: '404' });
		expect(seen).toEqual({ attempts: 1, explained: [undefined] });
	});

	test('transient failures are retried, and when the retries run out explain learns the number of attempts', async () => {
		const { run, seen } = alwaysFailing(503);
		await expect(run).rejects.toMatchObject({ name: 'NodeApiError', message: 'gave up after 3 attempts', httpCode: '503' });
		expect(seen).toEqual({ attempts: 3, explained: [3] });
	});
});
