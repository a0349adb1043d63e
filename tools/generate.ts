/**
 * `npx xr-sense generate [--split train|test] [--count 1000] [--seed 1] [--only PHENOMENON] [--scene mixed|random|livingroom]`
 *
 * Writes generated episodes as JSON Lines (`scenario.schema.json`, with `expect`) to stdout. The
 * same seed gives the same file. `mixed` (the default) is what training and the held-out split use:
 * random rooms, plus the demo's living room in a fifth of the test episodes.
 */
import { parseArgs } from 'node:util';
import { LIVING_ROOM } from '../scenes/livingRoomLayout.js';
import { type Episode, generateEpisode, PHENOMENA, type Phenomenon } from '../src/fusion/episodes/generateEpisode.js';
import { Rng } from '../src/runtime/Rng.js';
import { generateEpisodes } from './fusion/dataset.js';

const { values: args } = parseArgs({
	options: {
		split: { type: 'string', default: 'test' },
		count: { type: 'string', default: '1000' },
		seed: { type: 'string', default: '1' },
		only: { type: 'string' },
		scene: { type: 'string', default: 'mixed' },
	},
});
const split = args.split;
if (split !== 'train' && split !== 'test') {
	console.error('generate: --split must be train or test');
	process.exit(2);
}
if (args.only && !(args.only in PHENOMENA)) {
	console.error(`generate: --only must be one of ${Object.keys(PHENOMENA).join(', ')}`);
	process.exit(2);
}
if (!['mixed', 'random', 'livingroom'].includes(args.scene)) {
	console.error('generate: --scene must be mixed, random or livingroom');
	process.exit(2);
}
const count = Number(args.count);
const seed = Number(args.seed);
let episodes: Episode[];
if (args.scene === 'mixed' && !args.only) episodes = generateEpisodes(split, count, seed);
else {
	const rng = new Rng(seed);
	const layout = args.scene === 'livingroom' ? { scene: 'livingroom', objects: LIVING_ROOM } : undefined;
	const only = args.only as Phenomenon | undefined;
	episodes = Array.from({ length: count }, (_, i) => generateEpisode(rng, split, i, { only, layout }));
}
process.stdout.write(`${episodes.map((e) => JSON.stringify(e.scenario)).join('\n')}\n`);
