/** How D2S answers become errors: status code first, then the 400 `type`; never the secret. */
import type { INode } from 'n8n-workflow';

import { d2sBaseUrl } from '../../credentials/D2sWorkflowApi.credentials';
import { connectionError, d2sError, renderProblems, saysLabUnknown } from '../../nodes/D2sWorkflow/transport';

const node: INode = { id: 'n', name: 'D2S Workflow', type: 'n8n-nodes-print-workflow.d2sWorkflow', typeVersion: 1, position: [0, 0], parameters: {} };
const secret = 'unit-test-secret-value';
const target = { url: 'https://workflow.d2s.hefest.eu/api/v1/lab-7', labId: 'lab-7', secret };
const context = { itemIndex: 3, target, details: { orderReference: 'Order #9' } };

describe('renderProblems', () => {
	test('flattens nested objects and arrays into one line per problem', () => {
		expect(
			renderProblems({
				order: 'missing',
				user: { email: 'should be an e-mail address' },
				units: [{ payload: [{ image: 'not a URL' }, { slot: ['too long', 'unknown'] }] }],
			}),
		).toEqual(['order: missing', 'user.email: should be an e-mail address', 'units[0].payload[0].image: not a URL', 'units[0].payload[1].slot: too long; unknown']);
	});

	test('keeps non-string leaves and plain strings readable', () => {
		expect(renderProblems({ 'confirm?': false, count: 3, note: null })).toEqual(['confirm?: false', 'count: 3', 'note: null']);
		expect(renderProblems('the whole body is wrong')).toEqual(['the whole body is wrong']);
		expect(renderProblems({ units: {} })).toEqual(['units: (no details)']);
	});
});

describe('d2sError', () => {
	test.each([
		[
			{ message: 'bad', type: 'invalid-by-spec', problems: { units: 'should be a non-empty array' } },
			'invalid-by-spec: the lab rejected the order data (units: should be a non-empty array)',
			{ type: 'invalid-by-spec', problems: { units: 'should be a non-empty array' }, apiMessage: 'bad' },
		],
		[
			{ message: 'Failed to download image', type: 'download-error', url: 'https://img.example/a.jpg' },
			'download-error: the lab could not download https://img.example/a.jpg',
			{ type: 'download-error', url: 'https://img.example/a.jpg' },
		],
		[{ message: 'Incorrect base ID', type: 'wrong-base-id', id: 'abc' }, 'wrong-base-id: the lab does not know the base unit ID "abc"', { type: 'wrong-base-id', id: 'abc' }],
		[{ message: 'No such slot', type: 'slot-not-found' }, 'slot-not-found: a slot name does not exist for its base unit (No such slot)', { type: 'slot-not-found' }],
		[{ message: 'Quota exceeded', type: 'quota' }, 'quota: Quota exceeded', { type: 'quota' }],
	])('400 %j', (body, message, details) => {
		const error = d2sError(node, { status: 400, body }, context);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(message);
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.details).toMatchObject({ ...details, orderReference: 'Order #9' });
	});

	test('the type decides, whatever the message says', () => {
		const error = d2sError(node, { status: 400, body: { message: 'wrong-base-id', type: 'download-error', url: 'http://x/y.png' } }, context);
		expect(error.message).toBe('download-error: the lab could not download http://x/y.png');
	});

	test('a 400 without a type, a 401, a 404, a 500 and an unexpected status', () => {
		expect(d2sError(node, { status: 400, body: 'Bad Request' }, context).message).toBe('D2S Workflow rejected the request (HTTP 400)');
		const unauthorized = d2sError(node, { status: 401, body: { message: 'Invalid API key' } }, context);
		expect(unauthorized.message).toBe('D2S Workflow did not accept the secret (401 Unauthorized)');
		expect(unauthorized.description).toBe('Check the Secret and the Lab ID in the D2S Workflow credential. D2S said: "Invalid API key".');
		const crash = d2sError(node, { status: 500, body: '<h1>Internal Server Error</h1>' }, context);
		expect(crash.message).toBe('D2S server error, please report it');
		expect(crash.description).toContain('Response: <h1>Internal Server Error</h1>');
		expect(crash.context.details).toMatchObject({ responseBody: '<h1>Internal Server Error</h1>' });
		expect(d2sError(node, { status: 409, body: { message: 'Busy' } }, context).message).toBe('D2S Workflow rejected the request (HTTP 409): Busy');
	});

	test('a 404 says what the lab said, and blames the Lab ID only when the lab says it is unknown (issue 22 §5)', () => {
		const lab = d2sError(node, { status: 404, body: { message: 'Lab not found' } }, context);
		expect(lab.message).toBe('D2S Workflow does not know the lab "lab-7" (404 Not Found): Lab not found');
		expect(lab.description).toContain('Check the Lab ID and the Base URL');
		const order = d2sError(node, { status: 404, body: { message: 'No order with the reference "lab-1"' } }, context);
		expect(order.message).toBe('D2S Workflow answered 404 Not Found: No order with the reference "lab-1"');
		expect(order.description).not.toContain('Lab ID');
		expect(order.context.details).toMatchObject({ apiMessage: 'No order with the reference "lab-1"' });
		const path = d2sError(node, { status: 404, body: { error: 'not_found', path: '/api/v1/lab-7/x' } }, context);
		expect(path.message).toBe('D2S Workflow answered 404 Not Found: not_found');
		const silent = d2sError(node, { status: 404, body: '<html>Not Found</html>' }, context);
		expect(silent.message).toBe('D2S Workflow answered 404 Not Found without saying what was not found');
		expect(silent.description).toBe('Response: <html>Not Found</html>. If every call answers this, check the Base URL (it ends with /api/v1) and the Lab ID in the D2S Workflow credential.');
	});

	test.each([
		['Lab not found', true],
		['The lab "x" does not exist', true],
		['Unknown lab', true],
		['No order with the reference "lab-1"', false],
		['Order lab-1 not found', false],
		['No such path: /lab/orders', false],
		[undefined, false],
	])('saysLabUnknown(%j) is %s', (message, expected) => {
		expect(saysLabUnknown(message)).toBe(expected);
	});

	test('a secret echoed by the lab is removed from message, description and details', () => {
		const error = d2sError(node, { status: 400, body: { message: `secret ${secret} is odd`, type: 'invalid-by-spec', problems: { secret: `${secret} not allowed` } } }, context);
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, messages: error.messages });
		expect(everything).not.toContain(secret);
		expect(error.message).toContain('secret: *** not allowed');
	});
});

describe('connectionError', () => {
	const failure = (code: string, message = code) => ({ code, message, headers: {}, body: undefined });

	test('refused: never reached the lab, so nothing was created', () => {
		const error = connectionError(node, failure('ECONNREFUSED'), { ...context, attempts: 2 });
		expect(error.message).toBe('Could not connect to D2S Workflow at https://workflow.d2s.hefest.eu/api/v1/lab-7');
		expect(error.description).toContain('on all 2 tries, so the order never reached the lab and none was created');
	});

	test('timeout and reset: the order may exist', () => {
		const timeout = connectionError(node, failure('ECONNABORTED', 'timeout of 5000ms exceeded'), { ...context, timeoutMs: 5000, attempts: 1 });
		expect(timeout.message).toBe('D2S Workflow did not answer within 5 seconds');
		expect(timeout.description).toContain('The lab may have created the order');
		const reset = connectionError(node, failure('ECONNRESET'), { ...context, attempts: 1 });
		expect(reset.message).toBe('The connection to D2S Workflow broke before its answer arrived');
		expect(reset.description).toContain('(ECONNRESET) after the order was sent');
	});
});

test('d2sBaseUrl trims slashes and a lab id pasted into the Base URL', () => {
	expect(d2sBaseUrl(' https://workflow.d2s.hefest.eu/api/v1/ ', 'lab-7')).toBe('https://workflow.d2s.hefest.eu/api/v1');
	expect(d2sBaseUrl('https://workflow.d2s.hefest.eu/api/v1/lab-7/', 'lab-7')).toBe('https://workflow.d2s.hefest.eu/api/v1');
	expect(d2sBaseUrl('http://127.0.0.1:8080/api/v1', '')).toBe('http://127.0.0.1:8080/api/v1');
});
