/**
 * `npx xr-sense sounds [--split train|test|all] [--cache .cache/sounds]`
 *
 * Fetches the real recordings named in tools/audio/real-sounds.json (apt-get download, dpkg-deb -x,
 * ffmpeg for non-WAV formats) into the cache, and prints the manifest as a Markdown table: package,
 * version, licence, split and the files it gives each class. The README's table is this output.
 */
import { join } from 'node:path';
import { choiceOption, parseCommand } from './_cli.js';
import { loadRealSounds, readManifest } from './audio/realSounds.js';

const NAME = 'sounds';
const { values } = parseCommand({
	name: NAME,
	summary:
		'Fetches the real recordings of tools/audio/real-sounds.json from Debian into a cache and prints their manifest (package, licence, split, files per class) as Markdown.',
	options: {
		split: { type: 'string', default: 'all', value: 'train|test|all', help: 'which packages' },
		cache: {
			type: 'string',
			default: join('.cache', 'sounds'),
			value: 'DIR',
			help: 'where packages and decoded audio go',
		},
	},
	details: ['needs apt-get and dpkg-deb (Debian), and ffmpeg for recordings that are not PCM WAV'],
});
const split = choiceOption(NAME, values, 'split', ['train', 'test', 'all']);
const manifest = readManifest();
const skipped: string[] = [];
const clips = loadRealSounds({
	split: split === 'all' ? undefined : split,
	cache: values.cache as string,
	onSkip: (pkg, path, reason) => skipped.push(`${pkg}${path}: ${reason}`),
});
const lines = ['| package | version | licence | split | files by class |', '| --- | --- | --- | --- | --- |'];
for (const source of manifest.sources) {
	if (split !== 'all' && source.split !== split) continue;
	const counts = new Map<string, number>();
	for (const c of clips) if (c.package === source.package) counts.set(c.class, (counts.get(c.class) ?? 0) + 1);
	const byClass = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
	lines.push(`| ${source.package} | ${source.version} | ${source.licence} | ${source.split} | ${byClass} |`);
}
const seconds = clips.reduce((s, c) => s + c.samples.length / 16000, 0);
lines.push(
	'',
	`${clips.length} files, ${Math.round(seconds / 60)} minutes; ${skipped.length} left out (shorter than 0.1 s or undecodable).`,
);
process.stdout.write(`${lines.join('\n')}\n`);
