#!/usr/bin/env node
// Command-line entry: `xr-sense <command> [args]` runs tools/<command>.ts on the library's own code,
// through tsx (a runtime dependency, so it works from an installed package).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every command with one line on what it does; `test/unit/cli.test.ts` keeps this in step with tools/. */
const COMMANDS = {
	bench: 'benchmarks, side by side in one run (npm run bench)',
	detect: 'CenterNet detections (label, score, box, colour) of PNG/JPEG images as JSON',
	eval: 'answers and scores scenarios (JSON Lines) with the fusion model',
	generate: 'writes generated scenarios (JSON Lines, the shared schema)',
	listen: 'sound events (time, class, score, azimuth) of a WAV file as JSON',
	manifest: 'writes the SHA-256 manifest of the model files (--check: is it up to date?)',
	sounds: 'fetches the real recordings (Debian packages) and prints their manifest',
	train: 'trains the fusion model (or the reference baseline) and writes its metrics',
	'train-audio': 'trains the sound-event classifier on real recordings and a synthetic corpus',
};

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools');
const [command, ...args] = process.argv.slice(2);
const help = () => {
	const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
	const lines = Object.entries(COMMANDS).map(([c, text]) => `  ${c.padEnd(width)}  ${text}`);
	return `usage: xr-sense <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nxr-sense <command> --help describes one.\n`;
};
if (!command || command === '--help' || command === '-h') {
	process.stdout.write(help());
	process.exit(command ? 0 : 2);
}
if (!Object.hasOwn(COMMANDS, command) || !existsSync(join(tools, `${command}.ts`))) {
	process.stderr.write(`xr-sense: unknown command "${command}"\n\n${help()}`);
	process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
process.argv = [process.argv[0], join(tools, `${command}.ts`), ...args];
await import(join(tools, `${command}.ts`));
