/**
 * Reproducible white noise for signal tests: uniform in ±`amp`, from a mulberry32 stream seeded by
 * `seed`, so a test's signal (and the figure it asserts) is the same on every run and machine.
 *
 * ```ts
 * const x = seededNoise( 512, 7 ); // 512 samples in ±0.3
 * ```
 */
export function seededNoise(length: number, seed: number, amp = 0.3): Float32Array {
	let s = seed >>> 0;
	const out = new Float32Array(length);
	for (let i = 0; i < length; i++) {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		out[i] = amp * (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * 2;
	}
	return out;
}
