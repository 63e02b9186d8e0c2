/**
 * Checks what `npm pack` would publish (rules in scripts/lib/pack-contents.ts) and prints its size.
 * Run after the build: scripts/check-pack.sh.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { findPackProblems, type N8nManifest } from './lib/pack-contents';

interface PackReport {
	files: Array<{ path: string }>;
	entryCount: number;
	size: number;
	unpackedSize: number;
}

const [report] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
) as PackReport[];
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as N8nManifest;
const problems = findPackProblems(
	report.files.map((file) => file.path),
	manifest,
	(path) => readFileSync(path, 'utf8'),
);

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
if (problems.length > 0) {
	for (const problem of problems) console.log(problem);
	process.exit(1);
}
console.log(
	`package contents: ${report.entryCount} files, ${kB(report.size)} packed, ${kB(report.unpackedSize)} unpacked; ` +
		'every n8n entry, codex and icon present; no tests, emulators or source maps',
);
