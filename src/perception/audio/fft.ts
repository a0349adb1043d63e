/**
 * In-place radix-2 complex FFT. tfjs's `tf.spectral.rfft` has no WASM kernel, and the audio front
 * end must run on whatever backend the classifier got (WASM in Node and in most headsets) and on
 * every 10 ms hop of the live stream, so the transform is done here in plain TypeScript; a unit
 * test checks it against `tf.spectral.rfft` on the CPU backend.
 */

interface FftPlan {
	cos: Float64Array;
	sin: Float64Array;
	reverse: Uint32Array;
}

const plans = new Map<number, FftPlan>();

function plan(n: number): FftPlan {
	let p = plans.get(n);
	if (p) return p;
	if (n < 2 || (n & (n - 1)) !== 0) throw new RangeError(`fft: size must be a power of two, got ${n}`);
	const cos = new Float64Array(n / 2);
	const sin = new Float64Array(n / 2);
	for (let i = 0; i < n / 2; i++) {
		cos[i] = Math.cos((-2 * Math.PI * i) / n);
		sin[i] = Math.sin((-2 * Math.PI * i) / n);
	}
	const reverse = new Uint32Array(n);
	const bits = Math.log2(n);
	for (let i = 0; i < n; i++) {
		let r = 0;
		for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
		reverse[i] = r;
	}
	p = { cos, sin, reverse };
	plans.set(n, p);
	return p;
}

/**
 * Transforms `re`/`im` (same power-of-two length) in place. `inverse` computes the inverse
 * transform including the 1/n scale.
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
	const n = re.length;
	if (im.length !== n) throw new RangeError('fft: re and im must have the same length');
	const { cos, sin, reverse } = plan(n);
	for (let i = 0; i < n; i++) {
		const j = reverse[i];
		if (j > i) {
			let t = re[i];
			re[i] = re[j];
			re[j] = t;
			t = im[i];
			im[i] = im[j];
			im[j] = t;
		}
	}
	const sign = inverse ? -1 : 1;
	for (let size = 2; size <= n; size <<= 1) {
		const half = size >> 1;
		const step = n / size;
		for (let start = 0; start < n; start += size) {
			for (let k = 0; k < half; k++) {
				const wr = cos[k * step];
				const wi = sign * sin[k * step];
				const a = start + k;
				const b = a + half;
				const tr = re[b] * wr - im[b] * wi;
				const ti = re[b] * wi + im[b] * wr;
				re[b] = re[a] - tr;
				im[b] = im[a] - ti;
				re[a] += tr;
				im[a] += ti;
			}
		}
	}
	if (inverse) {
		for (let i = 0; i < n; i++) {
			re[i] /= n;
			im[i] /= n;
		}
	}
}

/** Smallest power of two ≥ n. */
export function nextPow2(n: number): number {
	let p = 1;
	while (p < n) p <<= 1;
	return p;
}
