/**
 * The install path users take: Settings → Community Nodes → Install downloads the package from an
 * npm registry. Here the registry is a private Verdaccio on 127.0.0.1 (no uplinks) that the packed
 * package is published to; n8n is pointed at it with N8N_COMMUNITY_PACKAGES_REGISTRY and driven
 * through the REST endpoints the Community Nodes screen calls: install, update to a patch release,
 * uninstall. In between, a workflow with the tFLOW node runs against the tFLOW emulator.
 *
 * Runs on the newest n8n only (REGISTRY_N8N_VERSION; scripts/e2e.sh leaves it out elsewhere).
 *
 * A registry other than registry.npmjs.org is a licensed n8n feature
 * (feat:communityNodes:customRegistry). n8n's own test mode (E2E_TESTS=true) lets a test switch
 * that one licence flag on; everything else is the code path of an unlicensed instance.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ensureRuntime, killAll, N8nInstance, nodeOutput, packedTarball, type WorkflowFixture } from '../../tools/n8n/instance';
import { LocalRegistry, REGISTRY_N8N_VERSION, repackWithVersion } from './lib/registry';
import { CREDENTIALS, credentialFixtures, loadFixtures, startEmulators, stopEmulators, type Emulators } from '../../tools/n8n/world';

const version = process.env.E2E_N8N_VERSION ?? REGISTRY_N8N_VERSION;
const PACKAGE = 'n8n-nodes-print-workflow';
/** Node and credential type names as in DESIGN.md and package.json's n8n block. */
const NODE_TYPES = ['tflow', 'tflowTrigger', 'papilio', 'papilioTrigger', 'd2sWorkflow'].map((name) => `${PACKAGE}.${name}`);
const CREDENTIAL_TYPES = ['tflowApi', 'papilioApi', 'papilioOAuth2Api', 'd2sWorkflowApi'];

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	failedLoading?: boolean;
	installedNodes: Array<{ name: string; type: string; latestVersion: number }>;
}

const tempDir = mkdtempSync(path.join(tmpdir(), `n8n-nodes-print-workflow-registry-e2e-${version}-`));
const userFolder = path.join(tempDir, 'user');
const installedDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);

let registry: LocalRegistry;
let n8n: N8nInstance;
let emulators: Emulators;
let tarball = '';
let workflowId = '';

function installedManifest() {
	return JSON.parse(readFileSync(path.join(installedDir, 'package.json'), 'utf8')) as Record<string, any>;
}

async function ourNodeTypes() {
	// n8n adds an AI-tool variant `<name>Tool` of every node marked usableAsTool.
	return (await n8n.nodeTypes()).map((type) => type.name).filter((name) => name.startsWith(`${PACKAGE}.`) && !name.endsWith('Tool'));
}

async function ourCredentialTypes() {
	return (await n8n.credentialTypes()).map((type) => type.name).filter((name) => CREDENTIAL_TYPES.includes(name));
}

/** Registry requests made from `since` on (an index into registry.requests()). */
function registryRequestsSince(since: number) {
	return registry.requests().slice(since).filter((request) => request.url !== '/-/ping');
}

/** Runs the workflow as the editor's "Execute workflow" does; returns the finished execution. */
async function runWorkflow() {
	const execution = await n8n.waitForExecution(await n8n.runManually(workflowId, 'Start'));
	expect(execution.status).toBe('success');
	return execution;
}

beforeAll(async () => {
	const runtime = ensureRuntime(version);
	tarball = packedTarball();
	registry = new LocalRegistry({ pidFile: process.env.E2E_PID_FILE });
	await registry.start();
	await registry.addPublisher();
	await registry.publish(tarball);
	emulators = await startEmulators();
	n8n = await new N8nInstance({
		runtime,
		userFolder,
		pidFile: process.env.E2E_PID_FILE,
		env: {
			N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			E2E_TESTS: 'true',
			// npm as n8n runs it: this registry (also for `npm outdated`, which n8n runs without
			// --registry), an empty user config and a cache of its own.
			...registry.npmEnv(),
		},
	}).init();
	await n8n.start(180_000);
	await n8n.setupOwner();
	const licence = await fetch(`${n8n.baseUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
	});
	if (!licence.ok) throw new Error(`enabling the custom registry failed: ${licence.status} ${await licence.text()}`);
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	killAll();
	await registry?.stop();
	await stopEmulators(emulators);
	if (process.env.E2E_KEEP === '1') console.log(`e2e: n8n user folder kept in ${userFolder}`);
	else rmSync(tempDir, { recursive: true, force: true });
}, 60_000);

describe(`n8n ${version}: install, update and uninstall from a registry, as in Settings → Community Nodes`, () => {
	test('before the install, n8n knows none of the nodes or credentials', async () => {
		expect(await n8n.rest('GET', '/rest/community-packages')).toEqual([]);
		expect(await ourNodeTypes()).toEqual([]);
		expect(await ourCredentialTypes()).toEqual([]);
	});

	test('Install downloads the published package, and only it, from the registry', async () => {
		const published = await registry.packument(PACKAGE);
		const firstVersion = versionOfTarball(tarball);
		expect(published['dist-tags'].latest).toBe(firstVersion);
		const since = registry.requests().length;

		const installed = await n8n.rest<InstalledPackage>('POST', '/rest/community-packages', { name: PACKAGE });

		expect(installed.packageName).toBe(PACKAGE);
		expect(installed.installedVersion).toBe(firstVersion);
		expect(installed.installedNodes.map((node) => node.type).sort()).toEqual([...NODE_TYPES].sort());
		// n8n asked the registry for this package's metadata and its tarball, and for nothing else:
		// no peer dependency (n8n-workflow), no other package.
		const requests = registryRequestsSince(since);
		expect(requests.map((request) => request.url)).toContain(`/${PACKAGE}/-/${PACKAGE}-${firstVersion}.tgz`);
		for (const request of requests) {
			expect(request.method).toBe('GET');
			expect(request.url.startsWith(`/${PACKAGE}`)).toBe(true);
		}
		// On disk: the published files, without dependencies of any kind.
		expect(installedManifest().version).toBe(firstVersion);
		expect(existsSync(path.join(installedDir, 'node_modules'))).toBe(false);
		expect(existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	test('the five nodes and four credentials are there, and the package is listed as loaded', async () => {
		expect((await ourNodeTypes()).sort()).toEqual([...NODE_TYPES].sort());
		expect((await ourCredentialTypes()).sort()).toEqual([...CREDENTIAL_TYPES].sort());
		const listed = await n8n.rest<InstalledPackage[]>('GET', '/rest/community-packages');
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({ packageName: PACKAGE, installedVersion: versionOfTarball(tarball), failedLoading: false });
		expect(listed[0].updateAvailable).toBeUndefined();
		expect(n8n.serverLog).not.toMatch(/Cannot find module|Error loading package|Failed to load/i);
	});

	test('a workflow with the tFLOW node, created in the editor, runs against tFLOW', async () => {
		const { tflow } = emulators;
		const tflowFixture = credentialFixtures(emulators).find((credential) => credential.type === CREDENTIALS.tflow.type)!;
		const credential = await n8n.rest<{ id: string }>('POST', '/rest/credentials', {
			name: tflowFixture.name,
			type: tflowFixture.type,
			data: tflowFixture.data,
		});
		const fixture: WorkflowFixture = loadFixtures()['tflow-token'];
		const nodes = fixture.nodes.map((node) =>
			node.credentials ? { ...node, credentials: { tflowApi: { id: credential.id, name: tflowFixture.name } } } : node,
		);
		const workflow = await n8n.rest<{ id: string }>('POST', '/rest/workflows', {
			name: 'Read a tFLOW job (installed from the registry)',
			nodes,
			connections: fixture.connections,
			settings: fixture.settings,
			active: false,
		});
		workflowId = workflow.id;
		tflow.server.clearLog();

		const execution = await runWorkflow();

		const tokenCalls = tflow.server.requests('POST', '/oauth/access_token');
		expect(tokenCalls).toHaveLength(1);
		expect(tokenCalls[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: tflow.clientId });
		const reads = tflow.server.requests('GET', '/api/v2/job/2');
		expect(reads).toHaveLength(1);
		expect(String(reads[0].headers.authorization)).toMatch(/^Bearer \S+$/);
		const job = tflow.state.jobs.get(2)!;
		expect(nodeOutput(execution, 'Get Job')[0]).toMatchObject({ id: 2, name: job.name });
	});

	test('a patch release shows up as an update; Update installs it and the nodes keep working', async () => {
		const firstVersion = versionOfTarball(tarball);
		const patchVersion = bumpPatch(firstVersion);
		const patchTarball = await repackWithVersion(tarball, patchVersion, tempDir);
		await registry.publish(patchTarball);
		expect((await registry.packument(PACKAGE))['dist-tags'].latest).toBe(patchVersion);

		// The Community Nodes list offers the update (n8n asks npm which packages are outdated).
		const listed = await n8n.rest<InstalledPackage[]>('GET', '/rest/community-packages');
		expect(listed[0]).toMatchObject({ installedVersion: firstVersion, updateAvailable: patchVersion });

		const since = registry.requests().length;
		const updated = await n8n.rest<InstalledPackage>('PATCH', '/rest/community-packages', { name: PACKAGE });

		expect(updated).toMatchObject({ packageName: PACKAGE, installedVersion: patchVersion });
		expect(updated.installedNodes.map((node) => node.type).sort()).toEqual([...NODE_TYPES].sort());
		expect(registryRequestsSince(since).map((request) => request.url)).toContain(`/${PACKAGE}/-/${PACKAGE}-${patchVersion}.tgz`);
		expect(installedManifest().version).toBe(patchVersion);
		const after = await n8n.rest<InstalledPackage[]>('GET', '/rest/community-packages');
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ installedVersion: patchVersion, failedLoading: false });
		expect(after[0].updateAvailable).toBeUndefined();
		expect((await ourNodeTypes()).sort()).toEqual([...NODE_TYPES].sort());

		emulators.tflow.server.clearLog();
		const execution = await runWorkflow();
		expect(emulators.tflow.server.requests('GET', '/api/v2/job/2')).toHaveLength(1);
		expect(nodeOutput(execution, 'Get Job')[0]).toMatchObject({ id: 2 });
	});

	test('Uninstall removes the package, its nodes and its credential types', async () => {
		await n8n.rest('DELETE', `/rest/community-packages?name=${encodeURIComponent(PACKAGE)}`);

		expect(await n8n.rest('GET', '/rest/community-packages')).toEqual([]);
		expect(await ourNodeTypes()).toEqual([]);
		expect(await ourCredentialTypes()).toEqual([]);
		expect(existsSync(installedDir)).toBe(false);
		const ledger = JSON.parse(readFileSync(path.join(userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
		expect(ledger.dependencies ?? {}).toEqual({});
	});
});

/** The version inside a packed tarball's name (`<name>-<version>.tgz`). */
function versionOfTarball(file: string) {
	const match = new RegExp(`^${PACKAGE}-(.+)\\.tgz$`).exec(path.basename(file));
	if (!match) throw new Error(`not a tarball of ${PACKAGE}: ${file}`);
	return match[1];
}

function bumpPatch(semver: string) {
	const [major, minor, patch] = semver.split(/[.-]/).map(Number);
	return `${major}.${minor}.${patch + 1}`;
}
