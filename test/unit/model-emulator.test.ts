/**
 * The scripted model emulator as an OpenAI client meets it: the API key, the request checks OpenAI
 * makes (tool messages answer issued tool calls), scripted turns built from the tool results,
 * streaming, the demo mode the sandbox runs, and the shared fault injection.
 */
import { createModelEmulator, DEMO_API_KEY, DEMO_PLAIN_ANSWER, type ModelEmulator } from '../../tools/emulators/model';

let model: ModelEmulator;

beforeAll(async () => {
	model = createModelEmulator();
	await model.start();
});

afterAll(async () => {
	await model.stop();
});

beforeEach(() => model.reset());

const TOOLS = [
	{
		type: 'function',
		function: {
			name: 'Get_a_job_in_tFLOW',
			description: 'Get a job in tFLOW',
			parameters: { type: 'object', properties: { Job: { type: 'string', description: 'The job id' } }, required: ['Job'] },
		},
	},
	{ type: 'function', function: { name: 'Get_many_jobs_in_tFLOW', description: 'List jobs', parameters: { type: 'object', properties: { Limit: { type: 'number' } }, required: ['Limit'] } } },
	{ type: 'function', function: { name: 'Get_an_order_in_papilio', description: 'Get an order', parameters: { type: 'object', properties: { Order_ID: { type: 'number' } }, required: ['Order_ID'] } } },
];

async function post(body: unknown, key = DEMO_API_KEY, path = '/v1/chat/completions') {
	const response = await fetch(`${model.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

const ask = (question: string, more: object[] = []) => ({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'You help.' }, { role: 'user', content: question }, ...more], tools: TOOLS });

describe('model emulator: the OpenAI API surface', () => {
	test('the base URL ends in /v1 and GET /v1/models lists models for a valid key', async () => {
		expect(model.baseUrl).toBe(`${model.url}/v1`);
		const response = await fetch(`${model.baseUrl}/models`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { object: string; data: Array<{ id: string; object: string }> };
		expect(body.object).toBe('list');
		expect(body.data.map((entry) => entry.id)).toContain('gpt-4o-mini');
	});

	test('a wrong or missing API key gets 401 in OpenAI error shape, without echoing the key', async () => {
		const wrong = await post(ask('hi'), 'sk-wrong-secret-value');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
		expect(wrong.text).not.toContain('sk-wrong-secret-value');
		const missing = await fetch(`${model.baseUrl}/models`);
		expect(missing.status).toBe(401);
		expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/didn't provide an API key/);
		expect(model.completionLog).toHaveLength(0);
	});

	test('the Responses API is refused with a message that says how to configure the node', async () => {
		const response = await post({ model: 'gpt-4o-mini', input: 'hi' }, DEMO_API_KEY, '/v1/responses');
		expect(response.status).toBe(404);
		expect(response.body.error.message).toMatch(/chat completions only/);
	});

	test('requests OpenAI refuses are refused: no model, no messages, bad tool names, unknown roles', async () => {
		expect((await post({ messages: [{ role: 'user', content: 'x' }] })).body.error.param).toBe('model');
		expect((await post({ model: 'm', messages: [] })).body.error.code).toBe('empty_array');
		const badName = await post({ model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'has space' } }] });
		expect(badName.status).toBe(400);
		expect(badName.body.error.param).toBe('tools[0].function.name');
		expect((await post({ model: 'm', messages: [{ role: 'robot', content: 'x' }] })).body.error.code).toBe('invalid_value');
	});
});

describe('model emulator: scripted turns', () => {
	test('tool calls, then an answer built from the tool results it was sent; every request is recorded with its tools', async () => {
		model.setScript([
			{ toolCalls: [{ name: 'Get_a_job_in_tFLOW', arguments: { Job: '2' } }] },
			{ answer: (view) => `Job state: ${JSON.parse(view.newToolResults[0].content).state} (asked ${view.newToolResults[0].name} for ${String(view.newToolResults[0].arguments.Job)})` },
		]);
		const first = await post(ask('Where is job 2?'));
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null } }] });
		const call = first.body.choices[0].message.tool_calls[0];
		expect(call).toMatchObject({ type: 'function', function: { name: 'Get_a_job_in_tFLOW' } });
		expect(JSON.parse(call.function.arguments)).toEqual({ Job: '2' });

		const second = await post(ask('Where is job 2?', [first.body.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"id":2,"state":"to_review"}' }]));
		expect(second.status).toBe(200);
		expect(second.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'Job state: to_review (asked Get_a_job_in_tFLOW for 2)' } });
		expect(model.turnsLeft).toBe(0);

		expect(model.completions()).toHaveLength(2);
		expect(model.completions()[0].tools).toEqual(TOOLS);
		expect(model.requests('POST', '/v1/chat/completions')).toHaveLength(2);

		const exhausted = await post(ask('again'));
		expect(exhausted.status).toBe(400);
		expect(exhausted.body.error.code).toBe('script_exhausted');
	});

	test('a tool message must answer a tool call the model issued, and every issued call must be answered', async () => {
		model.setScript([{ toolCalls: [{ name: 'Get_a_job_in_tFLOW', arguments: { Job: '1' } }, { name: 'Get_an_order_in_papilio', arguments: { Order_ID: 7 } }] }, { answer: 'done' }]);
		const first = await post(ask('job 1 and order 7'));
		const message = first.body.choices[0].message;
		const [jobCall, orderCall] = message.tool_calls;

		const invented = await post(ask('x', [{ role: 'assistant', content: null, tool_calls: [{ ...jobCall, id: 'call_invented' }] }, { role: 'tool', tool_call_id: 'call_invented', content: '{}' }]));
		expect(invented.status).toBe(400);
		expect(invented.body.error.message).toMatch(/must be a response to a preceeding message with 'tool_calls'/);

		const orphan = await post(ask('x', [{ role: 'tool', tool_call_id: jobCall.id, content: '{}' }]));
		expect(orphan.status).toBe(400);

		const halfAnswered = await post(ask('x', [message, { role: 'tool', tool_call_id: jobCall.id, content: '{}' }]));
		expect(halfAnswered.status).toBe(400);
		expect(halfAnswered.body.error.message).toContain(orderCall.id);

		// None of the refused requests used up a turn.
		const answered = await post(ask('x', [message, { role: 'tool', tool_call_id: jobCall.id, content: '{}' }, { role: 'tool', tool_call_id: orderCall.id, content: '{}' }]));
		expect(answered.body.choices[0].message.content).toBe('done');
	});

	test('the answers to one turn\'s calls are the new tool results, also when n8n sends each call as its own assistant message', async () => {
		model.setScript([
			{ toolCalls: [{ name: 'Get_a_job_in_tFLOW', arguments: { Job: '1' } }, { name: 'Get_a_job_in_tFLOW', arguments: { Job: '2' } }] },
			{ answer: (view) => view.newToolResults.map((result) => `${String(result.arguments.Job)}=${result.content}`).join(' ') },
			{ answer: (view) => `new: ${view.newToolResults.length}, all: ${view.toolResults.length}` },
		]);
		const first = await post(ask('jobs 1 and 2'));
		const [one, two] = first.body.choices[0].message.tool_calls;
		// n8n 2.41.1's AI Agent: one assistant message per call, each followed by its result.
		const split = [
			{ role: 'assistant', content: [], tool_calls: [one] },
			{ role: 'tool', tool_call_id: one.id, content: 'A' },
			{ role: 'assistant', content: [], tool_calls: [two] },
			{ role: 'tool', tool_call_id: two.id, content: 'B' },
		];
		const second = await post(ask('jobs 1 and 2', split));
		expect(second.body.choices[0].message.content).toBe('1=A 2=B');
		const third = await post(ask('jobs 1 and 2', [...split, second.body.choices[0].message, { role: 'user', content: 'and?' }]));
		expect(third.body.choices[0].message.content).toBe('new: 0, all: 2');
		expect(model.completionLog.map((completion) => completion.newToolResults.length)).toEqual([0, 2, 0]);
	});

	test('a script that calls a tool the request does not offer fails loudly', async () => {
		model.setScript([{ toolCalls: [{ name: 'Delete_everything', arguments: {} }] }]);
		const response = await post(ask('x'));
		expect(response.status).toBe(400);
		expect(response.body.error.message).toMatch(/"Delete_everything", which the request does not offer \(offered: Get_a_job_in_tFLOW, /);
	});

	test('stream: true answers server-sent events that join to the same tool calls and answer', async () => {
		model.setScript([{ toolCalls: [{ name: 'Get_a_job_in_tFLOW', arguments: { Job: '3' } }] }, { answer: 'Job 3 is printing.' }]);
		const events = (text: string) =>
			text
				.split('\n\n')
				.filter(Boolean)
				.map((event) => event.replace(/^data: /, ''));
		const first = await post({ ...ask('job 3'), stream: true, stream_options: { include_usage: true } });
		expect(first.status).toBe(200);
		const firstEvents = events(first.text);
		expect(firstEvents.at(-1)).toBe('[DONE]');
		const chunks = firstEvents.slice(0, -1).map((event) => JSON.parse(event));
		expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
		const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice: { delta: Record<string, any> }) => choice.delta));
		const callId = deltas.find((delta) => delta.tool_calls?.[0]?.id).tool_calls[0].id;
		const args = deltas.map((delta) => delta.tool_calls?.[0]?.function?.arguments ?? '').join('');
		expect(JSON.parse(args)).toEqual({ Job: '3' });
		expect(chunks.flatMap((chunk) => chunk.choices.map((choice: { finish_reason: string | null }) => choice.finish_reason)).filter(Boolean)).toEqual(['tool_calls']);
		expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0);

		const second = await post({
			...ask('job 3', [{ role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'Get_a_job_in_tFLOW', arguments: args } }] }, { role: 'tool', tool_call_id: callId, content: '{}' }]),
			stream: true,
		});
		const text = events(second.text)
			.slice(0, -1)
			.map((event) => JSON.parse(event).choices[0].delta.content ?? '')
			.join('');
		expect(text).toBe('Job 3 is printing.');
	});

	test('the control route takes a JSON script whose answer quotes the tool results', async () => {
		await fetch(`${model.url}/__control/script`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ turns: [{ toolCalls: [{ name: 'Get_an_order_in_papilio', arguments: { Order_ID: 51038 } }] }, { answer: 'Order: {{toolResults}}' }] }),
		});
		const first = await post(ask('order 51038'));
		const message = first.body.choices[0].message;
		const second = await post(ask('order 51038', [message, { role: 'tool', tool_call_id: message.tool_calls[0].id, content: '{"title":"Flyer"}' }]));
		expect(second.body.choices[0].message.content).toBe('Order: {"title":"Flyer"}');
	});
});

describe('model emulator: demo mode (no script)', () => {
	test('a question naming a job calls the "get" job tool with the number, then sums up the result', async () => {
		const first = await post(ask('What is the status of job 2?'));
		const call = first.body.choices[0].message.tool_calls[0];
		expect(call.function.name).toBe('Get_a_job_in_tFLOW');
		expect(JSON.parse(call.function.arguments)).toEqual({ Job: '2' });
		const second = await post(ask('What is the status of job 2?', [first.body.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '[{"id":2,"name":"Flyer A5","current_state_name":"to_review","props":{}}]' }]));
		expect(second.body.choices[0].message.content).toBe('Get_a_job_in_tFLOW returned: id: 2, name: Flyer A5, current_state_name: to_review');
	});

	test('an order number fills a numeric parameter with a number; other questions get a plain answer', async () => {
		const order = await post(ask('Where is order 51038 in prepress?'));
		const call = order.body.choices[0].message.tool_calls[0];
		expect(call.function.name).toBe('Get_an_order_in_papilio');
		expect(JSON.parse(call.function.arguments)).toEqual({ Order_ID: 51038 });
		const plain = await post(ask('Hello, who are you?'));
		expect(plain.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: DEMO_PLAIN_ANSWER } });
		expect(model.completionLog.map((completion) => completion.mode)).toEqual(['demo', 'demo']);
	});
});

describe('model emulator: faults', () => {
	test('the shared fault mechanism answers an injected error once, then the model answers again', async () => {
		model.setScript([{ answer: 'fine' }]);
		model.addFault({ kind: 'status', path: '^/v1/chat/completions$', status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
		const limited = await post(ask('x'));
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('rate_limit_exceeded');
		const fine = await post(ask('x'));
		expect(fine.body.choices[0].message.content).toBe('fine');
		expect(model.requests('POST', '/v1/chat/completions').map((entry) => entry.fault ?? 'none')).toEqual(['status', 'none']);
	});
});
