/**
 * Decides when the next detection may start: at most one in flight, and spaced so detection takes
 * at most `busyFraction` of wall time — a 40 ms detector runs every ~80 ms at 0.5, an 8 s one (a
 * software GPU) every ~16 s — leaving the rest to the app. Pure and clock-agnostic (times are passed in).
 *
 * ```ts
 * const scheduler = new DetectionScheduler( { busyFraction: 0.5 } );
 * if ( scheduler.ready( now ) ) { scheduler.begin( now ); await detect(); scheduler.end( performance.now() ); }
 * ```
 */
export class DetectionScheduler {
	/** Fraction of wall time detection may take (0–1]. */
	busyFraction: number;
	/** Never faster than this many milliseconds between starts. */
	minInterval: number;
	/** Smoothed duration of one detection, ms (NaN before the first). */
	averageMs = Number.NaN;
	private startedAt = Number.NaN;
	private nextAt = 0;

	constructor(options: { busyFraction?: number; minInterval?: number } = {}) {
		this.busyFraction = options.busyFraction ?? 0.5;
		this.minInterval = options.minInterval ?? 100;
	}

	get inFlight(): boolean {
		return !Number.isNaN(this.startedAt);
	}

	ready(now: number): boolean {
		return !this.inFlight && now >= this.nextAt;
	}

	begin(now: number): void {
		if (this.inFlight) throw new Error('DetectionScheduler: a detection is already in flight');
		this.startedAt = now;
	}

	/** Marks the detection done (or failed) at `now` and schedules the next start. */
	end(now: number): void {
		if (!this.inFlight) return;
		const took = Math.max(0, now - this.startedAt);
		this.startedAt = Number.NaN;
		this.averageMs = Number.isNaN(this.averageMs) ? took : 0.7 * this.averageMs + 0.3 * took;
		const idle = (this.averageMs * (1 - this.busyFraction)) / this.busyFraction;
		this.nextAt = now + Math.max(idle, this.minInterval - took);
	}
}
