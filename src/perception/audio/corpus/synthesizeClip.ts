import { SOUND_CLASSES, type SoundClass } from '../../../fusion/scenario.js';
import { Rng } from '../../../runtime/Rng.js';
import { babble, CLASS_SYNTHS } from './classSynth.js';
import { type NoiseColour, noise, normalisePeak, reverb, rmsOf } from './synthDsp.js';

/** Hands out speech recordings at the corpus rate (e.g. espeak-ng utterances), chosen with `rng`. */
export type SpeechProvider = (rng: Rng) => Float32Array;

export interface ClipOptions {
	rate: number;
	length: number;
	/** Recorded speech; when absent, speech clips are procedural babble only. */
	speech?: SpeechProvider;
}

const COLOURS: NoiseColour[] = ['white', 'pink', 'brown'];

function speechClip(rng: Rng, { rate, length, speech }: ClipOptions): Float32Array {
	if (!speech || rng.chance(0.2)) return babble(rng, length, rate);
	const utterance = speech(rng);
	const out = new Float32Array(length);
	if (utterance.length >= length) {
		const start = rng.int(0, utterance.length - length);
		out.set(utterance.subarray(start, start + length));
	} else {
		out.set(utterance, rng.int(0, length - utterance.length));
	}
	return out;
}

/**
 * Lets the sound start or stop inside the clip (a short fade at a random point), as it does in a
 * stream analysed in overlapping windows: a patch that is half onset must still name the class.
 */
function gate(x: Float32Array, rng: Rng, rate: number): void {
	const fade = Math.round(rng.uniform(0.002, 0.05) * rate);
	if (rng.chance(0.5)) {
		const onset = rng.int(0, Math.floor(x.length * 0.55));
		for (let i = 0; i < onset + fade && i < x.length; i++) x[i] *= i < onset ? 0 : (i - onset) / fade;
	} else {
		const offset = rng.int(Math.floor(x.length * 0.45), x.length);
		for (let i = Math.max(0, offset - fade); i < x.length; i++) x[i] *= i >= offset ? 0 : (offset - i) / fade;
	}
}

/**
 * One labelled training example: a dry synthesis of `cls`, then room reverberation, background
 * noise at a random SNR, a random level, and now and then clipping — the conditions a headset
 * microphone or a game's audio mix will present. Silence is faint noise (or digital zero).
 *
 * ```ts
 * const clip = synthesizeClip( 'dog', new Rng( 7 ), { rate: 16000, length: 15600 } );
 * ```
 */
export function synthesizeClip(cls: SoundClass, rng: Rng, options: ClipOptions): Float32Array {
	const { rate, length } = options;
	if (cls === 'silence') {
		if (rng.chance(0.1)) return new Float32Array(length);
		const floor = noise(length, rng, rng.pick(COLOURS));
		const level = 10 ** (rng.uniform(-95, -55) / 20);
		const r = rmsOf(floor);
		for (let i = 0; i < length; i++) floor[i] *= level / r;
		return floor;
	}
	const synth = CLASS_SYNTHS[cls];
	let x = cls === 'speech' ? speechClip(rng, options) : synth!(rng, length, rate);
	if (rng.chance(0.3)) gate(x, rng, rate);
	if (rng.chance(0.6)) x = reverb(x, rate, rng.uniform(0.15, 1.2), rng.uniform(0.1, 0.5));
	normalisePeak(x, 1);
	const signal = rmsOf(x);
	const bg = noise(length, rng, rng.pick(COLOURS));
	const bgGain = signal / 10 ** (rng.uniform(3, 40) / 20) / Math.max(1e-9, rmsOf(bg));
	for (let i = 0; i < length; i++) x[i] += bg[i] * bgGain;
	normalisePeak(x, 10 ** (rng.uniform(-35, -1) / 20));
	if (rng.chance(0.05)) {
		const drive = rng.uniform(2, 6);
		for (let i = 0; i < length; i++) x[i] = Math.max(-1, Math.min(1, x[i] * drive));
	}
	return x;
}

/** A labelled set of clips: `perClass` of every sound class, in class order, from one seed. */
export function synthesizeCorpus(
	perClass: number,
	seed: number,
	options: ClipOptions,
): { clips: Float32Array[]; labels: number[] } {
	const clips: Float32Array[] = [];
	const labels: number[] = [];
	SOUND_CLASSES.forEach((cls, label) => {
		// Each class gets its own stream so adding classes or examples does not reshuffle the others.
		const rng = new Rng((seed * 1_000_003 + (label + 1) * 7919) >>> 0);
		for (let i = 0; i < perClass; i++) {
			clips.push(synthesizeClip(cls, rng, options));
			labels.push(label);
		}
	});
	return { clips, labels };
}
