/**
 * What the published tarball may and must contain. Pure: scripts/check-pack.ts feeds it the file
 * list of `npm pack --dry-run` and the unit test feeds it made-up lists, so each rule is seen failing.
 */
import { posix } from 'node:path';

export interface N8nManifest {
	n8n: { nodes: string[]; credentials: string[] };
}

/** Only the compiled product and the three documents npm always packs. */
const allowedTopLevel = /^(package\.json|README\.md|LICENSE(\.md)?)$/;
const allowedBuildOutput = /^dist\/(nodes|credentials)\//;

/** Things that must never ship even inside dist/. */
const forbidden: Array<[RegExp, string]> = [
	[/\.map$/, 'source map'],
	[/(?<!\.d)\.ts$/, 'TypeScript source'],
	[/\.(test|spec)\.[cm]?[jt]s$/, 'test file'],
	[/(^|\/)(test|tests|__tests__|tools|emulators|harness|bench|scripts)\//, 'tooling folder'],
];

/** `icon: 'file:x.svg'` in a compiled node or credential names a file beside it. */
const iconReference = /["']file:([^"']+)["']/g;

export function findPackProblems(
	files: string[],
	manifest: N8nManifest,
	readPackedFile: (path: string) => string,
): string[] {
	const problems: string[] = [];
	const packed = new Set(files);

	for (const file of files) {
		if (!allowedTopLevel.test(file) && !allowedBuildOutput.test(file)) {
			problems.push(`unexpected file in the package: ${file}`);
		}
		for (const [pattern, what] of forbidden) {
			if (pattern.test(file)) problems.push(`${what} in the package: ${file}`);
		}
	}
	if (!packed.has('package.json')) problems.push('package.json is not in the package');
	if (!packed.has('README.md')) problems.push('README.md is not in the package');

	for (const entry of [...manifest.n8n.credentials, ...manifest.n8n.nodes]) {
		if (!packed.has(entry)) {
			problems.push(`missing from the package: ${entry} (named in package.json "n8n")`);
			continue;
		}
		if (entry.endsWith('.node.js')) {
			const codex = entry.replace(/\.js$/, '.json');
			if (!packed.has(codex)) problems.push(`missing codex: ${codex}`);
		}
		for (const [, icon] of readPackedFile(entry).matchAll(iconReference)) {
			const iconPath = posix.normalize(posix.join(posix.dirname(entry), icon));
			if (!packed.has(iconPath)) problems.push(`missing icon: ${iconPath} (named by ${entry})`);
		}
	}
	return problems;
}
