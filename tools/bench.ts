/**
 * `npm run bench`: runs every `tools/bench/*.bench.ts` in turn (or those named on the command line)
 * and prints their tables. Each bench measures its variants side by side in one run and reports
 * ratios, because these machines are shared and noisy.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand } from './_cli.js';

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
for (const file of files) {
	console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
	const mod = (await import(join(dir, file))) as { run: () => Promise<void> };
	await mod.run();
}
