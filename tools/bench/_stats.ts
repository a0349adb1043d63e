/** Timing helpers shared by the benches. */

export interface Summary {
	median: number;
	p95: number;
	n: number;
}

/** Median and 95th percentile of samples (ms). */
export function summarize(samples: number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
	return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns the samples in ms. */
export async function time(fn: () => unknown | Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
	for (let i = 0; i < warmup; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn();
		samples.push(performance.now() - t0);
	}
	return samples;
}

/** Every table printed so far in this process, for the JSON that `npm run bench` writes. */
export const printedTables: Array<{ header: string[]; rows: Array<Array<string | number>> }> = [];

/** A Markdown table (also kept in {@link printedTables}). */
export function table(header: string[], rows: Array<Array<string | number>>): string {
	printedTables.push({ header, rows });
	const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`),
	].join('\n');
}
