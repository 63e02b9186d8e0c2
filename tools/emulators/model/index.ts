/**
 * A scripted OpenAI-compatible chat model for n8n's OpenAI Chat Model node (credential base URL =
 * `baseUrl`, ending in /v1): `POST /v1/chat/completions` (plain JSON or SSE with `stream: true`) and
 * `GET /v1/models`, with the Bearer API key checked (401 in OpenAI's error shape otherwise).
 *
 * Each request answers the next turn of the script a test set (`setScript`); without a script it
 * runs the rule-based demo mode (demo.ts). Requests are checked as OpenAI checks them (openai.ts):
 * e.g. a tool message must answer a tool call this model issued. Every request is in the shared
 * request log; `completions()` gives them parsed, with the tool definitions n8n sent.
 *
 * Control routes (besides the shared /__control/log, faults, latency):
 *   POST /__control/script {turns: JsonScriptTurn[]}   DELETE /__control/script (back to demo mode)
 *   GET /__control/completions (what each request sent and what the model answered)
 */
import { randomUUID } from 'node:crypto';

import { EmulatorServer, HttpError } from '../common/server';
import type { EmulatorOptions, EmulatorResponse } from '../common/server';
import { demoTurn } from './demo';
import { openAiError, validateCompletionRequest, type ChatCompletionRequest, type ToolCall } from './openai';
import { fromJsonTurn, viewOf, type JsonScriptTurn, type ModelView, type ScriptTurn, type ToolResult } from './script';

export type { ModelView, ScriptTurn, ToolResult, JsonScriptTurn } from './script';
export type { ChatCompletionRequest, ChatMessage, ToolDefinition, JsonSchema } from './openai';
export { openAiError } from './openai';
export { viewOf } from './script';
export { DEMO_PLAIN_ANSWER } from './demo';

export const DEMO_API_KEY = 'sk-model-emulator-demo-key';
export const MODEL_IDS = ['gpt-4o-mini', 'gpt-4.1-mini', 'model-emulator'];

export interface ModelEmulatorOptions extends EmulatorOptions {
	/** The API key the Bearer header must carry. */
	apiKey?: string;
}

/** One answered chat-completions request: what the model was sent and what it answered. */
export interface Completion {
	request: ChatCompletionRequest;
	/** Which turn of the script answered it (demo mode counts too). */
	turn: number;
	mode: 'script' | 'demo';
	answer: { content: string | null; toolCalls: ToolCall[] };
	/** The tool results of the request, and those the model had not been sent before. */
	toolResults: ToolResult[];
	newToolResults: ToolResult[];
}

export class ModelEmulator extends EmulatorServer {
	/** The key the Bearer header must carry; a test may change it to see a wrong key refused. */
	apiKey: string;

	/** Every answered completion, in order. */
	readonly completionLog: Completion[] = [];

	private script?: ScriptTurn[];

	private nextTurn = 0;

	private readonly issuedToolCallIds = new Set<string>();

	/** Tool calls whose results an earlier request carried. */
	private readonly sentToolResultIds = new Set<string>();

	constructor(options: ModelEmulatorOptions = {}) {
		super('model', options);
		this.apiKey = options.apiKey ?? DEMO_API_KEY;
		this.route('GET', '/v1/models', (req, res) => {
			this.authorize(req.headers.authorization);
			res.json(200, { object: 'list', data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'model-emulator' })) });
		});
		this.route('GET', '/v1/models/:model', (req, res) => {
			this.authorize(req.headers.authorization);
			if (!MODEL_IDS.includes(req.params.model)) throw openAiError(404, `The model '${req.params.model}' does not exist`, 'invalid_request_error', 'model', 'model_not_found');
			res.json(200, { id: req.params.model, object: 'model', created: 1_700_000_000, owned_by: 'model-emulator' });
		});
		this.route('POST', '/v1/chat/completions', (req, res) => {
			this.authorize(req.headers.authorization);
			this.complete(validateCompletionRequest(req.body, this.issuedToolCallIds), res);
		});
		this.route('POST', '/v1/responses', (req) => {
			this.authorize(req.headers.authorization);
			throw openAiError(404, 'The model emulator speaks chat completions only: use the OpenAI Chat Model node with "Use Responses API" off (node version 1.2).', 'invalid_request_error', null, 'unknown_url');
		});
		this.route('POST', '/__control/script', (req, res) => {
			const turns = (Array.isArray(req.body) ? req.body : req.body.turns) as JsonScriptTurn[];
			this.setScript(turns.map(fromJsonTurn));
			res.json(200, { turns: turns.length });
		});
		this.route('DELETE', '/__control/script', (_req, res) => {
			this.setScript(undefined);
			res.json(200, { mode: 'demo' });
		});
		this.route('GET', '/__control/completions', (_req, res) => res.json(200, this.completionLog));
	}

	/** The credential's Base URL. */
	get baseUrl() {
		return `${this.url}/v1`;
	}

	/** Scripted turns, answered one per request from the first; `undefined` switches to demo mode. */
	setScript(script: ScriptTurn[] | undefined) {
		this.script = script;
		this.nextTurn = 0;
	}

	/** How many turns of the script are still unanswered (0 in demo mode). */
	get turnsLeft() {
		return this.script ? this.script.length - this.nextTurn : 0;
	}

	/** The chat-completions requests as sent (parsed bodies), oldest first. */
	completions(): ChatCompletionRequest[] {
		return this.completionLog.map((completion) => completion.request);
	}

	/** Forgets requests, faults and the script (demo mode again). */
	reset() {
		this.clearLog();
		this.faults.length = 0;
		this.completionLog.length = 0;
		this.issuedToolCallIds.clear();
		this.sentToolResultIds.clear();
		this.setScript(undefined);
	}

	private authorize(header: string | string[] | undefined) {
		const match = /^Bearer (.+)$/.exec(String(header ?? ''));
		if (!match) {
			throw openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error');
		}
		// OpenAI shows the key masked; the emulator does not show it at all.
		if (match[1] !== this.apiKey) throw openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');
	}

	private complete(request: ChatCompletionRequest, res: EmulatorResponse) {
		const turnIndex = this.script ? this.nextTurn : this.completionLog.length;
		const view = viewOf(request, turnIndex, this.sentToolResultIds);
		const turn = this.script ? this.script[this.nextTurn] : demoTurn(view);
		if (!turn) {
			throw openAiError(400, `model emulator: the script has ${this.script!.length} turns and all were answered; this is request ${this.nextTurn + 1}`, 'invalid_request_error', null, 'script_exhausted');
		}
		const answer = this.answerOf(turn, view);
		if (this.script) this.nextTurn += 1;
		for (const result of view.toolResults) this.sentToolResultIds.add(result.toolCallId);
		this.completionLog.push({ request, turn: turnIndex, mode: this.script ? 'script' : 'demo', answer, toolResults: view.toolResults, newToolResults: view.newToolResults });
		const id = `chatcmpl-emu-${randomUUID()}`;
		if (request.stream) this.sendStream(res, id, request, answer);
		else res.json(200, completionBody(id, request.model, answer));
	}

	private answerOf(turn: ScriptTurn, view: ModelView): Completion['answer'] {
		if ('answer' in turn) return { content: typeof turn.answer === 'function' ? turn.answer(view) : turn.answer, toolCalls: [] };
		const offered = view.tools.map((tool) => tool.function.name);
		const toolCalls = turn.toolCalls.map((call): ToolCall => {
			if (!offered.includes(call.name)) {
				throw openAiError(400, `model emulator: turn ${view.turn + 1} calls the tool "${call.name}", which the request does not offer (offered: ${offered.join(', ') || 'none'})`, 'invalid_request_error', 'tools', 'script_tool_not_offered');
			}
			const id = `call_emu_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
			this.issuedToolCallIds.add(id);
			const args = typeof call.arguments === 'function' ? call.arguments(view) : call.arguments;
			return { id, type: 'function', function: { name: call.name, arguments: JSON.stringify(args) } };
		});
		return { content: 'content' in turn ? turn.content ?? null : null, toolCalls };
	}

	/** Server-sent events as OpenAI streams them: role, content or tool calls, finish reason, [DONE]. */
	private sendStream(res: EmulatorResponse, id: string, request: ChatCompletionRequest, answer: Completion['answer']) {
		const created = Math.floor(Date.now() / 1000);
		const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) =>
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, system_fingerprint: 'fp_emulator', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`;
		const events = [chunk({ role: 'assistant', content: answer.toolCalls.length > 0 ? answer.content : '', refusal: null })];
		if (answer.toolCalls.length > 0) {
			answer.toolCalls.forEach((call, index) => events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] })));
			answer.toolCalls.forEach((call, index) => events.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] })));
		} else {
			// Two pieces, so a client that joins the deltas wrongly shows it.
			const text = answer.content ?? '';
			const half = Math.ceil(text.length / 2);
			for (const piece of [text.slice(0, half), text.slice(half)]) if (piece) events.push(chunk({ content: piece }));
		}
		events.push(chunk({}, answer.toolCalls.length > 0 ? 'tool_calls' : 'stop'));
		if (request.stream_options?.include_usage) {
			events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage: usage(request, answer) })}\n\n`);
		}
		events.push('data: [DONE]\n\n');
		res.header('Cache-Control', 'no-cache');
		res.send(200, Buffer.from(events.join('')), 'text/event-stream; charset=utf-8');
	}
}

function completionBody(id: string, model: string, answer: Completion['answer']) {
	const message: Record<string, unknown> = { role: 'assistant', content: answer.content, refusal: null };
	if (answer.toolCalls.length > 0) message.tool_calls = answer.toolCalls;
	return {
		id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		system_fingerprint: 'fp_emulator',
		choices: [{ index: 0, message, logprobs: null, finish_reason: answer.toolCalls.length > 0 ? 'tool_calls' : 'stop' }],
		usage: usage(undefined, answer),
	};
}

/** Rough token counts (4 characters a token): n8n shows them, nothing bills them. */
function usage(request: ChatCompletionRequest | undefined, answer: Completion['answer']) {
	const completion = Math.ceil(((answer.content ?? '').length + JSON.stringify(answer.toolCalls).length) / 4);
	const prompt = request ? Math.ceil(JSON.stringify(request.messages).length / 4) : 1;
	return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function createModelEmulator(options: ModelEmulatorOptions = {}): ModelEmulator {
	return new ModelEmulator(options);
}

export { HttpError };
