/**
 * `npx xr-sense generate [--split train|test] [--count 1000] [--seed 1] [--only PHENOMENON]`
 *
 * Writes generated episodes as JSON Lines (`scenario.schema.json`, with `expect`) to stdout.
 * The same seed gives the same file.
 */
import { parseArgs } from 'node:util';
import { generateEpisode, PHENOMENA, type Phenomenon } from '../src/fusion/episodes/generateEpisode.js';
import { Rng } from '../src/fusion/episodes/Rng.js';

const { values: args } = parseArgs({
	options: {
		split: { type: 'string', default: 'test' },
		count: { type: 'string', default: '1000' },
		seed: { type: 'string', default: '1' },
		only: { type: 'string' },
	},
});
if (args.split !== 'train' && args.split !== 'test') {
	console.error('generate: --split must be train or test');
	process.exit(2);
}
if (args.only && !(args.only in PHENOMENA)) {
	console.error(`generate: --only must be one of ${Object.keys(PHENOMENA).join(', ')}`);
	process.exit(2);
}
const rng = new Rng(Number(args.seed));
const lines: string[] = [];
for (let i = 0; i < Number(args.count); i++) {
	lines.push(JSON.stringify(generateEpisode(rng, args.split, i, args.only as Phenomenon | undefined).scenario));
}
process.stdout.write(`${lines.join('\n')}\n`);
