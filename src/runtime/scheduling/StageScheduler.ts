import type { FrameBudget } from './FrameBudget.js';

export interface StageSchedulerOptions {
	/** Fraction of wall time the job may take (0–1], default 0.5: a 40 ms job runs every ~80 ms. */
	busyFraction?: number;
	/** Never start more often than this, ms (default 100). */
	minInterval?: number;
	/**
	 * Share of wall time the job's main-thread part may take (default 0.05): a job that blocks the
	 * main thread 4 ms at each start runs at most every 80 ms. Jobs off the main thread report 0.
	 */
	mainThreadShare?: number;
	/** Largest factor by which the interval stretches while the host is missing frames (default 16). */
	maxBackoff?: number;
}

/**
 * Decides when a stage's next asynchronous job (a detection, a sound analysis) may start: at most
 * one in flight; spaced so the job takes at most `busyFraction` of wall time and its main-thread
 * part at most `mainThreadShare`; and, given the host's {@link FrameBudget}, backing off while the
 * host misses more frames with the job running than without — the work is skipped, never queued.
 * Pure and clock-agnostic (times are passed in).
 *
 * ```ts
 * const scheduler = new StageScheduler( { busyFraction: 0.5 }, sense.frameBudget );
 * if ( scheduler.ready( now ) ) { scheduler.begin( now ); await detect(); scheduler.end( performance.now() ); }
 * ```
 */
export class StageScheduler {
	busyFraction: number;
	minInterval: number;
	mainThreadShare: number;
	maxBackoff: number;
	/** Smoothed duration of one job, ms (NaN before the first). */
	averageMs = Number.NaN;
	/** Smoothed main-thread time of one job, ms (NaN before the first). */
	averageMainMs = Number.NaN;
	/** Current stretch of the interval (1: none) from missed frames. */
	backoff = 1;
	/** Jobs started, skipped because one was in flight or not yet due, and the most ever in flight at once. */
	readonly stats = { started: 0, skipped: 0, maxInFlight: 0 };
	private startedAt = Number.NaN;
	private nextAt = 0;
	private busyAtBegin = { frames: 0, late: 0 };

	constructor(
		options: StageSchedulerOptions = {},
		public budget: FrameBudget | null = null,
	) {
		this.busyFraction = options.busyFraction ?? 0.5;
		this.minInterval = options.minInterval ?? 100;
		this.mainThreadShare = options.mainThreadShare ?? 0.05;
		this.maxBackoff = options.maxBackoff ?? 16;
	}

	get inFlight(): boolean {
		return !Number.isNaN(this.startedAt);
	}

	/** Whether a job may start now; a false answer counts as a skipped job. */
	ready(now: number): boolean {
		const ok = !this.inFlight && now >= this.nextAt;
		if (!ok) this.stats.skipped++;
		return ok;
	}

	begin(now: number): void {
		if (this.inFlight) throw new Error('StageScheduler: a job is already in flight');
		this.startedAt = now;
		this.stats.started++;
		this.stats.maxInFlight = Math.max(this.stats.maxInFlight, 1);
		if (this.budget) {
			this.budget.inFlight++;
			this.busyAtBegin.frames = this.budget.busy.frames;
			this.busyAtBegin.late = this.budget.busy.late;
		}
	}

	/** Marks the job done (or failed) at `now`, with the main-thread ms it took, and schedules the next start. */
	end(now: number, mainThreadMs = 0): void {
		if (!this.inFlight) return;
		const took = Math.max(0, now - this.startedAt);
		this.startedAt = Number.NaN;
		this.averageMs = Number.isNaN(this.averageMs) ? took : 0.7 * this.averageMs + 0.3 * took;
		const main = Math.max(0, mainThreadMs);
		this.averageMainMs = Number.isNaN(this.averageMainMs) ? main : 0.7 * this.averageMainMs + 0.3 * main;
		const budget = this.budget;
		if (budget) {
			budget.inFlight = Math.max(0, budget.inFlight - 1);
			const frames = budget.busy.frames - this.busyAtBegin.frames;
			const late = budget.busy.late - this.busyAtBegin.late;
			// More missed frames while this job ran than the host misses on its own: our doing, so back
			// off; otherwise creep back towards the plain rate.
			if (frames >= 3 && late / frames > budget.idleLateFraction + 0.15)
				this.backoff = Math.min(this.maxBackoff, this.backoff * 1.5);
			else this.backoff = Math.max(1, this.backoff * 0.85);
		}
		const idle = (this.averageMs * (1 - this.busyFraction)) / this.busyFraction;
		const mainSpacing = this.averageMainMs / this.mainThreadShare;
		this.nextAt = now + Math.max(idle, this.minInterval - took, mainSpacing - took) * this.backoff;
	}
}
