/**
 * `npm run bench`: runs every `tools/bench/*.bench.ts` in turn (or those named on the command line)
 * and prints their tables. Each bench measures its variants side by side in one run and reports
 * ratios, because these machines are shared and noisy.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand } from './_cli.js';
import { printedTables } from './bench/_stats.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const names = readdirSync(dir)
	.filter((f) => f.endsWith('.bench.ts'))
	.map((f) => f.replace('.bench.ts', ''))
	.sort();
const { positionals: only } = parseCommand({
	name: 'bench',
	summary:
		'Runs the benchmarks (tools/bench/*.bench.ts), each measuring its variants side by side in one run, and prints their tables.',
	args: '[NAME...]',
	positionals: { max: Infinity },
	options: {},
	details: [`benchmarks: ${names.join(', ')}`, 'example: npm run bench fusion'],
});
const files = readdirSync(dir)
	.filter((f) => f.endsWith('.bench.ts'))
	.filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
	.sort();
if (files.length === 0) {
	console.error(`bench: nothing matches ${only.join(', ') || '(no benches)'}`);
	process.exit(2);
}
// Each bench's tables and returned figures, as JSON, beside the markdown on stdout.
const out = join(dir, '..', '..', 'bench-results');
mkdirSync(out, { recursive: true });
const machine = {
	cpus: cpus().length,
	cpu: cpus()[0]?.model ?? 'unknown',
	memoryGiB: Math.round(totalmem() / 2 ** 30),
	node: process.version,
};
for (const file of files) {
	const name = file.replace('.bench.ts', '');
	console.log(`\n## ${name}\n`);
	const mod = (await import(join(dir, file))) as { run: () => Promise<unknown> };
	const first = printedTables.length;
	const figures = await mod.run();
	const result = {
		bench: name,
		date: new Date().toISOString(),
		machine,
		tables: printedTables.slice(first),
		figures: figures ?? null,
	};
	writeFileSync(join(out, `${name}.json`), `${JSON.stringify(result, null, '\t')}\n`);
	console.log(`\n(JSON: bench-results/${name}.json)`);
}
