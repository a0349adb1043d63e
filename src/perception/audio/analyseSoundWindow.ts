import { estimateAzimuth } from './direction.js';
import type { SoundEventClassifier } from './SoundEventClassifier.js';
import { rms } from './sanitize.js';
import { MODEL_CLASSES, type ModelClass } from './soundEventModel.js';

/** What the hearing stage asks of one window besides the samples. */
export interface SoundWindowOptions {
	/** Level below which the window is silence and the model is not run, dBFS RMS (default −60). */
	gateDb?: number;
	/** Minimum class probability for the direction to be worth estimating (default 0.3; probabilities are calibrated, 13 classes). */
	threshold?: number;
}

/** One analysed stereo window: the class heard, how loud, and from where (when something was heard). */
export interface SoundWindowResult {
	/** Most likely class and its probability (`'silence'`, 1 below the gate). */
	class: ModelClass;
	score: number;
	/** Probability of every class, in `MODEL_CLASSES` order. */
	probabilities: Float32Array;
	/** Level of the mono mix, dBFS RMS. */
	level: number;
	/** True when the window was below the gate and the model did not run. */
	gated: boolean;
	/**
	 * Head-frame azimuth of the loudest ~0.34 s, radians (negative = left), and its confidence 0–1;
	 * only when something was heard (not silence, at least `threshold`) and the channels differ
	 * (identical channels give no bearing), else null and 0.
	 */
	azimuth: number | null;
	confidence: number;
	/** True when the part the direction was estimated on clipped (its level cue is then only trusted for its sign). */
	clipped: boolean;
}

/**
 * The hearing stage's analysis of one window, the same wherever it runs (a worker or the page):
 * mono mix → level gate → the sound-event model on one patch → GCC-PHAT + ILD direction over the
 * window's loudest part, only when a sound was heard. `mono` is scratch of the window's length.
 *
 * ```ts
 * const result = await analyseSoundWindow( classifier, left, right, 48000 ); // { class, score, level, azimuth, … }
 * ```
 */
export async function analyseSoundWindow(
	classifier: SoundEventClassifier,
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	options: SoundWindowOptions = {},
	mono = new Float32Array(Math.min(left.length, right.length)),
): Promise<SoundWindowResult> {
	const length = Math.min(left.length, right.length, mono.length);
	const signal = mono.subarray(0, length);
	for (let i = 0; i < length; i++) signal[i] = 0.5 * (left[i] + right[i]);
	const level = 20 * Math.log10(rms(signal) + 1e-12);
	if (level < (options.gateDb ?? -60)) {
		const probabilities = new Float32Array(MODEL_CLASSES.length);
		probabilities[MODEL_CLASSES.indexOf('silence')] = 1;
		return {
			class: 'silence',
			score: 1,
			probabilities,
			level,
			gated: true,
			azimuth: null,
			confidence: 0,
			clipped: false,
		};
	}
	const [patch] = await classifier.classify(signal, sampleRate);
	if (!patch) throw new Error('analyseSoundWindow: the window gave no patch');
	const heard = patch.class !== 'silence' && patch.class !== 'unknown' && patch.score >= (options.threshold ?? 0.3);
	const direction = heard ? directionOfLoudestPart(left, right, signal, sampleRate) : null;
	return {
		class: patch.class,
		score: patch.score,
		probabilities: patch.probabilities,
		level,
		gated: false,
		azimuth: direction?.azimuth ?? null,
		confidence: direction?.confidence ?? 0,
		clipped: direction?.clipped ?? false,
	};
}

/** Azimuth over the loudest ~0.34 s of the window: where a transient is, and a third of the work. */
function directionOfLoudestPart(left: Float32Array, right: Float32Array, mono: Float32Array, rate: number) {
	const span = Math.min(mono.length, 16384);
	const step = 2048;
	let best = 0;
	let bestEnergy = -1;
	for (let start = 0; start + span <= mono.length; start += step) {
		let energy = 0;
		for (let i = start; i < start + span; i += 4) energy += mono[i] * mono[i];
		if (energy > bestEnergy) {
			bestEnergy = energy;
			best = start;
		}
	}
	return estimateAzimuth(left.subarray(best, best + span), right.subarray(best, best + span), rate);
}
