/**
 * docs/ai-tool-descriptions.md lists each operation's description for users to paste into a tool's
 * Description; it must be what the nodes say now.
 */
import { readFileSync } from 'node:fs';

import { PAGE, renderPage } from '../../scripts/ai-tool-descriptions';

test('docs/ai-tool-descriptions.md matches the nodes (npx tsx scripts/ai-tool-descriptions.ts rewrites it)', async () => {
	expect(readFileSync(PAGE, 'utf8')).toBe(await renderPage());
});

test('the page names the tools the agent examples use and marks Upload Artwork and the three Custom API Calls as no tool', async () => {
	const page = await renderPage();
	expect(page).toContain('| Job → Get | `Get_a_job_in_tFLOW` | Returns one tFLOW job by its numeric job ID');
	expect(page).toContain('| Job → Upload Artwork | (not a tool) |');
	expect(page.split('| Custom API Call → Make an API Call | (not a tool) |')).toHaveLength(4);
	expect(page).toContain('| Order → Place Order | `Place_an_order_at_the_lab_in_D2S_Workflow` | Places a paid print order');
});
