/**
 * The model of the sandbox when no test script is set: a few rules instead of a language model.
 * A question that names a job or an order number calls the offered tool that fits (job → a tool
 * named like /job/i, order → /order/i, a "get" tool first) with the number as its first required
 * parameter; once the tool has answered, it sums the result up; anything else gets a plain answer.
 */
import type { JsonSchema, ToolDefinition } from './openai';
import type { ModelView, ScriptTurn, ToolResult } from './script';

const ASKS_FOR = /\b(job|order)\b\D{0,30}?(\d+)/i;
const LISTING = /many|all|list|search|find/i;

export const DEMO_PLAIN_ANSWER =
	'I am the model emulator in demo mode. Ask me about a tFLOW job or a papilio order by its number, e.g. "What is the status of job 2?"';

export function demoTurn(view: ModelView): ScriptTurn {
	if (view.newToolResults.length > 0) return { answer: summarize(view.newToolResults) };
	const asked = ASKS_FOR.exec(view.lastUserText);
	const tool = asked ? pickTool(view.tools, asked[1].toLowerCase() as 'job' | 'order') : undefined;
	if (!asked || !tool) return { answer: DEMO_PLAIN_ANSWER };
	const parameter = firstParameter(tool.function.parameters);
	const number = asked[2];
	const args = parameter ? { [parameter.name]: isNumeric(parameter.schema) ? Number(number) : number } : {};
	return { toolCalls: [{ name: tool.function.name, arguments: args }] };
}

function pickTool(tools: ToolDefinition[], subject: 'job' | 'order'): ToolDefinition | undefined {
	const about = tools.filter((tool) => new RegExp(subject, 'i').test(tool.function.name));
	const score = (tool: ToolDefinition) => {
		const name = tool.function.name;
		return (/get/i.test(name) ? 2 : 0) + (LISTING.test(name) ? -1 : 0);
	};
	return [...about].sort((a, b) => score(b) - score(a))[0];
}

function firstParameter(parameters: JsonSchema | undefined): { name: string; schema: JsonSchema } | undefined {
	const properties = parameters?.properties ?? {};
	const name = parameters?.required?.[0] ?? Object.keys(properties)[0];
	return name === undefined ? undefined : { name, schema: properties[name] ?? {} };
}

function isNumeric(schema: JsonSchema): boolean {
	const types = Array.isArray(schema.type) ? schema.type : [schema.type];
	return types.includes('number') || types.includes('integer');
}

function summarize(results: ToolResult[]): string {
	return results.map((result) => `${result.name} returned: ${describe(result.content)}`).join('\n');
}

/** A short line from a tool's text: the first object's scalar fields, or the text itself. */
function describe(content: string): string {
	let value: unknown;
	try {
		value = JSON.parse(content);
	} catch {
		return truncate(content);
	}
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first !== 'object' || first === null) return truncate(content);
	const fields = Object.entries(first as Record<string, unknown>)
		.filter(([, field]) => ['string', 'number', 'boolean'].includes(typeof field) && String(field) !== '')
		.slice(0, 8)
		.map(([key, field]) => `${key}: ${String(field)}`);
	const more = Array.isArray(value) && value.length > 1 ? ` (and ${value.length - 1} more)` : '';
	return fields.length > 0 ? `${fields.join(', ')}${more}` : truncate(content);
}

function truncate(text: string, max = 300) {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
