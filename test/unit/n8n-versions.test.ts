/**
 * n8n-versions.json is the one place the tested n8n lines are pinned; the compatibility table in
 * docs/compatibility.md and the CI workflow must follow it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { N8N_LINES, NEWEST_N8N_VERSION, QUEUE_MODE_N8N_VERSION } from '../../tools/n8n/versions';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The rows of the table under "| n8n | Node |": [n8n, Node] cells. */
function compatibilityRows() {
	const lines = read('docs/compatibility.md').split('\n');
	const header = lines.findIndex((line) => /^\| n8n \| Node \|/.test(line));
	if (header === -1) throw new Error('docs/compatibility.md has no "| n8n | Node |" table');
	const rows: string[][] = [];
	for (const line of lines.slice(header + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
	}
	return rows;
}

describe('n8n-versions.json', () => {
	test('pins three lines, oldest first, with a Node for each', () => {
		const versions = Object.values(N8N_LINES).map((line) => line.n8n);
		expect(versions).toHaveLength(3);
		for (const version of versions) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
		const order = (version: string) => version.split('.').map(Number).reduce((sum, part) => sum * 1000 + part, 0);
		expect([...versions].sort((a, b) => order(a) - order(b))).toEqual(versions);
		for (const line of Object.values(N8N_LINES)) expect(line.node).toMatch(/^(system|\d+\.\d+\.\d+)$/);
		expect(NEWEST_N8N_VERSION).toBe(N8N_LINES.newest.n8n);
		expect(versions).toContain(QUEUE_MODE_N8N_VERSION);
	});

	test('docs/compatibility.md lists exactly the pinned versions, each with its Node', () => {
		const rows = compatibilityRows();
		expect(rows.map((row) => row[0].split(' ')[0])).toEqual(Object.values(N8N_LINES).map((line) => line.n8n));
		for (const [index, line] of Object.values(N8N_LINES).entries()) {
			const node = rows[index][1];
			if (line.node === 'system') expect(node).toMatch(/the machine's Node/);
			else expect(node.startsWith(line.node)).toBe(true);
		}
	});

	test('the CI workflow and the shell scripts take versions from the file, not literals', () => {
		const pinned = Object.values(N8N_LINES).map((line) => line.n8n);
		for (const file of ['.github/workflows/ci.yml', '.ci/run', 'scripts/test.sh', 'scripts/e2e.sh', 'scripts/sandbox.sh', 'scripts/n8n-runtime.sh', 'scripts/screenshot.sh', 'scripts/browser.sh']) {
			const text = read(file);
			for (const version of pinned) expect({ file, hardCoded: text.includes(version) ? version : undefined }).toEqual({ file, hardCoded: undefined });
		}
	});
});

describe('workflow ids of the examples and e2e fixtures', () => {
	// n8n 1.x saves a workflow's static data (the tFLOW Trigger's registrations, the papilio
	// Trigger's seen orders) only for ids of at most 16 characters, the length n8n generates.
	test('are at most 16 characters, so n8n 1.x keeps their triggers\' state', () => {
		const folders = ['examples', 'test/e2e/fixtures'];
		const ids = folders.flatMap((folder) =>
			readdirSync(path.join(ROOT, folder))
				.filter((file) => file.endsWith('.json'))
				.map((file) => ({ file: `${folder}/${file}`, id: (JSON.parse(read(`${folder}/${file}`)) as { id?: unknown }).id }))
				.filter((entry) => typeof entry.id === 'string'),
		);
		expect(ids.length).toBeGreaterThanOrEqual(10);
		expect(ids.filter((entry) => (entry.id as string).length > 16)).toEqual([]);
	});
});
