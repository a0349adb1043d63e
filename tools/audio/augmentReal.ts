/**
 * Training patches from real recordings (Node only): each example is one ~0.975 s window of a clip,
 * placed, levelled and degraded the way rooms and microphones degrade sound: gain over 30 dB,
 * hard clipping, early reflections, telephone bandwidth, noise, and a second sound underneath.
 *
 * ```ts
 * const { features, labels } = augmentReal( trainClips, { perClass: 250, seed: 1 } );
 * ```
 */
import { logMelSpectrogram } from '../../src/perception/audio/logMel.js';
import { resample } from '../../src/perception/audio/resample.js';
import { MODEL_CLASSES, PATCH_FRAMES, PATCH_SAMPLES } from '../../src/perception/audio/soundEventModel.js';
import { Rng } from '../../src/runtime/Rng.js';
import type { RealClip } from './realSounds.js';

export interface AugmentOptions {
	/** Examples per class that has real clips (`unknown` gets three quarters as many: more, and it swallows quiet in-set sounds). */
	perClass: number;
	seed: number;
	/** Apply no degradation, only pick the window (for calibration and tests). */
	clean?: boolean;
}

export interface Examples {
	features: Float32Array;
	labels: number[];
	count: number;
}

/**
 * Start samples of a clip's patch-long windows (hop 0.1 s) within `withinDb` of its loudest, in
 * order; `[0]` for a clip no longer than a patch. 12 dB: the windows worth training on; 0: the loudest.
 */
export function loudWindows(samples: Float32Array, withinDb = 12): number[] {
	if (samples.length <= PATCH_SAMPLES) return [0];
	const hop = 1600;
	const energies: Array<[number, number]> = [];
	for (let s = 0; s + PATCH_SAMPLES <= samples.length; s += hop) {
		let e = 0;
		for (let i = s; i < s + PATCH_SAMPLES; i += 4) e += samples[i] * samples[i];
		energies.push([s, e]);
	}
	const max = Math.max(...energies.map(([, e]) => e));
	return energies.filter(([, e]) => e >= max / 10 ** (withinDb / 10)).map(([s]) => s);
}

function peak(x: Float32Array): number {
	let p = 0;
	for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
	return p;
}

function meanSquare(x: Float32Array): number {
	let e = 0;
	for (let i = 0; i < x.length; i++) e += x[i] * x[i];
	return e / x.length;
}

/** One window of `samples` in a patch-length buffer: a random loud window, or the whole clip at a random offset. */
function place(samples: Float32Array, windows: number[], rng: Rng): Float32Array {
	const out = new Float32Array(PATCH_SAMPLES);
	if (samples.length >= PATCH_SAMPLES) {
		const start = windows[Math.floor(rng.next() * windows.length)];
		out.set(samples.subarray(start, start + PATCH_SAMPLES));
	} else {
		const offset = Math.floor(rng.next() * (PATCH_SAMPLES - samples.length + 1));
		out.set(samples, offset);
	}
	return out;
}

/** Room, level and channel degradation of one placed window, in place. */
function degrade(x: Float32Array, rng: Rng, background: Float32Array | null): void {
	const p = peak(x) || 1;
	const level = 10 ** (-(1 + rng.next() * 29) / 20) / p;
	for (let i = 0; i < x.length; i++) x[i] *= level;
	if (rng.next() < 0.3) {
		// Early reflections: a few delayed, quieter copies (walls 1.5–8 m away).
		const dry = x.slice();
		const taps = 2 + Math.floor(rng.next() * 4);
		for (let t = 0; t < taps; t++) {
			const delay = 70 + Math.floor(rng.next() * 3600);
			const gain = (0.15 + rng.next() * 0.35) / (t + 1);
			for (let i = delay; i < x.length; i++) x[i] += gain * dry[i - delay];
		}
	}
	if (rng.next() < 0.15) {
		const narrow = resample(resample(x, 16000, 8000), 8000, 16000);
		x.set(narrow.subarray(0, x.length));
	}
	if (background && rng.next() < 0.2) {
		const ratio = Math.sqrt(meanSquare(x) / (meanSquare(background) || 1)) * 10 ** (-(10 + rng.next() * 10) / 20);
		for (let i = 0; i < x.length; i++) x[i] += ratio * background[i];
	}
	if (rng.next() < 0.5) {
		const sigma = Math.sqrt(meanSquare(x)) * 10 ** (-(5 + rng.next() * 30) / 20);
		for (let i = 0; i < x.length; i++) x[i] += sigma * rng.normal();
	}
	if (rng.next() < 0.12) {
		// Overdriven input: gain up to 20 dB into hard clipping, as a loud phone next to the mic.
		const drive = (2 + rng.next() * 8) / (peak(x) || 1);
		for (let i = 0; i < x.length; i++) x[i] = Math.max(-1, Math.min(1, x[i] * drive));
	}
}

/**
 * Balanced, seeded examples from real clips: classes cycle through their clips in a shuffled order,
 * so a class with three files still gets `perClass` different windows and degradations of them.
 */
export function augmentReal(clips: RealClip[], options: AugmentOptions): Examples {
	const rng = new Rng(options.seed * 7919 + 13);
	const byClass = new Map<number, RealClip[]>();
	for (const clip of clips) {
		const k = MODEL_CLASSES.indexOf(clip.class);
		byClass.set(k, [...(byClass.get(k) ?? []), clip]);
	}
	const windows = new Map<RealClip, number[]>(clips.map((c) => [c, loudWindows(c.samples)]));
	const plan: Array<[number, RealClip]> = [];
	for (const [k, list] of [...byClass].sort((a, b) => a[0] - b[0])) {
		const order = list.slice();
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rng.next() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		const n = MODEL_CLASSES[k] === 'unknown' ? Math.round(options.perClass * 0.75) : options.perClass;
		for (let i = 0; i < n; i++) plan.push([k, order[i % order.length]]);
	}
	const size = PATCH_FRAMES * 64;
	const features = new Float32Array(plan.length * size);
	const labels: number[] = [];
	plan.forEach(([k, clip], i) => {
		const x = place(clip.samples, windows.get(clip)!, rng);
		if (!options.clean) {
			const other = clips[Math.floor(rng.next() * clips.length)];
			const background = other.class === clip.class ? null : place(other.samples, windows.get(other)!, rng);
			degrade(x, rng, background);
		}
		features.set(logMelSpectrogram(x).data, i * size);
		labels.push(k);
	});
	return { features, labels, count: plan.length };
}
