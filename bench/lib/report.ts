/** Printing of benchmark figures: one Markdown table per benchmark, plus small statistics helpers. */

export type Cell = string | number;

/** Prints a titled Markdown table (numbers right-aligned) followed by notes. */
export function printTable(title: string, header: string[], rows: Cell[][], notes: string[] = []) {
	const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
	const widths = header.map((title, column) => Math.max(title.length, ...text.map((row) => String(row[column] ?? '').length)));
	// Columns of figures are right-aligned.
	const numeric = header.map((_, column) => rows.every((row) => typeof row[column] === 'number' || /^-?[\d.,]+ ?\S{0,5}$/.test(String(row[column]))));
	const format = (cells: string[]) =>
		`| ${cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
	console.log('');
	console.log(`### ${title}`);
	console.log('');
	console.log(format(header));
	console.log(`|${widths.map((width, column) => (numeric[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
	for (const row of text) console.log(format(row.map(String)));
	if (notes.length) console.log('');
	for (const note of notes) console.log(note);
	console.log('');
}

function formatNumber(value: number) {
	if (!Number.isFinite(value)) return String(value);
	if (Number.isInteger(value)) return String(value);
	return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `value` with `digits` decimals followed by ×, e.g. a ratio to a reference. */
export function ratio(value: number, reference: number, digits = 2) {
	return `${(value / reference).toFixed(digits)}×`;
}

/** The p-th percentile (0–100) of the values, nearest-rank method. */
export function percentile(values: number[], p: number) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

export function mebibytes(bytes: number) {
	return bytes / 1024 / 1024;
}

/** Seconds since `start` (from process.hrtime.bigint()). */
export function secondsSince(start: bigint) {
	return Number(process.hrtime.bigint() - start) / 1e9;
}

/** "met" or "MISSED" for a target check, so a reader sees misses at a glance. */
export function verdict(met: boolean) {
	return met ? 'met' : 'MISSED';
}
