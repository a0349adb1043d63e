import type { SoundClass } from '../../../fusion/scenario.js';
import type { Rng } from '../../../runtime/Rng.js';
import { biquad, decayEnvelope, mixInto, noise, partials } from './synthDsp.js';

/** Synthesises one dry example of a class: `length` samples at `rate`. */
export type ClassSynth = (rng: Rng, length: number, rate: number) => Float32Array;

/** A harmonic tone whose partials fall off as 1/k^tilt, with an attack/decay envelope. */
function harmonicNote(rng: Rng, length: number, rate: number, f0: number, duration: number): Float32Array {
	const count = rng.int(1, 8);
	const tilt = rng.uniform(0.6, 2);
	const parts: Array<[number, number, number]> = [];
	for (let k = 1; k <= count; k++) parts.push([k, k ** -tilt, rng.uniform(0.2, 1.5) / k ** 0.3]);
	const n = Math.min(length, Math.round(duration * rate));
	const note = partials(n, rate, f0, parts, rng.uniform(0, 0.006));
	const attack = rng.uniform(0.002, 0.05);
	for (let i = 0; i < n; i++) {
		const t = i / rate;
		const release = Math.min(1, (duration - t) / 0.03);
		note[i] *= Math.min(1, t / attack) * Math.max(0, release);
	}
	return note;
}

const music: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const beat = 60 / rng.uniform(70, 170);
	const root = rng.logUniform(110, 520);
	const scale = rng.pick([
		[0, 2, 4, 5, 7, 9, 11, 12],
		[0, 2, 3, 5, 7, 8, 10, 12],
		[0, 3, 5, 7, 10, 12],
	]);
	const step = beat * rng.pick([0.5, 1, 0.25]);
	for (let t = rng.uniform(-step, 0); t < length / rate; t += step) {
		const voices = rng.chance(0.4) ? rng.int(2, 3) : 1;
		for (let v = 0; v < voices; v++) {
			const f = root * 2 ** (rng.pick(scale) / 12) * (v > 0 ? 0.5 : 1);
			const note = harmonicNote(rng, length, rate, f, step * rng.uniform(0.8, 2));
			mixInto(out, note, t * rate, 0.5);
		}
	}
	if (rng.chance(0.5)) {
		for (let t = 0; t < length / rate; t += beat) {
			const kick = partials(Math.round(0.15 * rate), rate, rng.uniform(50, 80), [[1, 1, 0.06]]);
			mixInto(out, kick, t * rate, rng.uniform(0.3, 0.8));
			const hat = biquad(noise(Math.round(0.04 * rate), rng), 'highpass', 6000, 0.7, rate);
			const env = decayEnvelope(hat.length, rate, 0.001, 0.01);
			for (let i = 0; i < hat.length; i++) hat[i] *= env[i];
			mixInto(out, hat, (t + beat / 2) * rate, rng.uniform(0.05, 0.3));
		}
	}
	return out;
};

const alarm: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const kind = rng.int(0, 2);
	const f1 = rng.logUniform(500, 3500);
	const f2 = f1 * rng.uniform(0.6, 0.85);
	const period = rng.uniform(0.15, 0.8);
	const duty = rng.uniform(0.35, 0.7);
	const odd = rng.int(1, 4);
	let phase = rng.uniform(0, 6);
	for (let i = 0; i < length; i++) {
		const t = i / rate;
		const cycle = (t / period) % 1;
		let f = f1;
		let on = 1;
		if (kind === 0) on = cycle < duty ? 1 : 0;
		else if (kind === 1) f = cycle < 0.5 ? f1 : f2;
		else f = f2 + (f1 - f2) * (0.5 - 0.5 * Math.cos(2 * Math.PI * cycle));
		phase += (2 * Math.PI * f) / rate;
		let s = 0;
		for (let k = 1; k <= 2 * odd - 1; k += 2) if (f * k < rate / 2) s += Math.sin(k * phase) / k;
		out[i] = on * s;
	}
	return out;
};

const phoneRing: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const fa = rng.logUniform(400, 1800);
	const fb = fa * rng.uniform(1.1, 1.35);
	const trill = rng.uniform(12, 28);
	const ring = rng.uniform(0.35, 1.2);
	const gap = rng.uniform(0.15, 0.5);
	const offset = rng.uniform(0, ring + gap);
	const dual = rng.chance(0.5);
	let pa = 0;
	let pb = 0;
	for (let i = 0; i < length; i++) {
		const t = i / rate + offset;
		const on = t % (ring + gap) < ring ? 1 : 0;
		const high = Math.sin(2 * Math.PI * trill * t) > 0;
		pa += (2 * Math.PI * (dual ? fa : high ? fb : fa)) / rate;
		pb += (2 * Math.PI * fb) / rate;
		const s = dual ? (Math.sin(pa) + Math.sin(pb)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * trill * t)) : Math.sin(pa);
		out[i] = on * s;
	}
	return out;
};

const BELL_RATIOS = [0.5, 1, 1.19, 1.5, 2, 2.5, 2.66, 3.01, 4.1, 5.4];

const bell: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const strikes = rng.int(1, 3);
	const f0 = rng.logUniform(180, 1500);
	const decay = rng.uniform(0.4, 2.5);
	const parts = BELL_RATIOS.map(
		(r, k) => [r * rng.uniform(0.98, 1.02), rng.uniform(0.2, 1) / (1 + k * 0.3), decay / (1 + k * 0.5)] as const,
	);
	for (let s = 0; s < strikes; s++) {
		const at = s === 0 ? rng.uniform(-0.3, 0.3) : rng.uniform(0, length / rate - 0.1);
		const tone = partials(length, rate, f0, parts);
		mixInto(out, tone, at * rate, rng.uniform(0.6, 1));
	}
	return out;
};

/** A short resonant impact: a noise click through a band-pass plus a damped low sine. */
function impact(rng: Rng, rate: number, hz: number, q: number, decay: number): Float32Array {
	const n = Math.round((decay * 6 + 0.01) * rate);
	const click = noise(n, rng);
	const env = decayEnvelope(n, rate, 0.0005, decay * 0.4);
	for (let i = 0; i < n; i++) click[i] *= env[i];
	biquad(click, 'bandpass', hz, q, rate);
	const body = partials(n, rate, hz * rng.uniform(0.4, 0.8), [[1, 1, decay]]);
	for (let i = 0; i < n; i++) click[i] = click[i] * 4 + body[i] * Math.min(1, i / (0.001 * rate));
	return click;
}

const knock: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const hz = rng.logUniform(150, 700);
	const q = rng.uniform(2, 10);
	const decay = rng.uniform(0.01, 0.05);
	let t = rng.uniform(0, 0.3);
	while (t < length / rate) {
		const group = rng.int(2, 4);
		const gap = rng.uniform(0.1, 0.25);
		for (let k = 0; k < group; k++, t += gap * rng.uniform(0.85, 1.15)) {
			mixInto(out, impact(rng, rate, hz * rng.uniform(0.9, 1.1), q, decay), t * rate, rng.uniform(0.6, 1));
		}
		t += rng.uniform(0.4, 1.2);
	}
	return out;
};

const footsteps: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const pace = rng.uniform(0.35, 0.7);
	const cutoff = rng.logUniform(150, 1500);
	const gritty = rng.chance(0.4);
	for (let t = rng.uniform(0, pace); t < length / rate; t += pace * rng.uniform(0.9, 1.1)) {
		for (const [delay, gain] of [
			[0, 1],
			[rng.uniform(0.05, 0.12), rng.uniform(0.3, 0.7)],
		]) {
			const n = Math.round(rng.uniform(0.04, 0.1) * rate);
			const step = noise(n, rng, gritty ? 'white' : 'pink');
			const env = decayEnvelope(n, rate, 0.003, rng.uniform(0.01, 0.03));
			for (let i = 0; i < n; i++) step[i] *= env[i];
			biquad(step, 'lowpass', gritty ? cutoff * 4 : cutoff, 0.8, rate);
			mixInto(out, step, (t + delay) * rate, gain * rng.uniform(0.7, 1));
		}
	}
	return out;
};

const water: ClassSynth = (rng, length, rate) => {
	const out = biquad(noise(length, rng, 'pink'), 'bandpass', rng.logUniform(400, 3000), rng.uniform(0.3, 1.2), rate);
	for (let i = 0; i < length; i++) out[i] *= rng.uniform(0.05, 0.5) * 2;
	const bubbles = Math.round(rng.uniform(20, 150) * (length / rate));
	for (let b = 0; b < bubbles; b++) {
		const f = rng.logUniform(300, 3000);
		const n = Math.round(rng.uniform(0.005, 0.04) * rate);
		const rise = rng.uniform(0.5, 4);
		const bubble = new Float32Array(n);
		let phase = 0;
		for (let i = 0; i < n; i++) {
			const t = i / rate;
			phase += (2 * Math.PI * f * (1 + rise * t)) / rate;
			bubble[i] = Math.sin(phase) * Math.exp(-t / (n / rate / 3));
		}
		mixInto(out, bubble, rng.uniform(0, length), rng.uniform(0.1, 0.6));
	}
	return out;
};

const hum: ClassSynth = (rng, length, rate) => {
	const mains = rng.pick([50, 60]) * (rng.chance(0.3) ? 2 : 1);
	const parts: Array<[number, number, number]> = [];
	for (let k = 1; k <= 12; k++) parts.push([k, rng.uniform(0, 1) / k ** rng.uniform(0, 1.2), 1e9]);
	const out = partials(length, rate, mains * rng.uniform(0.995, 1.005), parts);
	if (rng.chance(0.5)) mixInto(out, biquad(noise(length, rng, 'brown'), 'lowpass', 400, 0.7, rate), 0, 0.3);
	return out;
};

const clap: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const applause = rng.chance(0.3);
	const centre = rng.logUniform(700, 2500);
	const spacing = applause ? 1 / rng.uniform(15, 50) : rng.uniform(0.2, 0.6);
	for (let t = rng.uniform(0, applause ? 0.02 : 0.3); t < length / rate; t += spacing * rng.uniform(0.5, 1.5)) {
		const n = Math.round(0.06 * rate);
		const burst = noise(n, rng);
		const env = decayEnvelope(n, rate, 0.0005, rng.uniform(0.004, 0.015));
		for (let i = 0; i < n; i++) burst[i] *= env[i];
		biquad(burst, 'bandpass', centre * rng.uniform(0.8, 1.25), rng.uniform(0.8, 2.5), rate);
		mixInto(out, burst, t * rate, applause ? rng.uniform(0.2, 0.6) : 1);
	}
	return out;
};

const dog: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const base = rng.logUniform(250, 650);
	const formant = rng.logUniform(700, 2200);
	for (let t = rng.uniform(0, 0.3); t < length / rate; t += rng.uniform(0.25, 0.7)) {
		const dur = rng.uniform(0.08, 0.25);
		const n = Math.round(dur * rate);
		const bark = new Float32Array(n);
		let phase = 0;
		for (let i = 0; i < n; i++) {
			const x = i / n;
			// Pitch leaps up then sags; the envelope is a fast rise and slower fall.
			const f = base * (1 + 0.6 * Math.sin(Math.PI * Math.min(1, x * 1.6)));
			phase += (2 * Math.PI * f) / rate;
			let s = 0;
			for (let k = 1; k <= 10 && f * k < rate / 2; k++) s += Math.sin(k * phase) / k;
			bark[i] = (s + (rng.next() - 0.5) * rng.uniform(0.2, 1.5)) * Math.min(1, x * 12) * (1 - x) ** 1.5;
		}
		biquad(bark, 'bandpass', formant, rng.uniform(0.7, 2), rate);
		mixInto(out, bark, t * rate, rng.uniform(0.6, 1));
	}
	return out;
};

/** Speech without a recogniser: glottal pulses through moving vowel formants, syllable rhythm. */
export const babble: ClassSynth = (rng, length, rate) => {
	const out = new Float32Array(length);
	const f0 = rng.logUniform(85, 260);
	const vowels = [
		[730, 1090],
		[270, 2290],
		[300, 870],
		[530, 1840],
		[640, 1190],
	];
	for (let t = rng.uniform(0, 0.2); t < length / rate; t += rng.uniform(0.12, 0.3)) {
		const n = Math.round(rng.uniform(0.08, 0.22) * rate);
		const [fa, fb] = rng.pick(vowels);
		const syl = new Float32Array(n);
		let phase = 0;
		const glide = rng.uniform(-0.3, 0.3);
		for (let i = 0; i < n; i++) {
			const x = i / n;
			phase += (2 * Math.PI * f0 * (1 + glide * x)) / rate;
			syl[i] = ((phase / (2 * Math.PI)) % 1) - 0.5 + (rng.next() - 0.5) * 0.05;
		}
		const a = biquad(syl.slice(), 'bandpass', fa, 5, rate);
		const b = biquad(syl, 'bandpass', fb, 8, rate);
		for (let i = 0; i < n; i++) a[i] = (a[i] + 0.6 * b[i]) * Math.sin(Math.PI * (i / n));
		mixInto(out, a, t * rate);
	}
	return out;
};

/** Procedural generators for every class but speech (which comes from espeak-ng or {@link babble}) and silence. */
export const CLASS_SYNTHS: Partial<Record<SoundClass, ClassSynth>> = {
	music,
	alarm,
	phone_ring: phoneRing,
	bell,
	knock,
	footsteps,
	water,
	hum,
	clap,
	dog,
};
