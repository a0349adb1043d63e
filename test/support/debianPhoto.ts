/**
 * A real photograph for detector tests, obtained at test time from a Debian package rather than
 * committed: matplotlib's sample `grace_hopper.jpg` (a person wearing a tie), extracted with
 * `apt-get download` + `dpkg -x` into `.cache/debian/` (ignored by git). Fails loudly with how to
 * fix it when it cannot be obtained.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = join(root, '.cache', 'debian');
const PACKAGES = ['python-matplotlib-data', 'python3-matplotlib-data'];
const INSIDE = 'usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg';

export function graceHopperJpeg(): string {
	const file = join(cache, 'root', INSIDE);
	if (existsSync(file)) return file;
	mkdirSync(cache, { recursive: true });
	const errors: string[] = [];
	for (const pkg of PACKAGES) {
		try {
			execFileSync('apt-get', ['download', pkg], { cwd: cache, stdio: 'pipe' });
			const deb = readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
			if (!deb) throw new Error('apt-get download produced no .deb');
			execFileSync('dpkg', ['-x', join(cache, deb), join(cache, 'root')], { stdio: 'pipe' });
			if (existsSync(file)) return file;
			errors.push(`${pkg}: no ${INSIDE} inside`);
		} catch (error) {
			const e = error as Error & { stderr?: Buffer };
			errors.push(`${pkg}: ${e.stderr?.toString().trim() || e.message}`);
		}
	}
	throw new Error(
		`Cannot obtain the test photograph grace_hopper.jpg from Debian (${errors.join('; ')}).\n` +
			'Fix: on Debian/Ubuntu with apt sources, run `apt-get update` (the package is `python-matplotlib-data`;\n' +
			'`apt-cache search matplotlib` shows the current name), or place the file yourself at\n' +
			`${file}`,
	);
}
