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
}

/** Inter-channel delay found by {@link gccPhat}. */
export interface GccPhatResult {
	/** Delay of the left channel behind the right, seconds: positive = the right ear heard it first. */
	delay: number;
	/** Height of the normalised correlation peak, 0–1: how clearly one delay explains the pair. */
	peak: number;
}

/**
 * Generalised cross-correlation with phase transform between two channels. The cross-spectra of
 * overlapping Hann-windowed frames are summed before whitening (so a steady source dominates
 * transient noise), then the inverse transform is searched within ±`maxDelay` with parabolic
 * interpolation for sub-sample precision.
 *
 * ```ts
 * const { delay, peak } = gccPhat( left, right, { sampleRate: 48000 } );
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
		}
		if (count < frameLength) break;
	}
	const re = new Float64Array(n);
	const im = new Float64Array(n);
	let used = 0;
	for (let k = minBin; k <= maxBin; k++) {
		const mag = Math.hypot(sumRe[k], sumIm[k]);
		if (mag < 1e-12) continue;
		re[k] = sumRe[k] / mag;
		im[k] = sumIm[k] / mag;
		if (k > 0 && k < n / 2) {
			// Hermitian mirror so the inverse transform is real.
			re[n - k] = re[k];
			im[n - k] = -im[k];
		}
		used++;
	}
	if (used === 0) return { delay: 0, peak: 0 };
	fft(re, im, true);
	const at = (lag: number) => re[(lag + n) % n];
	let best = 0;
	let bestValue = Number.NEGATIVE_INFINITY;
	for (let lag = -maxLag; lag <= maxLag; lag++) {
		if (at(lag) > bestValue) {
			bestValue = at(lag);
			best = lag;
		}
	}
	// A perfect single delay puts all of the whitened energy (2·used bins over n) in one lag.
	const peak = Math.max(0, Math.min(1, (bestValue * n) / (2 * used)));
	const y0 = at(best - 1);
	const y2 = at(best + 1);
	const denom = y0 - 2 * bestValue + y2;
	const offset = Math.abs(best) < maxLag && denom < 0 ? (0.5 * (y0 - y2)) / denom : 0;
	return { delay: (best + offset) / sampleRate, peak };
}
