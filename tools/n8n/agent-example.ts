/**
 * Example 06 (an AI Agent with the tFLOW and papilio tools) against the emulators: what one run
 * must show. The sandbox's `--check` and the e2e suite both run the example and read the problems
 * from here, so "example 06 works" means the same in both places.
 */
import type { IRun } from 'n8n-workflow';

import type { LogEntry } from '../emulators/common/server';
import type { WorkflowFixture } from './instance';
import { nodeOutput } from './instance';
import type { Emulators } from './world';

export const AGENT_EXAMPLE = '06-agent-answers-about-orders-and-jobs';
export const AGENT_EXAMPLE_TRIGGER = "When clicking 'Execute workflow'";

/** What the example's two questions ask about (its *Questions* node) and the tool each needs. */
export const AGENT_EXAMPLE_LOOKUPS = {
	job: { id: 3, tool: 'Get_tFLOW_Job', parameter: 'Job', path: '/api/v2/job/3' },
	order: { id: 51038, tool: 'Get_papilio_Order', parameter: 'Order', path: '/api/v1/order/51038' },
} as const;

/** The questions the example asks, as written in its *Questions* node. */
export function agentExampleQuestions(workflow: WorkflowFixture): string[] {
	const questions = workflow.nodes.find((node) => node.name === 'Questions') as { parameters: { assignments: { assignments: Array<{ value: string }> } } } | undefined;
	return JSON.parse(questions?.parameters.assignments.assignments[0]?.value ?? '[]') as string[];
}

/** Forgets earlier requests, so the next run's requests can be told apart. */
export function clearAgentExampleLogs(emulators: Emulators) {
	emulators.tflow.server.clearLog();
	emulators.papilio.server.clearLog();
	emulators.model.reset();
}

/**
 * What is wrong with a finished run of example 06 (nothing: an empty list). One question names job 3,
 * the other order 51038: the model must have been offered both tools with a described ID parameter,
 * called each once with that ID, the tFLOW and papilio emulators must have answered exactly those
 * reads, and each answer must carry what the emulator holds (the job's name and state, the order's title).
 */
export function agentExampleProblems(run: Pick<IRun, 'data'>, emulators: Emulators): string[] {
	const problems: string[] = [];
	const { job, order } = AGENT_EXAMPLE_LOOKUPS;

	const offered = emulators.model.completions()[0]?.tools ?? [];
	for (const lookup of [job, order]) {
		const tool = offered.find((candidate) => candidate.function.name === lookup.tool);
		const parameter = tool?.function.parameters?.properties?.[lookup.parameter];
		if (!tool) problems.push(`the model was not offered the tool ${lookup.tool} (offered: ${offered.map((one) => one.function.name).join(', ') || 'none'})`);
		else if (!parameter?.description) problems.push(`${lookup.tool}: its parameter ${lookup.parameter} has no description for the model`);
	}

	// Sorted: the agent may run its two items in any order.
	const calls = emulators.model.completionLog.flatMap((completion) => completion.answer.toolCalls.map((call) => `${call.function.name} ${call.function.arguments}`)).sort();
	const expectedCalls = [job, order].map((lookup) => `${lookup.tool} ${JSON.stringify({ [lookup.parameter]: String(lookup.id) })}`).sort();
	if (JSON.stringify(calls) !== JSON.stringify(expectedCalls)) problems.push(`the model called ${JSON.stringify(calls)}, expected ${JSON.stringify(expectedCalls)}`);

	// A 401 (a stored token that expired, retried after a new login) is the credential's business, not the example's.
	const answered = (requests: LogEntry[]) => requests.filter((entry) => entry.status !== 401).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
	const tflowReads = answered(emulators.tflow.server.requests(undefined, /^\/api\/v2\//));
	if (JSON.stringify(tflowReads) !== JSON.stringify([`GET ${job.path} 200`])) problems.push(`tFLOW received ${JSON.stringify(tflowReads)}, expected one GET ${job.path}`);
	const papilioReads = answered(emulators.papilio.server.requests(undefined, /^\/api\/v1\//));
	if (JSON.stringify(papilioReads) !== JSON.stringify([`GET ${order.path} 200`])) problems.push(`papilio received ${JSON.stringify(papilioReads)}, expected one GET ${order.path}`);

	let answers: string[] = [];
	try {
		answers = nodeOutput(run, 'AI Agent').map((item) => String(item.output ?? ''));
	} catch (error) {
		problems.push((error as Error).message);
		return problems;
	}
	const storedJob = emulators.tflow.state.jobs.get(job.id);
	const storedOrder = emulators.papilio.state.orders.find((candidate) => candidate.id === order.id);
	const expectedFacts = [
		[String(storedJob?.name), String(storedJob?.current_state_name)],
		[String(storedOrder?.title)],
	];
	if (answers.length !== expectedFacts.length) problems.push(`the AI Agent gave ${answers.length} answers, expected ${expectedFacts.length}: ${JSON.stringify(answers)}`);
	expectedFacts.forEach((facts, index) => {
		const missing = facts.filter((fact) => !answers[index]?.includes(fact));
		if (missing.length) problems.push(`answer ${index + 1} lacks ${JSON.stringify(missing)}: ${JSON.stringify(answers[index])}`);
	});
	return problems;
}
