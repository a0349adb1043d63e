import { fft, nextPow2 } from './fft.js';

export interface GccPhatOptions {
	sampleRate: number;
	/** Largest delay searched, in seconds (default 1 ms: a head is ~0.7 ms wide). */
	maxDelay?: number;
	/** Analysis frame in samples; cross-spectra of 50 %-overlapping frames are summed (default 2048). */
	frameLength?: number;
	/** Band used for the phase transform, Hz (default 200–6000: below, room modes; above, phase wraps). */
	minHz?: number;
	maxHz?: number;
	/**
	 * Bins whose cross-power is below this fraction of the strongest bin's are left out (default 1e-3,
	 * −30 dB). Whitening would otherwise give a tone's empty bins — window leakage and rounding noise —
	 * as much say as the tone itself, and their phases carry no delay.
	 */
	floor?: number;
}

/** One local maximum of the correlation inside the searched range. */
export interface GccPhatPeak {
	/** Delay of the left channel behind the right, seconds. */
	delay: number;
	/** Normalised height, 0–1. */
	height: number;
}

/** Inter-channel delay found by {@link gccPhat}. */
export interface GccPhatResult {
	/** Delay of the left channel behind the right, seconds: positive = the right ear heard it first. */
	delay: number;
	/** Height of the normalised correlation peak, 0–1: how clearly one delay explains the pair. */
	peak: number;
	/** Height of the best *other* local maximum, 0–1 (0 when there is none): a narrowband source repeats its peak every period. */
	second: number;
	/** The highest local maxima within ±`maxDelay`, best first (at most 4). */
	peaks: GccPhatPeak[];
	/** Mean frequency of the bins that made the correlation, weighted as they were, Hz (0 when none). */
	frequency: number;
}

const MAX_PEAKS = 4;

/**
 * Generalised cross-correlation with phase transform between two channels. The cross-spectra of
 * overlapping Hann-windowed frames are summed before whitening (so a steady source dominates
 * transient noise); each bin is then weighted by its coherence across frames and bins without
 * energy are dropped, so a tone or a diffuse noise cannot fake a sharp peak. The inverse transform
 * is searched within ±`maxDelay` with parabolic interpolation for sub-sample precision, and its
 * local maxima are returned so a caller can resolve a narrowband signal's phase-wrap ambiguity.
 *
 * ```ts
 * const { delay, peak, second } = gccPhat( left, right, { sampleRate: 48000 } );
 * const sharpness = 1 - second / peak; // ~1 for one clear delay, ~0 for a tone or diffuse noise
 * ```
 */
export function gccPhat(left: Float32Array, right: Float32Array, options: GccPhatOptions): GccPhatResult {
	const { sampleRate } = options;
	const length = Math.min(left.length, right.length);
	const frameLength = Math.min(options.frameLength ?? 2048, nextPow2(Math.max(length, 2)));
	const n = nextPow2(frameLength * 2);
	const maxLag = Math.min(Math.ceil((options.maxDelay ?? 0.001) * sampleRate), n / 2 - 2);
	const minBin = Math.max(1, Math.floor(((options.minHz ?? 200) * n) / sampleRate));
	const maxBin = Math.min(n / 2, Math.ceil(((options.maxHz ?? 6000) * n) / sampleRate));
	const sumRe = new Float64Array(n);
	const sumIm = new Float64Array(n);
	// Σ|L||R| per bin: with |Σ L·R*| it gives the coherence of the bin across frames.
	const sumAbs = new Float64Array(n);
	// Both channels go through one complex FFT (left as real part, right as imaginary) and are
	// separated by conjugate symmetry: half the transforms.
	const xr = new Float64Array(n);
	const xi = new Float64Array(n);
	const hop = frameLength >> 1;
	const hann = new Float64Array(frameLength);
	for (let i = 0; i < frameLength; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frameLength);
	for (let start = 0; start === 0 || start + frameLength <= length; start += hop) {
		xr.fill(0);
		xi.fill(0);
		const count = Math.min(frameLength, length - start);
		for (let i = 0; i < count; i++) {
			const w = count === frameLength ? hann[i] : 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / count);
			const a = left[start + i];
			const b = right[start + i];
			xr[i] = Number.isFinite(a) ? a * w : 0;
			xi[i] = Number.isFinite(b) ? b * w : 0;
		}
		fft(xr, xi);
		for (let k = minBin; k <= maxBin; k++) {
			const m = (n - k) % n;
			const lRe = 0.5 * (xr[k] + xr[m]);
			const lIm = 0.5 * (xi[k] - xi[m]);
			const rRe = 0.5 * (xi[k] + xi[m]);
			const rIm = 0.5 * (xr[m] - xr[k]);
			// L · conj(R): its inverse peaks at τ where left[t] ≈ right[t − τ].
			sumRe[k] += lRe * rRe + lIm * rIm;
			sumIm[k] += lIm * rRe - lRe * rIm;
			sumAbs[k] += Math.hypot(lRe, lIm) * Math.hypot(rRe, rIm);
		}
		if (count < frameLength) break;
	}
	let strongest = 0;
	for (let k = minBin; k <= maxBin; k++) strongest = Math.max(strongest, Math.hypot(sumRe[k], sumIm[k]));
	const floor = Math.max(1e-12, strongest * (options.floor ?? 1e-3));
	const re = new Float64Array(n);
	const im = new Float64Array(n);
	let weight = 0;
	let weightedBin = 0;
	for (let k = minBin; k <= maxBin; k++) {
		const mag = Math.hypot(sumRe[k], sumIm[k]);
		if (mag < floor) continue;
		const w = mag / Math.max(sumAbs[k], mag);
		re[k] = (w * sumRe[k]) / mag;
		im[k] = (w * sumIm[k]) / mag;
		if (k > 0 && k < n / 2) {
			// Hermitian mirror so the inverse transform is real.
			re[n - k] = re[k];
			im[n - k] = -im[k];
		}
		weight += w;
		weightedBin += w * k;
	}
	if (weight === 0) return { delay: 0, peak: 0, second: 0, peaks: [], frequency: 0 };
	const frequency = ((weightedBin / weight) * sampleRate) / n;
	fft(re, im, true);
	// A perfect single delay puts all of the whitened energy (2·weight over n) in one lag.
	const scale = n / (2 * weight);
	const at = (lag: number) => re[(lag + n) % n];
	const peaks: GccPhatPeak[] = [];
	for (let lag = -maxLag; lag <= maxLag; lag++) {
		const y1 = at(lag);
		const y0 = at(lag - 1);
		const y2 = at(lag + 1);
		// A local maximum; the ends of the range count when the curve rises towards them.
		if (!((lag === -maxLag || y1 > y0) && (lag === maxLag || y1 >= y2))) continue;
		const denom = y0 - 2 * y1 + y2;
		const offset = Math.abs(lag) < maxLag && denom < 0 ? (0.5 * (y0 - y2)) / denom : 0;
		peaks.push({ delay: (lag + offset) / sampleRate, height: Math.max(0, Math.min(1, y1 * scale)) });
	}
	peaks.sort((a, b) => b.height - a.height);
	peaks.length = Math.min(peaks.length, MAX_PEAKS);
	if (peaks.length === 0) return { delay: 0, peak: 0, second: 0, peaks, frequency };
	return { delay: peaks[0].delay, peak: peaks[0].height, second: peaks[1]?.height ?? 0, peaks, frequency };
}
