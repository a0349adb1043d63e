import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/perception/audio/wav.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'xr-sense.mjs');
const tools = readdirSync(join(root, 'tools'))
	.filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
	.map((f) => f.slice(0, -3))
	.sort();
const dir = mkdtempSync(join(tmpdir(), 'xr-sense-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xrSense(...args: string[]) {
	return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root, timeout: 120_000 });
}

/** A stack trace or Node's raw error codes: what a user must never see. */
const RAW = /\n\s+at |ERR_PARSE_ARGS|node:internal/;

describe('xr-sense command line', () => {
	it('lists every tool, with a line each', () => {
		const run = xrSense('--help');
		expect(run.status).toBe(0);
		const listed = [...run.stdout.matchAll(/^ {2}(\S+) {2,}\S/gm)].map((m) => m[1]).sort();
		expect(listed).toEqual(tools);
		const unknown = xrSense('frobnicate');
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
	});

	it.each(tools)(
		'%s --help prints its usage and exits 0; an unknown option is one clear line and exit 2',
		(command) => {
			const help = xrSense(command, '--help');
			expect(help.status, help.stderr).toBe(0);
			expect(help.stdout).toMatch(new RegExp(`^usage: xr-sense ${command}\\b`));
			expect(help.stdout).toMatch(/-h, --help/);
			expect(help.stderr).toBe('');
			const bad = xrSense(command, '--no-such-option');
			expect(bad.status).toBe(2);
			expect(bad.stderr).toMatch(new RegExp(`^xr-sense ${command}: Unknown option '--no-such-option'`));
			expect(bad.stderr).toMatch(new RegExp(`see: xr-sense ${command} --help`));
			expect(bad.stderr).not.toMatch(RAW);
			expect(bad.stdout).toBe('');
		},
	);

	it('rejects bad values before doing any work', () => {
		for (const args of [
			['generate', '--count', 'abc'],
			['generate', '--count', '-3'],
			['generate', '--split', 'dev'],
			['train', '--epochs', '1.5'],
			['train-audio', '--seed', 'x'],
			['detect', 'a.png', '--threshold', '2'],
			['listen', 'a.wav', '--backend', 'gpu'],
			['eval'],
		]) {
			const run = xrSense(...args);
			expect(run.status, args.join(' ')).toBe(2);
			expect(run.stderr.split('\n')[0], args.join(' ')).toMatch(new RegExp(`^xr-sense ${args[0]}: \\S`));
			expect(run.stderr).not.toMatch(RAW);
		}
		expect(xrSense('generate', '--count', 'abc').stderr).toMatch(
			/--count must be a whole number of at least 1, not "abc"/,
		);
	});

	it('runs from an installed package, with no devDependency', () => {
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
			cwd: root,
			encoding: 'utf8',
		}).trim();
		const app = join(dir, 'app');
		mkdirSync(app);
		writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
		execFileSync(
			'npm',
			['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball), 'three@0.184.0'],
			{ cwd: app, stdio: 'pipe' },
		);
		const installed = (...args: string[]) =>
			spawnSync('npx', ['--no-install', 'xr-sense', ...args], { cwd: app, encoding: 'utf8', timeout: 120_000 });
		const help = installed('--help');
		expect(help.status, help.stderr).toBe(0);
		expect(help.stdout).toMatch(/^usage: xr-sense <command>/);
		expect(installed('listen', '--help').status).toBe(0);
		// A second of a 1 kHz beep at 16 kHz, on the left: the installed tool hears it with its own model.
		const rate = 16000;
		const left = new Float32Array(rate).map((_, i) =>
			Math.floor(i / 2000) % 2 ? 0 : 0.3 * Math.sin((2 * Math.PI * 1000 * i) / rate),
		);
		writeFileSync(join(app, 'beep.wav'), encodeWav([left, new Float32Array(rate)], rate));
		const run = installed('listen', 'beep.wav');
		expect(run.status, run.stderr).toBe(0);
		const out = JSON.parse(run.stdout);
		expect(out).toMatchObject({ file: 'beep.wav', sampleRate: rate, channels: 2 });
		expect(Array.isArray(out.events)).toBe(true);
	}, 600_000);
});
