/**
 * n8n's own HTTP Request node (n8n-nodes-base, from the n8n 2.8.4 runtime that scripts/n8n-runtime.sh
 * installs), loaded into NodeHarness so it runs through the same n8n-core as this package's nodes.
 *
 * n8n-nodes-base must use the harness's n8n-workflow / n8n-core instances (the same 2.8.x
 * versions), so their requires from inside the runtime are resolved from this repository. The
 * harness names nodes `n8n-nodes-print-workflow.<name>`, and n8n-core lets only
 * `n8n-nodes-base.httpRequest` use any credential type, so the node's description lists the
 * credential types benchmarked instead: a permission check only, the request code is unchanged.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

import type { INodeType, INodeTypeBaseDescription } from 'n8n-workflow';

import { N8N_LINES } from '../../tools/n8n/versions';

import { REPO_ROOT } from './emulators';

// The Node 20 line: its n8n-nodes-base matches the harness's n8n-core 2.8 (devDependencies).
const RUNTIME_VERSION = N8N_LINES.node20.n8n;
const SHARED_MODULES = new Set(['n8n-workflow', 'n8n-core', '@n8n/di']);

type Resolver = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;

/** The runtime's node_modules, installed by scripts/n8n-runtime.sh (minutes, once) when missing. */
function runtimeModules(): string {
	const envFile = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/n8n-runtime.sh'), RUNTIME_VERSION], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	return path.join(path.dirname(envFile), 'node_modules');
}

/**
 * A node class for NodeHarness that is n8n's HTTP Request node (version 4.2), allowed to use the
 * given credential types. Throws with the reason when the runtime is not there.
 */
export function loadHttpRequestNode(credentialTypes: string[]): { version: string; type: new () => INodeType } {
	const modules = runtimeModules();
	const nodeFile = path.join(modules, 'n8n-nodes-base/dist/nodes/HttpRequest/V3/HttpRequestV3.node.js');
	if (!existsSync(nodeFile)) throw new Error(`${nodeFile} is missing`);
	const version = JSON.parse(readFileSync(path.join(modules, 'n8n-nodes-base/package.json'), 'utf8')).version as string;
	const moduleInternals = Module as unknown as { _resolveFilename: Resolver };
	const resolve = moduleInternals._resolveFilename;
	moduleInternals._resolveFilename = function (request, parent, ...rest) {
		const fromRuntime = parent?.filename?.startsWith(modules) === true;
		return resolve.call(this, request, fromRuntime && SHARED_MODULES.has(request) ? module : parent, ...rest);
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequestV3 } = require(nodeFile) as { HttpRequestV3: new (base: INodeTypeBaseDescription) => INodeType };
	const base = { displayName: 'HTTP Request', name: 'httpRequest', group: ['output'], description: '', defaultVersion: 4.2 } as INodeTypeBaseDescription;
	class HttpRequestNode {
		constructor() {
			const node = new HttpRequestV3(base);
			node.description = { ...node.description, credentials: credentialTypes.map((name) => ({ name, required: false })) };
			return node;
		}
	}
	return { version, type: HttpRequestNode as unknown as new () => INodeType };
}
