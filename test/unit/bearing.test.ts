import { describe, expect, it } from 'vitest';
import { azimuthToItd, DEFAULT_HEAD, estimateAzimuth } from '../../src/perception/audio/direction.js';
import { seededNoise } from '../support/seededNoise.js';

// Real signals built here: a source at an azimuth reaches the ears with the head model's delay
// (Woodworth for broadband noise, towards 3(r/c) sin θ for low tones) and a level difference of
// maxIld·sin θ.
const rate = 48000;
const length = 16384; // the hearing stage's analysis span (~0.34 s)
const toDeg = (r: number) => (r * 180) / Math.PI;
const toRad = (d: number) => (d * Math.PI) / 180;

/** Sum of sines, each at `amp / count`, delayed by `delay` seconds (exact: evaluated at t − delay). */
function tones(freqs: number[], delay: number, amp: number): Float32Array {
	const out = new Float32Array(length);
	for (let i = 0; i < length; i++) {
		let s = 0;
		for (const f of freqs) s += Math.sin(2 * Math.PI * f * (i / rate - delay));
		out[i] = (amp * s) / freqs.length;
	}
	return out;
}

/** A pair of tones from `azimuth`: the far ear later and quieter, by the head model. */
function tonesFrom(freqs: number[], azimuthDeg: number, amp = 0.4): [Float32Array, Float32Array] {
	const az = toRad(azimuthDeg);
	// A head delays low tones more than clicks: the model's ITD at the tones' mean frequency.
	const itd = azimuthToItd(az, DEFAULT_HEAD, freqs.reduce((a, b) => a + b, 0) / freqs.length);
	const ild = DEFAULT_HEAD.maxIld * Math.sin(az);
	// Positive ITD: the right ear first, so the left lags by half of it and the right leads by half.
	return [tones(freqs, itd / 2, amp * 10 ** (-ild / 40)), tones(freqs, -itd / 2, amp * 10 ** (ild / 40))];
}

function square(hz: number, amp: number): Float32Array {
	const out = new Float32Array(length);
	for (let i = 0; i < length; i++) out[i] = Math.sin((2 * Math.PI * hz * i) / rate) >= 0 ? amp : -amp;
	return out;
}

/** Seeded white noise (mulberry32). */
/** Noise a little longer than a block, so delayed copies can be cut from it. */
function noise(seed: number, amp = 0.3): Float32Array {
	return seededNoise(length + 64, seed, amp);
}

/** Noise from `azimuthDeg`, whole-sample delay on the far ear and the model's level difference. */
function noiseFrom(azimuthDeg: number, seed = 5): [Float32Array, Float32Array] {
	const az = toRad(azimuthDeg);
	const lag = Math.round(azimuthToItd(az) * rate);
	const ild = DEFAULT_HEAD.maxIld * Math.sin(az);
	const src = noise(seed);
	const left = new Float32Array(length);
	const right = new Float32Array(length);
	for (let i = 0; i < length; i++) {
		left[i] = src[32 + i - Math.max(0, lag)] * 10 ** (-ild / 40);
		right[i] = src[32 + i - Math.max(0, -lag)] * 10 ** (ild / 40);
	}
	return [left, right];
}

describe('bearings of one-sided and clipped input', () => {
	const silent = new Float32Array(length);

	it('a full-scale square wave on one channel only is on that side, and says it clipped', () => {
		const left = estimateAzimuth(square(440, 1), silent, rate);
		expect(toDeg(left.azimuth!)).toBeLessThan(-60);
		expect(left.clipped).toBe(true);
		expect(left.clippedFraction).toBeGreaterThan(0.4);
		const right = estimateAzimuth(silent, square(440, 1), rate);
		expect(toDeg(right.azimuth!)).toBeGreaterThan(60);
		expect(right.clipped).toBe(true);
		expect(right.confidence).toBeGreaterThan(0.3);
	});

	it('one loud channel with a faint copy on the other (crosstalk at −30 dB) is still on the loud side', () => {
		const loud = square(440, 1);
		const faint = loud.map((x) => x * 0.03);
		expect(toDeg(estimateAzimuth(loud, faint, rate).azimuth!)).toBeLessThan(-60);
		expect(toDeg(estimateAzimuth(faint, loud, rate).azimuth!)).toBeGreaterThan(60);
	});

	it('a clipped 1 kHz sine mostly on the left (level only, no delay) is on the left, clipping reported', () => {
		const left = tones([1000], 0, 1.6).map((x) => Math.max(-1, Math.min(1, x)));
		const right = tones([1000], 0, 0.5);
		const est = estimateAzimuth(left, right, rate);
		expect(est.clipped).toBe(true);
		expect(toDeg(est.azimuth!)).toBeLessThan(-20);
		// The same mix at a volume that does not clip: the same side, not clipped.
		const quiet = estimateAzimuth(tones([1000], 0, 0.4), tones([1000], 0, 0.125), rate);
		expect(quiet.clipped).toBe(false);
		expect(toDeg(quiet.azimuth!)).toBeLessThan(-20);
	});

	it('a clipped source with a real delay keeps its side', () => {
		for (const deg of [-50, 50]) {
			const [l, r] = tonesFrom([700, 1100], deg, 2.5);
			const est = estimateAzimuth(
				l.map((x) => Math.max(-1, Math.min(1, x))),
				r.map((x) => Math.max(-1, Math.min(1, x))),
				rate,
			);
			expect(est.clipped).toBe(true);
			expect(Math.sign(est.azimuth!)).toBe(Math.sign(deg));
			expect(Math.abs(toDeg(est.azimuth!) - deg)).toBeLessThan(20);
		}
	});
});

describe('bearings of narrowband sounds', () => {
	it.each([-60, -45, 45, 60])('a 1 kHz sine from %d° comes out within 15°', (deg) => {
		const [l, r] = tonesFrom([1000], deg);
		const est = estimateAzimuth(l, r, rate);
		expect(Math.abs(toDeg(est.azimuth!) - deg)).toBeLessThan(15);
		expect(est.clipped).toBe(false);
	});

	it.each([
		[-60, [440, 480]],
		[45, [440, 480]],
		[-45, [1400, 2000]],
		[60, [1400, 2000]],
		[45, [853, 1090]],
	])('a two-tone ring from %d° (%j Hz) comes out within 15°', (deg, freqs) => {
		const [l, r] = tonesFrom(freqs, deg);
		const est = estimateAzimuth(l, r, rate);
		expect(Math.abs(toDeg(est.azimuth!) - deg)).toBeLessThan(15);
	});

	it('a lone tone whose timing repeats within the head is less sure than broadband sound from there', () => {
		const [tl, tr] = tonesFrom([1000], 45);
		const [nl, nr] = noiseFrom(45);
		expect(estimateAzimuth(tl, tr, rate).confidence).toBeLessThan(estimateAzimuth(nl, nr, rate).confidence);
	});
});

describe('unknown bearings and confidence', () => {
	it('identical channels (mono, or HRTF not loaded) have no bearing, not "ahead with confidence 1"', () => {
		const mono = tones([1000, 1300], 0, 0.4);
		const est = estimateAzimuth(mono, mono.slice(), rate);
		expect(est.azimuth).toBeNull();
		expect(est.confidence).toBe(0);
		const [n] = noiseFrom(0);
		expect(estimateAzimuth(n, n, rate).azimuth).toBeNull();
		expect(estimateAzimuth(new Float32Array(length), new Float32Array(length), rate).azimuth).toBeNull();
	});

	it('a clean source ahead is a bearing (0°), confidently', () => {
		const [l, r] = noiseFrom(0);
		r[0] += 1e-3; // not bit-identical: a real pair never is
		const est = estimateAzimuth(l, r, rate);
		expect(Math.abs(toDeg(est.azimuth!))).toBeLessThan(5);
		expect(est.confidence).toBeGreaterThan(0.7);
	});

	it('diffuse noise (independent at each ear) is much less sure than a clean source', () => {
		const diffuse = estimateAzimuth(noise(1).subarray(0, length), noise(2).subarray(0, length), rate);
		const [l, r] = noiseFrom(30);
		const clean = estimateAzimuth(l, r, rate);
		expect(Math.abs(toDeg(clean.azimuth!) - 30)).toBeLessThan(10);
		expect(clean.confidence).toBeGreaterThan(0.7);
		expect(diffuse.confidence).toBeLessThan(0.2);
		expect(diffuse.confidence).toBeLessThan(clean.confidence / 4);
	});

	it('a source buried in diffuse noise is less sure than the clean source', () => {
		const [l, r] = noiseFrom(30);
		const a = noise(3, 0.3);
		const b = noise(4, 0.3);
		const noisy = estimateAzimuth(
			l.map((x, i) => x + a[i]),
			r.map((x, i) => x + b[i]),
			rate,
		);
		expect(noisy.confidence).toBeLessThan(estimateAzimuth(l, r, rate).confidence);
	});
});
