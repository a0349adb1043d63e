/**
 * One way for every `xr-sense` sub-command to read its arguments: `--help` prints the command's
 * usage and exits 0; an unknown option, a missing argument or a bad value prints one line and a
 * pointer to `--help` on stderr and exits 2; a failure while running exits 1. Never a stack trace.
 *
 * ```ts
 * const { values, positionals } = parseCommand( { name: 'listen', summary: '…', args: 'FILE.wav',
 *   positionals: { min: 1, max: 1 }, options: { threshold: { type: 'string', default: '0.5', help: '…' } } } );
 * const threshold = numberOption( 'listen', values, 'threshold', { min: 0, max: 1 } );
 * ```
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface OptionSpec {
	type: 'string' | 'boolean';
	default?: string | boolean;
	/** One line on what the option does. */
	help: string;
	/** The value's placeholder in the usage text, e.g. `N` or `wasm|cpu`. */
	value?: string;
}

export interface CommandSpec {
	name: string;
	/** One line on what the command does. */
	summary: string;
	/** Positional arguments as shown in the usage line, e.g. `FILE.wav` or `[NAME...]`. */
	args?: string;
	positionals?: { min?: number; max?: number };
	options: Record<string, OptionSpec>;
	/** Further lines printed after the options (examples, exit codes). */
	details?: string[];
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** Each parsed command's usage line, so errors found after parsing can repeat it. */
const usageLines = new Map<string, string>();

function usageLine(spec: CommandSpec): string {
	return `usage: xr-sense ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`;
}

/** The usage text `--help` prints. */
export function usageText(spec: CommandSpec): string {
	const lines = [usageLine(spec), '', spec.summary, ''];
	const rows = Object.entries(spec.options).map(([name, o]) => {
		const flag = o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? 'VALUE'}`;
		const fallback = o.type === 'string' && o.default !== undefined ? ` (default ${o.default})` : '';
		return [flag, `${o.help}${fallback}`];
	});
	rows.push(['-h, --help', 'print this help and exit']);
	const width = Math.max(...rows.map((r) => r[0].length));
	lines.push('options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
	if (spec.details?.length) lines.push('', ...spec.details);
	return `${lines.join('\n')}\n`;
}

/** Reads `argv` (default: the process's arguments) against `spec`; exits on `--help` and on errors. */
export function parseCommand(
	spec: CommandSpec,
	argv: string[] = process.argv.slice(2),
): { values: OptionValues; positionals: string[] } {
	usageLines.set(spec.name, usageLine(spec));
	const end = argv.indexOf('--');
	const flags = end < 0 ? argv : argv.slice(0, end);
	if (flags.includes('--help') || flags.includes('-h')) {
		process.stdout.write(usageText(spec));
		process.exit(0);
	}
	const options = Object.fromEntries(
		Object.entries(spec.options).map(([name, o]) => [
			name,
			o.default === undefined ? { type: o.type } : { type: o.type, default: o.default },
		]),
	) as NonNullable<ParseArgsConfig['options']>;
	const max = spec.positionals?.max ?? 0;
	let parsed: { values: OptionValues; positionals: string[] };
	try {
		parsed = parseArgs({ args: argv, options, allowPositionals: max > 0, strict: true }) as typeof parsed;
	} catch (error) {
		// Node's messages carry advice on `--` quoting after the first sentence; the first is the point.
		usageError(spec.name, (error as Error).message.split(/(?<=\.) /)[0]);
	}
	const min = spec.positionals?.min ?? 0;
	if (parsed.positionals.length < min) usageError(spec.name, `missing ${spec.args ?? 'argument'}`);
	if (parsed.positionals.length > max) usageError(spec.name, `unexpected argument "${parsed.positionals[max]}"`);
	return parsed;
}

/** A number option, checked: exits 2 with a clear line when it is not a number in range. */
export function numberOption(
	command: string,
	values: OptionValues,
	name: string,
	{ min = -Infinity, max = Infinity, integer = false }: { min?: number; max?: number; integer?: boolean } = {},
): number {
	const raw = values[name];
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
	const ok = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
	if (!ok) {
		const kind = integer ? 'a whole number' : 'a number';
		const range =
			min > -Infinity && max < Infinity
				? ` from ${min} to ${max}`
				: min > -Infinity
					? ` of at least ${min}`
					: max < Infinity
						? ` of at most ${max}`
						: '';
		usageError(command, `--${name} must be ${kind}${range}, not "${String(raw)}"`);
	}
	return value;
}

/** A string option that must be one of `choices`. */
export function choiceOption<T extends string>(command: string, values: OptionValues, name: string, choices: T[]): T {
	const raw = values[name];
	if (typeof raw !== 'string' || !choices.includes(raw as T))
		usageError(command, `--${name} must be ${choices.join(' or ')}, not "${String(raw)}"`);
	return raw as T;
}

/** A mistake in how the command was called: one line, a pointer to `--help`, exit 2. */
export function usageError(command: string, message: string): never {
	const usage = usageLines.get(command);
	process.stderr.write(
		`xr-sense ${command}: ${message}\n${usage ? `${usage}\n` : ''}see: xr-sense ${command} --help\n`,
	);
	process.exit(2);
}

/** A failure while running (an unreadable file, a model that does not load): one line, exit 1. */
export function fail(command: string, message: string, code = 1): never {
	process.stderr.write(`xr-sense ${command}: ${message}\n`);
	process.exit(code);
}
