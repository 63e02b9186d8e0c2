/**
 * Peak resident memory of this process during a measured section. Two sources, the larger wins:
 * `process.memoryUsage().rss` sampled every 50 ms, and the kernel's exact high-water mark (VmHWM),
 * which is reset at the start of the section by writing 5 to /proc/self/clear_refs (Linux).
 */
import { readFileSync, writeFileSync } from 'node:fs';

function highWaterMark(): number | undefined {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetHighWaterMark(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export interface MemoryPeak {
	/** RSS when the section started (after warm-up and a garbage collection when exposed). */
	baseline: number;
	peak: number;
	growth: number;
	/** Whether the kernel's exact peak was available (otherwise 50 ms samples only). */
	exact: boolean;
}

/** Runs `section` and reports how far the RSS rose above its value at the start. */
export async function measurePeakRss<T>(section: () => Promise<T>): Promise<{ result: T; memory: MemoryPeak }> {
	(globalThis as { gc?: () => void }).gc?.();
	const baseline = process.memoryUsage().rss;
	const exact = resetHighWaterMark();
	let sampled = baseline;
	const timer = setInterval(() => {
		sampled = Math.max(sampled, process.memoryUsage().rss);
	}, 50);
	try {
		const result = await section();
		sampled = Math.max(sampled, process.memoryUsage().rss);
		const peak = Math.max(sampled, (exact && highWaterMark()) || 0);
		return { result, memory: { baseline, peak, growth: peak - baseline, exact } };
	} finally {
		clearInterval(timer);
	}
}
