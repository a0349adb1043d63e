/** Half-width of the interpolation kernel, in input samples at the passband edge. */
const TAPS = 16;
/** Most kernel phases worth tabulating (44.1 → 16 kHz needs 160). */
const MAX_PHASES = 1024;

interface Kernel {
	/** First input index offset relative to floor(t). */
	first: number;
	length: number;
	/** `phases × length` coefficients. */
	table: Float32Array;
}

const kernels = new Map<string, Kernel>();

function gcd(a: number, b: number): number {
	while (b) [a, b] = [b, a % b];
	return a;
}

function coefficient(d: number, cutoff: number, halfWidth: number): number {
	if (Math.abs(d) >= halfWidth) return 0;
	const x = Math.PI * cutoff * d;
	const sinc = x === 0 ? 1 : Math.sin(x) / x;
	return sinc * (0.5 + 0.5 * Math.cos((Math.PI * d) / halfWidth)) * cutoff;
}

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann-windowed, ±16 zero crossings). When
 * downsampling, the kernel's cutoff moves to the new Nyquist frequency so nothing above it aliases
 * into the log-mel bands. For rational rate pairs (48 → 16 kHz, 44.1 → 16 kHz) the kernel's phases
 * are tabulated once, so the per-sample cost is a dot product.
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
	const integral = Number.isInteger(fromRate) && Number.isInteger(toRate);
	const g = integral ? gcd(fromRate, toRate) : 0;
	const phases = integral ? toRate / g : 0;
	if (integral && phases <= MAX_PHASES) {
		const step = fromRate / g; // t advances by step/phases input samples per output sample
		const kernel = tabulate(fromRate, toRate, phases, cutoff, halfWidth);
		for (let n = 0; n < outLength; n++) {
			const whole = Math.floor((n * step) / phases);
			const phase = (n * step) % phases;
			const base = whole + kernel.first;
			const row = phase * kernel.length;
			let sum = 0;
			const lo = Math.max(0, -base);
			const hi = Math.min(kernel.length, input.length - base);
			for (let k = lo; k < hi; k++) sum += input[base + k] * kernel.table[row + k];
			out[n] = sum;
		}
		return out;
	}
	for (let n = 0; n < outLength; n++) {
		const t = n / ratio;
		const first = Math.max(0, Math.ceil(t - halfWidth));
		const last = Math.min(input.length - 1, Math.floor(t + halfWidth));
		let sum = 0;
		for (let k = first; k <= last; k++) sum += input[k] * coefficient(t - k, cutoff, halfWidth);
		out[n] = sum;
	}
	return out;
}

function tabulate(fromRate: number, toRate: number, phases: number, cutoff: number, halfWidth: number): Kernel {
	const key = `${fromRate}/${toRate}`;
	const cached = kernels.get(key);
	if (cached) return cached;
	const first = -Math.ceil(halfWidth);
	const length = 2 * Math.ceil(halfWidth) + 2;
	const table = new Float32Array(phases * length);
	for (let p = 0; p < phases; p++) {
		const frac = p / phases; // t = whole + frac
		for (let k = 0; k < length; k++) table[p * length + k] = coefficient(frac - (first + k), cutoff, halfWidth);
	}
	const kernel = { first, length, table };
	kernels.set(key, kernel);
	return kernel;
}
