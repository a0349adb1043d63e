/** Half-width of the interpolation kernel, in input samples at the passband edge. */
const TAPS = 16;

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann-windowed, ±16 zero crossings). When
 * downsampling, the kernel's cutoff moves to the new Nyquist frequency so nothing above it aliases
 * into the log-mel bands. Used to bring 44.1/48 kHz capture to the 16 kHz the classifier expects.
 *
 * ```ts
 * const at16k = resample( block, 48000, 16000 );
 * ```
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
	if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`resample: bad rates ${fromRate} → ${toRate}`);
	if (fromRate === toRate) return input.slice();
	const ratio = toRate / fromRate;
	const outLength = Math.floor(input.length * ratio);
	const out = new Float32Array(outLength);
	// Slightly below Nyquist so the transition band of the window stays out of the passband edge.
	const cutoff = Math.min(1, ratio) * 0.97;
	const halfWidth = TAPS / cutoff;
	for (let n = 0; n < outLength; n++) {
		const t = n / ratio;
		const first = Math.max(0, Math.ceil(t - halfWidth));
		const last = Math.min(input.length - 1, Math.floor(t + halfWidth));
		let sum = 0;
		for (let k = first; k <= last; k++) {
			const d = t - k;
			const x = Math.PI * cutoff * d;
			const sinc = x === 0 ? 1 : Math.sin(x) / x;
			const window = 0.5 + 0.5 * Math.cos((Math.PI * d) / halfWidth);
			sum += input[k] * sinc * window;
		}
		out[n] = sum * cutoff;
	}
	return out;
}
