/**
 * `npx xr-sense generate [--split train|test] [--count 1000] [--seed 1] [--only PHENOMENON] [--scene mixed|random|livingroom]`
 *
 * Writes generated episodes as JSON Lines (`scenario.schema.json`, with `expect`) to stdout. The
 * same seed gives the same file. `mixed` (the default) is what training and the held-out split use:
 * random rooms, plus the demo's living room in a fifth of the test episodes.
 */
import { LIVING_ROOM } from '../scenes/livingRoomLayout.js';
import { type Episode, generateEpisode, PHENOMENA, type Phenomenon } from '../src/fusion/episodes/generateEpisode.js';
import { Rng } from '../src/runtime/Rng.js';
import { choiceOption, numberOption, parseCommand } from './_cli.js';
import { generateEpisodes } from './fusion/dataset.js';

const NAME = 'generate';
const { values: args } = parseCommand({
	name: NAME,
	summary:
		'Writes generated scenarios (JSON Lines, shared/scenario.schema.json, with `expect`) to stdout; the same seed gives the same file.',
	options: {
		split: { type: 'string', default: 'test', value: 'train|test', help: 'which split of the generator' },
		count: { type: 'string', default: '1000', value: 'N', help: 'how many scenarios' },
		seed: { type: 'string', default: '1', value: 'N', help: 'random seed' },
		only: { type: 'string', value: 'PHENOMENON', help: `only one phenomenon: ${Object.keys(PHENOMENA).join(', ')}` },
		scene: {
			type: 'string',
			default: 'mixed',
			value: 'mixed|random|livingroom',
			help: 'random rooms, the demo living room, or both as training and the held-out split use them',
		},
	},
	details: ['example: xr-sense generate --split test --count 500 --seed 7 > my.jsonl'],
});
const split = choiceOption(NAME, args, 'split', ['train', 'test']);
if (args.only !== undefined) choiceOption(NAME, args, 'only', Object.keys(PHENOMENA));
const scene = choiceOption(NAME, args, 'scene', ['mixed', 'random', 'livingroom']);
const count = numberOption(NAME, args, 'count', { min: 1, integer: true });
const seed = numberOption(NAME, args, 'seed', { integer: true });
let episodes: Episode[];
if (scene === 'mixed' && !args.only) episodes = generateEpisodes(split, count, seed);
else {
	const rng = new Rng(seed);
	const layout = scene === 'livingroom' ? { scene: 'livingroom', objects: LIVING_ROOM } : undefined;
	const only = args.only as Phenomenon | undefined;
	episodes = Array.from({ length: count }, (_, i) => generateEpisode(rng, split, i, { only, layout }));
}
process.stdout.write(`${episodes.map((e) => JSON.stringify(e.scenario)).join('\n')}\n`);
