#!/usr/bin/env node
// Command-line entry: `xr-sense <command> [args]` runs tools/<command>.ts on the library's own code.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools');
const commands = readdirSync(tools)
	.filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
	.map((f) => f.slice(0, -3));
const [command, ...args] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || !existsSync(join(tools, `${command}.ts`))) {
	const stream = command && command !== '--help' && command !== '-h' ? process.stderr : process.stdout;
	if (command && stream === process.stderr) stream.write(`xr-sense: unknown command "${command}"\n`);
	stream.write(`usage: xr-sense <${commands.join('|')}> [args]\n`);
	process.exit(stream === process.stderr ? 2 : 0);
}
register();
process.argv = [process.argv[0], join(tools, `${command}.ts`), ...args];
await import(join(tools, `${command}.ts`));
