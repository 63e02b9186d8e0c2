/**
 * The tarball check (scripts/check-pack.sh) on made-up file lists: a complete package passes and
 * each kind of mistake is reported by name.
 */
import { findPackProblems, type N8nManifest } from '../../scripts/lib/pack-contents';

const manifest: N8nManifest = {
	n8n: {
		credentials: ['dist/credentials/TflowApi.credentials.js'],
		nodes: ['dist/nodes/Tflow/Tflow.node.js'],
	},
};

const sources: Record<string, string> = {
	'dist/credentials/TflowApi.credentials.js':
		"icon = { light: 'file:../nodes/Tflow/tflow.svg', dark: 'file:../nodes/Tflow/tflow.dark.svg' };",
	'dist/nodes/Tflow/Tflow.node.js': `icon: { light: "file:tflow.svg", dark: "file:tflow.dark.svg" },`,
};

const complete = [
	'package.json',
	'README.md',
	'LICENSE.md',
	'dist/credentials/TflowApi.credentials.js',
	'dist/credentials/TflowApi.credentials.d.ts',
	'dist/nodes/Tflow/Tflow.node.js',
	'dist/nodes/Tflow/Tflow.node.json',
	'dist/nodes/Tflow/tflow.svg',
	'dist/nodes/Tflow/tflow.dark.svg',
];

const check = (files: string[]) => findPackProblems(files, manifest, (path) => sources[path] ?? '');
const without = (path: string) => complete.filter((file) => file !== path);

describe('tarball contents check', () => {
	it('accepts the compiled package with its codex, icons and documents', () => {
		expect(check(complete)).toEqual([]);
	});

	it('reports a source map', () => {
		expect(check([...complete, 'dist/nodes/Tflow/Tflow.node.js.map'])).toEqual([
			'source map in the package: dist/nodes/Tflow/Tflow.node.js.map',
		]);
	});

	it('reports tests, tools, emulators and TypeScript sources, even inside dist/nodes', () => {
		expect(
			check([
				...complete,
				'dist/nodes/Tflow/Tflow.node.test.js',
				'dist/nodes/test/emulators/tflow.js',
				'dist/nodes/tools/harness/index.js',
				'dist/nodes/Tflow/transport.ts',
			]),
		).toEqual([
			'test file in the package: dist/nodes/Tflow/Tflow.node.test.js',
			'tooling folder in the package: dist/nodes/test/emulators/tflow.js',
			'tooling folder in the package: dist/nodes/tools/harness/index.js',
			'TypeScript source in the package: dist/nodes/Tflow/transport.ts',
		]);
	});

	it('reports files outside dist/nodes and dist/credentials', () => {
		expect(check([...complete, 'dist/docs/images/sandbox-editor.png', 'test/unit/x.test.ts'])).toEqual([
			'unexpected file in the package: dist/docs/images/sandbox-editor.png',
			'unexpected file in the package: test/unit/x.test.ts',
			'TypeScript source in the package: test/unit/x.test.ts',
			'test file in the package: test/unit/x.test.ts',
			'tooling folder in the package: test/unit/x.test.ts',
		]);
	});

	it('reports an entry of the n8n block that was not packed', () => {
		expect(check(without('dist/nodes/Tflow/Tflow.node.js'))).toEqual([
			'missing from the package: dist/nodes/Tflow/Tflow.node.js (named in package.json "n8n")',
		]);
	});

	it('reports a missing codex file', () => {
		expect(check(without('dist/nodes/Tflow/Tflow.node.json'))).toEqual([
			'missing codex: dist/nodes/Tflow/Tflow.node.json',
		]);
	});

	it('reports an icon a node or credential names but the package lacks, resolved from its folder', () => {
		expect(check(without('dist/nodes/Tflow/tflow.dark.svg'))).toEqual([
			'missing icon: dist/nodes/Tflow/tflow.dark.svg (named by dist/credentials/TflowApi.credentials.js)',
			'missing icon: dist/nodes/Tflow/tflow.dark.svg (named by dist/nodes/Tflow/Tflow.node.js)',
		]);
	});

	it('reports a package without its README', () => {
		expect(check(without('README.md'))).toEqual(['README.md is not in the package']);
	});
});
