import type { Rng } from '../../../runtime/Rng.js';

/** Building blocks for the procedural sound synthesiser (all in place or returning new arrays). */

export type FilterType = 'lowpass' | 'highpass' | 'bandpass';

/** RBJ biquad filter applied in place. */
export function biquad(x: Float32Array, type: FilterType, hz: number, q: number, rate: number): Float32Array {
	const w = (2 * Math.PI * Math.min(hz, rate * 0.45)) / rate;
	const alpha = Math.sin(w) / (2 * q);
	const cos = Math.cos(w);
	let b0: number;
	let b1: number;
	let b2: number;
	if (type === 'lowpass') {
		b1 = 1 - cos;
		b0 = b1 / 2;
		b2 = b0;
	} else if (type === 'highpass') {
		b1 = -(1 + cos);
		b0 = (1 + cos) / 2;
		b2 = b0;
	} else {
		b0 = alpha;
		b1 = 0;
		b2 = -alpha;
	}
	const a0 = 1 + alpha;
	const a1 = -2 * cos;
	const a2 = 1 - alpha;
	let x1 = 0;
	let x2 = 0;
	let y1 = 0;
	let y2 = 0;
	for (let i = 0; i < x.length; i++) {
		const x0 = x[i];
		const y0 = (b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
		x2 = x1;
		x1 = x0;
		y2 = y1;
		y1 = y0;
		x[i] = y0;
	}
	return x;
}

export type NoiseColour = 'white' | 'pink' | 'brown';

export function noise(length: number, rng: Rng, colour: NoiseColour = 'white'): Float32Array {
	const out = new Float32Array(length);
	let b0 = 0;
	let b1 = 0;
	let b2 = 0;
	let brown = 0;
	for (let i = 0; i < length; i++) {
		const white = rng.next() * 2 - 1;
		if (colour === 'white') out[i] = white;
		else if (colour === 'pink') {
			// Three-pole approximation of a −3 dB/octave slope.
			b0 = 0.99765 * b0 + white * 0.099046;
			b1 = 0.963 * b1 + white * 0.2965164;
			b2 = 0.57 * b2 + white * 1.0526913;
			out[i] = (b0 + b1 + b2 + white * 0.1848) * 0.25;
		} else {
			brown = (brown + 0.02 * white) / 1.02;
			out[i] = brown * 3.5;
		}
	}
	return out;
}

/** Adds `src · gain` into `dst` starting at sample `offset` (clipped to the bounds). */
export function mixInto(dst: Float32Array, src: Float32Array, offset: number, gain = 1): void {
	const start = Math.max(0, Math.round(offset));
	const skip = start - Math.round(offset);
	for (let i = skip; i < src.length && start + i - skip < dst.length; i++) dst[start + i - skip] += src[i] * gain;
}

export function peak(x: Float32Array): number {
	let p = 0;
	for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
	return p;
}

export function rmsOf(x: Float32Array): number {
	let s = 0;
	for (let i = 0; i < x.length; i++) s += x[i] * x[i];
	return Math.sqrt(s / Math.max(1, x.length));
}

/** Scales `x` in place so its peak is `target` (no-op for silence). */
export function normalisePeak(x: Float32Array, target: number): Float32Array {
	const p = peak(x);
	if (p > 1e-9) for (let i = 0; i < x.length; i++) x[i] *= target / p;
	return x;
}

/**
 * Schroeder reverberator (four parallel combs, two series all-passes) with decay time `rt60`,
 * mixed `wet` with the dry signal. Cheap enough to run on every clip of a corpus.
 */
export function reverb(x: Float32Array, rate: number, rt60: number, wet: number): Float32Array {
	const combs = [0.0297, 0.0371, 0.0411, 0.0437].map((s) => Math.round(s * rate));
	const out = new Float32Array(x.length);
	for (const delay of combs) {
		const g = 10 ** ((-3 * delay) / (rt60 * rate));
		const buf = new Float32Array(delay);
		for (let i = 0, j = 0; i < x.length; i++, j = (j + 1) % delay) {
			const y = buf[j];
			buf[j] = x[i] + g * y;
			out[i] += y * 0.25;
		}
	}
	for (const [delay, g] of [
		[Math.round(0.005 * rate), 0.7],
		[Math.round(0.0017 * rate), 0.7],
	]) {
		const buf = new Float32Array(delay);
		for (let i = 0, j = 0; i < out.length; i++, j = (j + 1) % delay) {
			const d = buf[j];
			const v = out[i] + g * d;
			buf[j] = v;
			out[i] = d - g * v;
		}
	}
	for (let i = 0; i < x.length; i++) out[i] = (1 - wet) * x[i] + wet * out[i];
	return out;
}

/** Exponentially decaying envelope starting at `attack` seconds of linear rise. */
export function decayEnvelope(length: number, rate: number, attack: number, decay: number): Float32Array {
	const env = new Float32Array(length);
	const a = Math.max(1, Math.round(attack * rate));
	for (let i = 0; i < length; i++) env[i] = i < a ? i / a : Math.exp(-(i - a) / (decay * rate));
	return env;
}

/** A sum of sine partials `(ratio, amplitude, decay s)` on fundamental `f0`, with optional vibrato. */
export function partials(
	length: number,
	rate: number,
	f0: number,
	parts: ReadonlyArray<readonly [number, number, number]>,
	vibrato = 0,
	vibratoHz = 5,
): Float32Array {
	const out = new Float32Array(length);
	for (const [ratio, amp, decay] of parts) {
		const f = f0 * ratio;
		if (f >= rate / 2) continue;
		let phase = 0;
		for (let i = 0; i < length; i++) {
			const t = i / rate;
			phase += (2 * Math.PI * f * (1 + vibrato * Math.sin(2 * Math.PI * vibratoHz * t))) / rate;
			out[i] += amp * Math.sin(phase) * Math.exp(-t / decay);
		}
	}
	return out;
}
