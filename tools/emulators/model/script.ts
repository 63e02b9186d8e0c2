/**
 * What a test tells the model to do: an ordered list of turns, one per chat-completions request.
 * A turn either calls tools (name + arguments) or gives the final answer; arguments and answers
 * may be functions of what the model was sent (`ModelView`), e.g. an answer that quotes the tool
 * results, so a test can prove the data went from the tools through n8n to the model.
 */
import { messageText, type ChatCompletionRequest, type ChatMessage, type ToolDefinition } from './openai';

export interface ToolResult {
	toolCallId: string;
	/** The name of the tool the call was made to (from the assistant message that issued it). */
	name: string;
	/** The arguments the model gave, parsed. */
	arguments: Record<string, unknown>;
	/** The tool message's text as n8n sent it. */
	content: string;
}

/** A request as the model sees it. */
export interface ModelView {
	request: ChatCompletionRequest;
	messages: ChatMessage[];
	tools: ToolDefinition[];
	/** The text of the last user message. */
	lastUserText: string;
	/** Every tool result in the conversation, oldest first. */
	toolResults: ToolResult[];
	/**
	 * Tool results the model had not been sent before: the answers to the previous turn's calls. (n8n
	 * sends the calls of one turn back as one assistant message per call, each followed by its result.)
	 */
	newToolResults: ToolResult[];
	/** The index of the turn being answered (0-based). */
	turn: number;
}

export interface ScriptedToolCall {
	/** The tool's name as n8n offers it. */
	name: string;
	arguments: Record<string, unknown> | ((view: ModelView) => Record<string, unknown>);
}

export type ScriptTurn =
	| { toolCalls: ScriptedToolCall[]; content?: string }
	| { answer: string | ((view: ModelView) => string) };

/** A turn as the control route takes it (JSON): `{{toolResults}}` in an answer becomes the new tool results' text. */
export type JsonScriptTurn = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { answer: string };

/** The request as the model sees it; `sentBefore` holds the tool call ids whose results earlier requests carried. */
export function viewOf(request: ChatCompletionRequest, turn: number, sentBefore: ReadonlySet<string> = new Set()): ModelView {
	const messages = request.messages;
	const calls = new Map<string, { name: string; arguments: Record<string, unknown> }>();
	const toolResults: ToolResult[] = [];
	messages.forEach((message) => {
		if (message.role === 'assistant') {
			for (const call of message.tool_calls ?? []) calls.set(call.id, { name: call.function.name, arguments: parseArguments(call.function.arguments) });
		}
		if (message.role === 'tool' && message.tool_call_id) {
			const call = calls.get(message.tool_call_id);
			toolResults.push({ toolCallId: message.tool_call_id, name: call?.name ?? '', arguments: call?.arguments ?? {}, content: messageText(message) });
		}
	});
	const lastUser = [...messages].reverse().find((message) => message.role === 'user');
	return {
		request,
		messages,
		tools: request.tools ?? [],
		lastUserText: messageText(lastUser),
		toolResults,
		newToolResults: toolResults.filter((result) => !sentBefore.has(result.toolCallId)),
		turn,
	};
}

function parseArguments(text: string): Record<string, unknown> {
	try {
		const parsed = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? parsed : {};
	} catch {
		return {};
	}
}

export function fromJsonTurn(turn: JsonScriptTurn): ScriptTurn {
	if ('answer' in turn) {
		const template = String(turn.answer);
		return { answer: (view) => template.split('{{toolResults}}').join(view.newToolResults.map((result) => result.content).join('\n')) };
	}
	return { toolCalls: turn.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments ?? {} })) };
}
