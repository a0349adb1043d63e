/** What {@link sanitizeSamples} found and repaired in a block of samples. */
export interface SanitizeReport {
	/** Samples that were NaN or ±Infinity (replaced by 0). */
	nonFinite: number;
	/** Samples at or beyond full scale (|x| ≥ 0.999), clamped to ±1. */
	clipped: number;
	/** Number of samples inspected. */
	length: number;
}

const CLIP_LEVEL = 0.999;

/**
 * Makes a block safe for the DSP that follows: NaN/±Infinity become 0 (a dropped sample is
 * silence, not a poisoned FFT) and values beyond full scale are clamped to ±1. Returns a new array
 * unless `inPlace`; the report says how much was repaired so callers can distrust level cues
 * (ILD) when a channel clips.
 *
 * ```ts
 * const { samples, report } = sanitizeSamples( block );
 * if ( report.clipped / report.length > 0.01 ) useTimingCuesOnly();
 * ```
 */
export function sanitizeSamples(
	input: ArrayLike<number>,
	inPlace = false,
): { samples: Float32Array; report: SanitizeReport } {
	const samples = inPlace && input instanceof Float32Array ? input : Float32Array.from(input as ArrayLike<number>);
	let nonFinite = 0;
	let clipped = 0;
	for (let i = 0; i < samples.length; i++) {
		const x = samples[i];
		if (!Number.isFinite(x)) {
			samples[i] = 0;
			nonFinite++;
		} else if (x >= CLIP_LEVEL || x <= -CLIP_LEVEL) {
			clipped++;
			if (x > 1) samples[i] = 1;
			else if (x < -1) samples[i] = -1;
		}
	}
	return { samples, report: { nonFinite, clipped, length: samples.length } };
}

/** Root-mean-square level of a block (NaN-safe: non-finite samples count as 0). */
export function rms(samples: ArrayLike<number>, start = 0, end = samples.length): number {
	let sum = 0;
	for (let i = start; i < end; i++) {
		const x = samples[i];
		if (Number.isFinite(x)) sum += x * x;
	}
	return end > start ? Math.sqrt(sum / (end - start)) : 0;
}
