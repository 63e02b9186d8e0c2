/** Shared set-up of the D2S integration tests: the image server, the lab emulator and the harness. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { D2sWorkflowApi } from '../../../credentials/D2sWorkflowApi.credentials';
import { D2sWorkflow } from '../../../nodes/D2sWorkflow/D2sWorkflow.node';
import type { D2sEmulatorOptions } from '../../../tools/emulators/d2s';
import { createD2sEmulator, DEMO_BASES } from '../../../tools/emulators/d2s';
import { createImageServer } from '../../../tools/emulators/images';
import { NodeHarness } from '../../../tools/harness';

export const MUG = DEMO_BASES[0];
export const CANVAS = DEMO_BASES[1];

/** A secret that is easy to search for in everything the node produced. */
export const SECRET = 'Yay-yShn-2H-d2s-test-secret';

export async function startD2s(options: D2sEmulatorOptions = {}) {
	const images = createImageServer();
	await images.start();
	const d2s = createD2sEmulator({ secret: SECRET, ...options });
	await d2s.start();
	const harness = await new NodeHarness({ nodes: { d2sWorkflow: D2sWorkflow }, credentialTypes: [D2sWorkflowApi] }).init();
	const useCredentials = (overrides: IDataObject = {}) =>
		harness.setCredentials('d2sWorkflowApi', { baseUrl: d2s.baseUrl, labId: d2s.labId, secret: SECRET, ...overrides });
	useCredentials();
	return {
		images,
		d2s,
		harness,
		useCredentials,
		/** Runs the node's order/put with the given parameters over the given input items. */
		async put(parameters: INodeParameters, options: { input?: INodeExecutionData[]; continueOnFail?: boolean } = {}) {
			return await harness.runNode({
				type: 'd2sWorkflow',
				parameters: { resource: 'order', operation: 'put', ...parameters },
				credentials: ['d2sWorkflowApi'],
				input: options.input,
				continueOnFail: options.continueOnFail,
			});
		},
		async stop() {
			await d2s.stop();
			await images.stop();
		},
	};
}

export type D2sTestbed = Awaited<ReturnType<typeof startD2s>>;

/** Fields-mode Units parameter from a compact list of units. */
export function unitsParameter(units: Array<{ base: string; slots: Array<[slot: string, image: string]> }>) {
	return {
		unit: units.map((unit) => ({ base: unit.base, slots: { slot: unit.slots.map(([slot, image]) => ({ slot, image })) } })),
	};
}

/** Everything an error carries (message, description, context, cause, nested errors), as text. */
export function serializeError(error: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (value: unknown, depth: number): unknown => {
		if (value === null || typeof value !== 'object') return typeof value === 'function' ? String(value) : value;
		if (seen.has(value) || depth > 12) return '[seen]';
		seen.add(value);
		if (Buffer.isBuffer(value)) return value.toString('utf8');
		const out: Record<string, unknown> = {};
		const names = new Set<string>([...Object.getOwnPropertyNames(value), ...Object.keys(value)]);
		for (const name of names) out[name] = walk((value as Record<string, unknown>)[name], depth + 1);
		return out;
	};
	return JSON.stringify(walk(error, 0));
}
