/**
 * Assembles README.md from named sections in docs/, in a fixed order. Each section is a Markdown file
 * that also reads well on its own on GitHub, so its links are relative to docs/; here they are
 * rewritten to work from the repository root (a link to another included section becomes an anchor).
 *
 *   npm run readme                            write README.md
 *   npx tsx scripts/build-readme.ts --check   fail if README.md is not what this script writes, is longer
 *                                             than MAX_LINES, or a relative link in it or in docs/ is broken
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const docsDir = 'docs';
const readmePath = path.join(root, 'README.md');
const MAX_LINES = 420;

/** The README, top to bottom. The first section's top heading stays `#`; the others start at `##`. */
const SECTIONS = [
	'README.head.md',
	'install.md',
	'credentials.md',
	'nodes.md',
	'examples.md',
	'ai-tools.md',
	'sandbox.md',
	'troubleshooting.md',
	'compatibility.md',
	'development.md',
];
const TRAILER = '## License\n\n[MIT](LICENSE.md)\n';

const FENCE = /^(```|~~~)/;
const HEADING = /^(#{1,6}) (.*)$/;
const LINK = /(!?\[[^\]]*\]\()([^)\s]+)(\))/g;

interface Line {
	text: string;
	inCode: boolean;
}

function linesOf(markdown: string): Line[] {
	let inCode = false;
	return markdown.split('\n').map((text) => {
		if (FENCE.test(text)) {
			inCode = !inCode;
			return { text, inCode: true };
		}
		return { text, inCode };
	});
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of linesOf(markdown)) {
		const heading = !line.inCode && HEADING.exec(line.text);
		if (!heading) continue;
		const slug = heading[2]
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

function firstAnchor(markdown: string): string {
	const [first] = anchorsOf(markdown);
	if (!first) throw new Error('a README section must start with a heading');
	return first;
}

function isExternal(target: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

function read(relativePath: string): string {
	return readFileSync(path.join(root, relativePath), 'utf8');
}

/** Moves every heading so that the section's highest heading has the given level. */
function setTopLevel(markdown: string, level: number): string {
	const lines = linesOf(markdown);
	const levels = lines.flatMap((line) => {
		const heading = !line.inCode && HEADING.exec(line.text);
		return heading ? [heading[1].length] : [];
	});
	const shift = level - Math.min(...levels);
	return lines
		.map((line) => {
			const heading = !line.inCode && HEADING.exec(line.text);
			if (!heading) return line.text;
			const hashes = Math.max(1, Math.min(6, heading[1].length + shift));
			return `${'#'.repeat(hashes)} ${heading[2]}`;
		})
		.join('\n');
}

function rewriteLinks(markdown: string, sectionAnchors: Map<string, string>): string {
	return linesOf(markdown)
		.map((line) =>
			line.inCode
				? line.text
				: line.text.replace(LINK, (whole, open: string, target: string, close: string) => {
						if (isExternal(target) || target.startsWith('#')) return whole;
						const [file, anchor] = target.split('#', 2);
						const fromRoot = path.posix.normalize(path.posix.join(docsDir, file));
						const included = sectionAnchors.get(fromRoot);
						if (included) return `${open}#${anchor ?? included}${close}`;
						return `${open}${fromRoot}${anchor ? `#${anchor}` : ''}${close}`;
					}),
		)
		.join('\n');
}

function buildReadme(): string {
	const sections = SECTIONS.map((name, index) => {
		const text = setTopLevel(read(path.posix.join(docsDir, name)).trim(), index === 0 ? 1 : 2);
		return { path: path.posix.join(docsDir, name), text };
	});
	const sectionAnchors = new Map(sections.map((section) => [section.path, firstAnchor(section.text)]));
	const parts = sections.map((section) => rewriteLinks(section.text, sectionAnchors));
	return [...parts, TRAILER.trim()].join('\n\n') + '\n';
}

/** Broken relative links of a Markdown file: a missing file, or an anchor its target does not have. */
function brokenLinks(relativePath: string, markdown: string): string[] {
	const broken: string[] = [];
	const baseDir = path.posix.dirname(relativePath);
	for (const line of linesOf(markdown)) {
		if (line.inCode) continue;
		for (const match of line.text.matchAll(LINK)) {
			const target = match[2];
			if (isExternal(target)) continue;
			const [file, anchor] = target.split('#', 2);
			const targetPath = file ? path.posix.normalize(path.posix.join(baseDir, file)) : relativePath;
			if (!existsSync(path.join(root, targetPath))) {
				broken.push(`${relativePath}: ${target} (no file ${targetPath})`);
				continue;
			}
			const targetText = targetPath === relativePath ? markdown : targetPath.endsWith('.md') ? read(targetPath) : '';
			if (anchor && !anchorsOf(targetText).has(anchor)) {
				broken.push(`${relativePath}: ${target} (no heading #${anchor} in ${targetPath})`);
			}
		}
	}
	return broken;
}

function check(built: string): string[] {
	const problems: string[] = [];
	const committed = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
	if (committed !== built) {
		const committedLines = committed.split('\n');
		const at = built.split('\n').findIndex((line, index) => line !== committedLines[index]);
		problems.push(
			`README.md is not what scripts/build-readme.ts builds from docs/ (first difference at line ${at + 1}); run npm run readme`,
		);
	}
	const lineCount = built.split('\n').length - 1;
	if (lineCount > MAX_LINES) {
		problems.push(`README.md has ${lineCount} lines, more than ${MAX_LINES}: move detail into docs/ and link it`);
	}
	problems.push(...brokenLinks('README.md', built));
	for (const name of readdirSync(path.join(root, docsDir)).filter((file) => file.endsWith('.md')).sort()) {
		const relativePath = path.posix.join(docsDir, name);
		problems.push(...brokenLinks(relativePath, read(relativePath)));
	}
	return problems;
}

function main(): void {
	const built = buildReadme();
	const lineCount = built.split('\n').length - 1;
	if (process.argv.includes('--check')) {
		const problems = check(built);
		for (const problem of problems) console.error(`README check: ${problem}`);
		if (problems.length > 0) process.exit(1);
		console.log(`README.md is up to date (${lineCount} lines, at most ${MAX_LINES}), links resolve`);
		return;
	}
	writeFileSync(readmePath, built);
	console.log(`README.md written: ${lineCount} lines`);
	const problems = check(built);
	for (const problem of problems) console.error(`README check: ${problem}`);
	if (problems.length > 0) process.exit(1);
}

main();
