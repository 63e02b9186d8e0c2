/**
 * The parts of OpenAI's chat-completions API the emulator speaks: message and tool types as they
 * travel, the error shape, and the request checks OpenAI makes explicitly (so a client that n8n
 * drives wrongly fails here as it would against OpenAI).
 */
import { HttpError } from '../common/server';

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	content?: string | null | Array<{ type: string; text?: string }>;
	name?: string;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ToolDefinition {
	type: 'function';
	function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean };
}

export interface JsonSchema {
	type?: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	[key: string]: unknown;
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	stream?: boolean;
	stream_options?: { include_usage?: boolean };
	[key: string]: unknown;
}

/** OpenAI's error envelope: `{ error: { message, type, param, code } }`. */
export function openAiError(status: number, message: string, type = 'invalid_request_error', param: string | null = null, code: string | null = null): HttpError {
	return new HttpError(status, { error: { message, type, param, code } });
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The text of a message's content (a string, or the text parts of a content array). */
export function messageText(message: ChatMessage | undefined): string {
	if (!message || message.content === null || message.content === undefined) return '';
	if (typeof message.content === 'string') return message.content;
	return message.content.map((part) => part.text ?? '').join('');
}

/**
 * Checks a request body as OpenAI does and returns it typed. `issuedToolCallIds` are the ids this
 * emulator gave out: a tool message must answer one of them, and one its conversation asked for.
 */
export function validateCompletionRequest(body: Record<string, unknown>, issuedToolCallIds: Set<string>): ChatCompletionRequest {
	if (typeof body.model !== 'string' || body.model === '') throw openAiError(400, "you must provide a model parameter", 'invalid_request_error', 'model');
	if (!Array.isArray(body.messages) || body.messages.length === 0) {
		throw openAiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1.", 'invalid_request_error', 'messages', 'empty_array');
	}
	const messages = body.messages as ChatMessage[];
	messages.forEach((message, index) => {
		if (!message || !ROLES.has(message.role)) {
			throw openAiError(400, `Invalid value: '${String(message?.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`, 'invalid_request_error', `messages[${index}].role`, 'invalid_value');
		}
	});
	checkToolConversation(messages, issuedToolCallIds);
	if (body.tools !== undefined) checkTools(body.tools);
	return body as unknown as ChatCompletionRequest;
}

function checkTools(tools: unknown) {
	if (!Array.isArray(tools)) throw openAiError(400, "Invalid type for 'tools': expected an array.", 'invalid_request_error', 'tools', 'invalid_type');
	const seen = new Set<string>();
	tools.forEach((tool: ToolDefinition, index) => {
		const name = tool?.function?.name;
		if (tool?.type !== 'function' || typeof name !== 'string') {
			throw openAiError(400, `Missing required parameter: 'tools[${index}].function.name'.`, 'invalid_request_error', `tools[${index}].function.name`, 'missing_required_parameter');
		}
		if (!TOOL_NAME.test(name)) {
			throw openAiError(400, `Invalid 'tools[${index}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'invalid_request_error', `tools[${index}].function.name`, 'invalid_value');
		}
		if (seen.has(name)) throw openAiError(400, `Duplicate tool name: '${name}'.`, 'invalid_request_error', 'tools');
		seen.add(name);
	});
}

/**
 * OpenAI's rules for tool messages: each answers a tool call of the assistant message before it,
 * and every tool call of an assistant message is answered before the conversation goes on.
 */
function checkToolConversation(messages: ChatMessage[], issuedToolCallIds: Set<string>) {
	let open = new Set<string>();
	const closeOrFail = (index: number) => {
		if (open.size > 0) {
			throw openAiError(
				400,
				`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`,
				'invalid_request_error',
				`messages.[${index}].role`,
			);
		}
	};
	messages.forEach((message, index) => {
		if (message.role === 'tool') {
			const id = message.tool_call_id;
			if (typeof id !== 'string' || !open.has(id) || !issuedToolCallIds.has(id)) {
				throw openAiError(400, "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", 'invalid_request_error', `messages.[${index}].role`);
			}
			open.delete(id);
			return;
		}
		closeOrFail(index);
		open = new Set((message.role === 'assistant' ? message.tool_calls ?? [] : []).map((call) => call.id));
	});
	closeOrFail(messages.length);
}
