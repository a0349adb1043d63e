import * as tf from '@tensorflow/tfjs';
import { Quaternion, Vector3 } from 'three';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	azimuthToItd,
	azimuthToWorldDirection,
	DEFAULT_HEAD,
	estimateAzimuth,
	itdToAzimuth,
} from '../../src/perception/audio/direction.js';
import { fft } from '../../src/perception/audio/fft.js';
import { gccPhat } from '../../src/perception/audio/gccPhat.js';
import { LOG_MEL_DEFAULTS, logMelSpectrogram, melBandCentres } from '../../src/perception/audio/logMel.js';
import { resample } from '../../src/perception/audio/resample.js';
import { rms, sanitizeSamples } from '../../src/perception/audio/sanitize.js';
import { seededNoise } from '../support/seededNoise.js';

function tone(hz: number, seconds: number, rate: number, amp = 0.5): Float32Array {
	const out = new Float32Array(Math.round(seconds * rate));
	for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate);
	return out;
}

const noise = seededNoise;

/** Right channel = source; left = source delayed by `delay` s (fractional, by linear interpolation) and scaled. */
function stereoPair(source: Float32Array, rate: number, delay: number, ildDb: number): [Float32Array, Float32Array] {
	const left = new Float32Array(source.length);
	const right = new Float32Array(source.length);
	const d = delay * rate;
	const gl = 10 ** (-Math.max(0, ildDb) / 20) * 10 ** (0 / 20);
	const gr = 10 ** (Math.min(0, ildDb) / 20);
	for (let i = 0; i < source.length; i++) {
		// Positive delay: left lags (source on the right). Negative: right lags.
		const tl = i - Math.max(0, d);
		const tr = i - Math.max(0, -d);
		left[i] = gl * interp(source, tl);
		right[i] = gr * interp(source, tr);
	}
	return [left, right];
}

function interp(x: Float32Array, t: number): number {
	const i = Math.floor(t);
	if (i < 0 || i + 1 >= x.length) return 0;
	const f = t - i;
	return x[i] * (1 - f) + x[i + 1] * f;
}

describe('fft', () => {
	beforeAll(async () => {
		await tf.setBackend('cpu');
	});

	it('agrees with tf.spectral.rfft', async () => {
		const x = noise(512, 7);
		const re = Float64Array.from(x);
		const im = new Float64Array(512);
		fft(re, im);
		const spectrum = tf.spectral.rfft(tf.tensor1d(x));
		const [tr, ti] = [await tf.real(spectrum).data(), await tf.imag(spectrum).data()];
		for (let k = 0; k <= 256; k++) {
			expect(re[k]).toBeCloseTo(tr[k], 2);
			expect(im[k]).toBeCloseTo(ti[k], 2);
		}
		spectrum.dispose();
	});

	it('inverts', () => {
		const x = noise(64, 3);
		const re = Float64Array.from(x);
		const im = new Float64Array(64);
		fft(re, im);
		fft(re, im, true);
		for (let i = 0; i < 64; i++) expect(re[i]).toBeCloseTo(x[i], 6);
	});

	it('rejects sizes that are not powers of two', () => {
		expect(() => fft(new Float64Array(300), new Float64Array(300))).toThrow(/power of two/);
	});
});

describe('log-mel front end', () => {
	const centres = melBandCentres();

	it.each([250, 440, 1000, 3000, 6000])('a %d Hz tone peaks in the mel band centred nearest it', (hz) => {
		const { data, frames, bands } = logMelSpectrogram(tone(hz, 0.5, 16000));
		expect(bands).toBe(64);
		expect(frames).toBe(1 + Math.floor((8000 - 400) / 160));
		const mid = Math.floor(frames / 2) * bands;
		let best = 0;
		for (let b = 1; b < bands; b++) if (data[mid + b] > data[mid + best]) best = b;
		let nearest = 0;
		for (let b = 1; b < bands; b++) if (Math.abs(centres[b] - hz) < Math.abs(centres[nearest] - hz)) nearest = b;
		expect(Math.abs(best - nearest)).toBeLessThanOrEqual(1);
	});

	it('maps silence to the log floor and survives NaN samples', () => {
		const silent = logMelSpectrogram(new Float32Array(16000));
		for (const v of silent.data) expect(v).toBeCloseTo(Math.log(LOG_MEL_DEFAULTS.logOffset), 5);
		const poisoned = tone(1000, 1, 16000);
		for (let i = 0; i < poisoned.length; i += 97) poisoned[i] = Number.NaN;
		poisoned[5] = Number.POSITIVE_INFINITY;
		const out = logMelSpectrogram(poisoned);
		expect(out.data.every(Number.isFinite)).toBe(true);
	});

	it('returns no frames for a signal shorter than one window', () => {
		expect(logMelSpectrogram(new Float32Array(100)).frames).toBe(0);
	});
});

describe('resample', () => {
	it('keeps a tone below the new Nyquist and removes one above it', () => {
		const kept = resample(tone(1000, 1, 48000), 48000, 16000);
		expect(kept.length).toBe(16000);
		expect(rms(kept, 1000, 15000)).toBeCloseTo(0.5 / Math.SQRT2, 1);
		// 1 kHz still at 1 kHz: zero crossings ≈ 2000 per second.
		let crossings = 0;
		for (let i = 1001; i < 15000; i++) if (kept[i - 1] < 0 !== kept[i] < 0) crossings++;
		expect(crossings / (14000 / 16000)).toBeGreaterThan(1980);
		expect(crossings / (14000 / 16000)).toBeLessThan(2020);
		const aliased = resample(tone(12000, 1, 48000), 48000, 16000);
		expect(rms(aliased, 1000, 15000)).toBeLessThan(0.01);
	});

	it('resamples 44.1 kHz (a tabulated rational ratio) like the direct kernel would', () => {
		const out = resample(tone(440, 1, 44100), 44100, 16000);
		expect(out.length).toBe(16000);
		expect(rms(out, 1000, 15000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
		for (let i = 1000; i < 15000; i += 1237)
			expect(out[i]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000), 2);
		// An irrational-looking ratio takes the direct path and agrees.
		const direct = resample(tone(440, 1, 44100.5), 44100.5, 16000);
		expect(rms(direct, 1000, 15000)).toBeCloseTo(0.5 / Math.SQRT2, 2);
	});

	it('upsamples and rejects bad rates', () => {
		expect(resample(tone(440, 0.1, 8000), 8000, 16000).length).toBe(1600);
		expect(() => resample(new Float32Array(10), 0, 16000)).toThrow(RangeError);
	});
});

describe('sanitizeSamples', () => {
	it('zeroes non-finite samples, clamps and counts clipping', () => {
		const { samples, report } = sanitizeSamples([0.5, Number.NaN, 2, -3, Number.NEGATIVE_INFINITY, 1]);
		expect(Array.from(samples)).toEqual([0.5, 0, 1, -1, 0, 1]);
		expect(report).toEqual({ nonFinite: 2, clipped: 3, length: 6 });
	});
});

describe('direction of arrival', () => {
	const rate = 48000;
	const source = noise(rate / 2, 11);

	it('GCC-PHAT recovers a fractional delay', () => {
		const [left, right] = stereoPair(source, rate, 10.4 / rate, 0);
		const { delay, peak } = gccPhat(left, right, { sampleRate: rate });
		expect(delay * rate).toBeCloseTo(10.4, 0);
		expect(peak).toBeGreaterThan(0.5);
	});

	it.each([-80, -60, -30, -10, 0, 15, 45, 70, 85])(
		'a pair with the ITD and ILD of %d° gives that azimuth ±10°',
		(deg) => {
			const az = (deg * Math.PI) / 180;
			const [left, right] = stereoPair(source, rate, azimuthToItd(az), DEFAULT_HEAD.maxIld * Math.sin(az));
			const est = estimateAzimuth(left, right, rate);
			expect(Math.abs((est.azimuth! * 180) / Math.PI - deg)).toBeLessThanOrEqual(10);
			expect(Math.sign(est.itd)).toBe(Math.sign(deg));
		},
	);

	it('works on a tone-rich (music-like) source and at 16 kHz', () => {
		const chord = tone(220, 0.5, 16000);
		const b = tone(330, 0.5, 16000);
		const c = tone(1250, 0.5, 16000, 0.2);
		for (let i = 0; i < chord.length; i++) chord[i] += b[i] + c[i] + 0.05 * Math.sin(i * i * 1e-4);
		// Its loud tones are low (220, 330 Hz): a head delays them by the low-frequency ITD, 3(r/c) sin θ.
		const itd = azimuthToItd(-Math.PI / 4, DEFAULT_HEAD, 400);
		const [left, right] = stereoPair(chord, 16000, itd, -DEFAULT_HEAD.maxIld * Math.SQRT1_2);
		const est = estimateAzimuth(left, right, 16000);
		expect(Math.abs((est.azimuth! * 180) / Math.PI + 45)).toBeLessThanOrEqual(10);
	});

	it('uses timing alone when a channel clips, and survives NaN', () => {
		const loud = source.map((x) => x * 6);
		// Source at +40°, but the right channel is clipped so its level lies.
		const [left, right] = stereoPair(loud, rate, azimuthToItd((40 * Math.PI) / 180), 0);
		for (let i = 0; i < left.length; i += 101) left[i] = Number.NaN;
		const est = estimateAzimuth(left, right, rate);
		expect(Number.isFinite(est.azimuth)).toBe(true);
		expect(Math.abs((est.azimuth! * 180) / Math.PI - 40)).toBeLessThanOrEqual(10);
	});

	it('follows the level cue of an amplitude-panned mix (no delay at all)', () => {
		const [left, right] = stereoPair(source, rate, 0, -7.7); // three's equal-power panner at −45°
		const est = estimateAzimuth(left, right, rate);
		expect((est.azimuth! * 180) / Math.PI).toBeLessThan(-20);
		const [l2, r2] = stereoPair(source, rate, 0, 1); // a small level difference alone stays ahead
		expect(Math.abs((estimateAzimuth(l2, r2, rate).azimuth! * 180) / Math.PI)).toBeLessThan(10);
	});

	it('silence has no direction', () => {
		const est = estimateAzimuth(new Float32Array(4800), new Float32Array(4800), rate);
		expect(est.confidence).toBe(0);
	});

	it('Woodworth model round-trips and clamps', () => {
		for (const deg of [-90, -45, 0, 30, 89]) {
			const az = (deg * Math.PI) / 180;
			expect(itdToAzimuth(azimuthToItd(az))).toBeCloseTo(az, 4);
		}
		expect(itdToAzimuth(0.01)).toBeCloseTo(Math.PI / 2, 4);
	});

	it('turns a head-frame azimuth into a world direction with the stamped pose', () => {
		const facingLeft = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI / 2); // looking along −X
		const dir = azimuthToWorldDirection(Math.PI / 2, facingLeft, new Vector3()); // on the head's right
		expect(dir.x).toBeCloseTo(0, 6);
		expect(dir.z).toBeCloseTo(-1, 6); // head's right is world −Z when facing −X
		const ahead = azimuthToWorldDirection(0, new Quaternion(), new Vector3());
		expect(ahead.toArray().map((v) => Math.round(v))).toEqual([0, 0, -1]);
	});
});
