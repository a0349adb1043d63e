/**
 * What `SceneUnderstanding.update` costs the host: frames counted, and the time spent inside it per
 * frame, smoothed as an exponential moving average over about `1 / alpha` frames (so one slow
 * frame does not swing the figure, but a lasting change shows within a second or two).
 *
 * ```ts
 * const timing = new UpdateTiming();
 * const t0 = performance.now();
 * sense.update( time, frame );
 * timing.record( performance.now() - t0 );
 * timing.ms; // ≈ 0.4 — milliseconds added per frame
 * ```
 */
export class UpdateTiming {
	/** Frames recorded. */
	frames = 0;
	/** Time spent per frame, smoothed, ms. */
	ms = 0;
	/** The last frame's time, ms. */
	lastMs = 0;

	/** `alpha`: weight of the newest frame, 0–1 (default 0.05: about the last 20 frames). */
	constructor(readonly alpha = 0.05) {}

	/** One frame took `ms` inside the update; a negative or non-finite time is ignored. */
	record(ms: number): void {
		if (!(ms >= 0 && Number.isFinite(ms))) return;
		this.lastMs = ms;
		this.ms = smoothMs(this.frames === 0 ? ms : this.ms, ms, this.alpha);
		this.frames++;
	}
}

/** One step of an exponential moving average: `previous` moved `alpha` of the way towards `sample`. */
export function smoothMs(previous: number, sample: number, alpha: number): number {
	return previous + alpha * (sample - previous);
}
