/**
 * The folder roles of docs/layout.md, checked on the source: helpers/ stay pure, actions/ and
 * methods/ do not reach into trigger/, and the tooling outside test/ (tools/, bench/, scripts/)
 * never imports from test/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SYSTEMS = ['Tflow', 'Papilio', 'D2sWorkflow'];

function tsFiles(folder: string): string[] {
	const absolute = path.join(ROOT, folder);
	let entries: string[];
	try {
		entries = readdirSync(absolute);
	} catch {
		return [];
	}
	return entries.flatMap((entry) => {
		const relative = path.join(folder, entry);
		if (statSync(path.join(ROOT, relative)).isDirectory()) return tsFiles(relative);
		return entry.endsWith('.ts') ? [relative] : [];
	});
}

/** Repository-relative paths of the modules a file imports with a relative specifier. */
function relativeImports(file: string): string[] {
	const source = readFileSync(path.join(ROOT, file), 'utf8');
	const specifiers = [...source.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)'(\.{1,2}\/[^']*)'/g)].map((match) => match[1]);
	return specifiers.map((specifier) => path.join(path.dirname(file), specifier));
}

/** `file → module` for every import of `files` that `isForbidden` refuses. */
function forbiddenImports(files: string[], isForbidden: (module: string) => boolean): string[] {
	return files.flatMap((file) => relativeImports(file).filter(isForbidden).map((module) => `${file} → ${module}`));
}

describe('code layout (docs/layout.md)', () => {
	const helpers = SYSTEMS.flatMap((system) => tsFiles(`nodes/${system}/helpers`));

	it('finds the helpers of all three systems', () => {
		for (const system of SYSTEMS) expect(helpers.some((file) => file.startsWith(`nodes/${system}/`))).toBe(true);
	});

	it('keeps helpers/ free of requests: no helper imports a transport', () => {
		expect(forbiddenImports(helpers, (module) => /^nodes\/[^/]+\/transport$/.test(module))).toEqual([]);
	});

	it('keeps helpers/ free of the execution context: no helper function takes `this` or a `context`', () => {
		const offenders = helpers.filter((file) =>
			/function\s*\w*\s*(<[^>]*>)?\(\s*(this|context)\s*:/.test(readFileSync(path.join(ROOT, file), 'utf8')),
		);
		expect(offenders).toEqual([]);
	});

	it('keeps trigger internals to the trigger: actions/, methods/ and helpers/ import nothing from trigger/', () => {
		const files = SYSTEMS.flatMap((system) => ['actions', 'methods', 'helpers'].flatMap((folder) => tsFiles(`nodes/${system}/${folder}`)));
		expect(forbiddenImports(files, (module) => /^nodes\/[^/]+\/trigger\//.test(module))).toEqual([]);
	});

	it('keeps the tooling outside test/ independent of it: tools/, bench/ and scripts/ import nothing from test/', () => {
		const files = ['tools', 'bench', 'scripts'].flatMap(tsFiles);
		expect(files.length).toBeGreaterThan(0);
		expect(forbiddenImports(files, (module) => module === 'test' || module.startsWith('test/'))).toEqual([]);
	});
});
