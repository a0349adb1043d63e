import { fft } from './fft.js';

/** Front-end parameters; the defaults are YAMNet's (16 kHz, 25 ms / 10 ms, 64 mel bands 125–7500 Hz). */
export interface LogMelOptions {
	sampleRate: number;
	/** Analysis window in samples (25 ms). */
	windowLength: number;
	/** Hop between frames in samples (10 ms). */
	hopLength: number;
	/** FFT size (next power of two ≥ the window). */
	fftLength: number;
	melBands: number;
	minHz: number;
	maxHz: number;
	/** Added before the log so silence maps to a finite floor, log(0.001) ≈ −6.9. */
	logOffset: number;
}

export const LOG_MEL_DEFAULTS: Readonly<LogMelOptions> = Object.freeze({
	sampleRate: 16000,
	windowLength: 400,
	hopLength: 160,
	fftLength: 512,
	melBands: 64,
	minHz: 125,
	maxHz: 7500,
	logOffset: 0.001,
});

/** A log-mel spectrogram: `frames × bands` values, row-major (one row per 10 ms frame). */
export interface LogMel {
	data: Float32Array;
	frames: number;
	bands: number;
}

/** HTK mel scale. */
export function hzToMel(hz: number): number {
	return 1127 * Math.log(1 + hz / 700);
}

export function melToHz(mel: number): number {
	return 700 * (Math.exp(mel / 1127) - 1);
}

const filterbanks = new Map<string, Float32Array>();

/**
 * Triangular mel filters over the FFT's magnitude bins: `(fftLength/2+1) × melBands`, row-major.
 * Band edges are evenly spaced in mel between `minHz` and `maxHz`; the DC bin gets no weight.
 */
export function melFilterbank(options: Partial<LogMelOptions> = {}): Float32Array {
	const o = { ...LOG_MEL_DEFAULTS, ...options };
	const key = `${o.sampleRate}/${o.fftLength}/${o.melBands}/${o.minHz}/${o.maxHz}`;
	const cached = filterbanks.get(key);
	if (cached) return cached;
	const bins = o.fftLength / 2 + 1;
	const weights = new Float32Array(bins * o.melBands);
	const lo = hzToMel(o.minHz);
	const hi = hzToMel(o.maxHz);
	const step = (hi - lo) / (o.melBands + 1);
	for (let bin = 1; bin < bins; bin++) {
		const mel = hzToMel((bin * o.sampleRate) / o.fftLength);
		for (let band = 0; band < o.melBands; band++) {
			const left = lo + band * step;
			const centre = left + step;
			const right = centre + step;
			const w = mel <= left || mel >= right ? 0 : mel <= centre ? (mel - left) / step : (right - mel) / step;
			weights[bin * o.melBands + band] = w;
		}
	}
	filterbanks.set(key, weights);
	return weights;
}

/** Centre frequency (Hz) of each mel band. */
export function melBandCentres(options: Partial<LogMelOptions> = {}): number[] {
	const o = { ...LOG_MEL_DEFAULTS, ...options };
	const lo = hzToMel(o.minHz);
	const step = (hzToMel(o.maxHz) - lo) / (o.melBands + 1);
	return Array.from({ length: o.melBands }, (_, b) => melToHz(lo + (b + 1) * step));
}

const bandRanges = new WeakMap<Float32Array, Int32Array>();

/** For each band, the first and last bin with non-zero weight (the filters are narrow). */
function rangesOf(weights: Float32Array, bins: number, bands: number): Int32Array {
	let ranges = bandRanges.get(weights);
	if (!ranges) {
		ranges = new Int32Array(bands * 2).fill(-1);
		for (let band = 0; band < bands; band++) {
			for (let k = 1; k < bins; k++) {
				if (weights[k * bands + band] === 0) continue;
				if (ranges[band * 2] < 0) ranges[band * 2] = k;
				ranges[band * 2 + 1] = k;
			}
		}
		bandRanges.set(weights, ranges);
	}
	return ranges;
}

const hannWindows = new Map<number, Float64Array>();

function periodicHann(n: number): Float64Array {
	let w = hannWindows.get(n);
	if (!w) {
		w = new Float64Array(n);
		for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
		hannWindows.set(n, w);
	}
	return w;
}

/** Number of whole frames a signal of `length` samples yields (0 when shorter than one window). */
export function frameCount(length: number, options: Partial<LogMelOptions> = {}): number {
	const o = { ...LOG_MEL_DEFAULTS, ...options };
	return length < o.windowLength ? 0 : 1 + Math.floor((length - o.windowLength) / o.hopLength);
}

/**
 * Log-mel spectrogram of a mono signal already at `options.sampleRate`: STFT with a periodic Hann
 * window, magnitude, mel filterbank, `log(x + logOffset)`. Non-finite samples count as 0.
 *
 * ```ts
 * const { data, frames, bands } = logMelSpectrogram( resample( mono, 48000, 16000 ) );
 * ```
 */
export function logMelSpectrogram(samples: Float32Array, options: Partial<LogMelOptions> = {}): LogMel {
	const o = { ...LOG_MEL_DEFAULTS, ...options };
	if (o.fftLength < o.windowLength) throw new RangeError('logMelSpectrogram: fftLength < windowLength');
	const frames = frameCount(samples.length, o);
	const bins = o.fftLength / 2 + 1;
	const weights = melFilterbank(o);
	const ranges = rangesOf(weights, bins, o.melBands);
	const window = periodicHann(o.windowLength);
	const re = new Float64Array(o.fftLength);
	const im = new Float64Array(o.fftLength);
	const magnitude = new Float64Array(bins);
	const data = new Float32Array(frames * o.melBands);
	for (let f = 0; f < frames; f++) {
		const start = f * o.hopLength;
		re.fill(0);
		im.fill(0);
		for (let i = 0; i < o.windowLength; i++) {
			const x = samples[start + i];
			re[i] = Number.isFinite(x) ? x * window[i] : 0;
		}
		fft(re, im);
		for (let k = 0; k < bins; k++) magnitude[k] = Math.hypot(re[k], im[k]);
		const row = f * o.melBands;
		for (let band = 0; band < o.melBands; band++) {
			let sum = 0;
			const last = ranges[band * 2 + 1];
			for (let k = Math.max(1, ranges[band * 2]); k <= last; k++) sum += magnitude[k] * weights[k * o.melBands + band];
			data[row + band] = Math.log(sum + o.logOffset);
		}
	}
	return { data, frames, bands: o.melBands };
}
