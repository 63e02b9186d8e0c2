/**
 * Shared pieces of the reliability suite: recognisable secrets, the tFLOW and D2S test beds with
 * those secrets, an n8n logger that records everything at debug level, and helpers to read what
 * the emulators received.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import type { BinaryMode } from '../../harness';
import { serializeError } from '../d2s/setup';
import { startTflow } from '../tflow/setup';

export { serializeError };

/** Secrets that are easy to search for in everything the nodes produce. */
export const TFLOW_CLIENT_SECRET = 'tflowSecret-RELIABILITY-7f3a9c';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A tFLOW emulator and harness whose credential uses TFLOW_CLIENT_SECRET. */
export async function startTflowBed(binaryMode: BinaryMode = 'default') {
	const bed = await startTflow({ binaryMode, emulator: { clientSecret: TFLOW_CLIENT_SECRET } });
	const reset = bed.reset.bind(bed);
	bed.reset = async (credentials = {}) => await reset({ clientSecret: TFLOW_CLIENT_SECRET, ...credentials });
	await bed.reset();
	return bed;
}

/** A resource locator in "By ID" mode whose value comes from the input item's `value` field. */
export const idFromItem = { __rl: true, mode: 'id', value: '={{ $json.value }}' };

/** One input item per value, each carrying it as `value` (read by expressions). */
export const itemsWithValues = (...values: unknown[]): INodeExecutionData[] => values.map((value) => ({ json: { value } as never }));

export interface LogRecord {
	level: string;
	message: string;
	meta?: unknown;
}

/**
 * Records everything n8n logs (LoggerProxy and the DI Logger the node contexts use) at every level,
 * debug included, as text that can be searched for secrets.
 */
export function recordN8nLogs() {
	const records: LogRecord[] = [];
	const record =
		(level: string) =>
		(message: string, meta?: unknown) =>
			records.push({ level, message: String(message), meta });
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		verbose: record('verbose'),
		scoped: () => logger,
	};
	LoggerProxy.init(logger as never);
	Container.set(Logger, logger as unknown as Logger);
	return {
		records,
		text: () => records.map((entry) => `${entry.level} ${entry.message} ${serializeError(entry.meta)}`).join('\n'),
	};
}
