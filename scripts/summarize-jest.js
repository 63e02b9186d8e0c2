// Adds up jest's JSON reports and prints the plain closing line CI reads: "tests: N passed, N failed".
// With several reports, one line per report comes first (main = unit and integration, e2e-<version>,
// browser), so each layer's count shows in the summary.
const fs = require('fs');
const path = require('path');
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const files = process.argv.slice(2).filter((file) => fs.existsSync(file));
for (const file of files) {
	const report = JSON.parse(fs.readFileSync(file, 'utf8'));
	const counts = {
		passed: report.numPassedTests,
		failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
		skipped: report.numPendingTests + (report.numTodoTests ?? 0),
	};
	for (const key of Object.keys(total)) total[key] += counts[key];
	lines.push(`  ${path.basename(file, '.json').replace(/^jest-/, '')}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
if (files.length > 1) console.log(`\n${lines.join('\n')}`);
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
