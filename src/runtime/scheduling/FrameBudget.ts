/**
 * The host's frame timing as the plugin sees it, fed once per frame by `SceneUnderstanding.update`:
 * the frame period (the rate frames actually come at, never shorter than the XR session's reported
 * `frameRate`), and counts of frames and late frames — those that took more than
 * 1.5 periods — split by whether any of the plugin's asynchronous jobs was running. Stage schedulers
 * compare the two to tell whether their work is what makes the host miss frames.
 *
 * ```ts
 * const budget = new FrameBudget();
 * renderer.setAnimationLoop( ( time ) => { budget.frame( performance.now() ); ... } );
 * budget.periodMs; // ≈ 13.9 at 72 Hz
 * ```
 */
export class FrameBudget {
	/** The frame period, ms: the interval frames come at when nothing holds them up. */
	periodMs = 1000 / 60;
	/** Frames seen, and how many of them were late, while some job was in flight / while none was. */
	readonly busy = { frames: 0, late: 0 };
	readonly idle = { frames: 0, late: 0 };
	/** Jobs now in flight, over all stages. */
	inFlight = 0;
	private last = Number.NaN;
	private readonly intervals = new Float32Array(61);
	private readonly sorted = new Float32Array(61);
	private count = 0;
	private next = 0;

	/**
	 * One frame began at `now` (ms). `displayHz`: the session's `frameRate`, when the platform reports one.
	 */
	frame(now: number, displayHz?: number): void {
		const interval = now - this.last;
		this.last = now;
		if (!(interval > 0 && interval < 1000)) return; // the first frame, or a pause (tab hidden, session start)
		this.intervals[this.next] = interval;
		this.next = (this.next + 1) % this.intervals.length;
		this.count = Math.min(this.count + 1, this.intervals.length);
		// The period is the rate frames actually come at — the lower quartile of recent intervals — and
		// never shorter than the display's. A runtime may report a rate it does not deliver (the
		// emulator says 90 Hz and frames come at the page's 60): against 11.1 ms, two frames in three
		// would count as late, the host's own and ours alike, and hide what the plugin adds.
		const reported = displayHz && displayHz > 0 ? 1000 / displayHz : 0;
		// Until 15 intervals are in, the reported rate is all there is; then the beat is relearnt every
		// 15 frames, and at once should the reported rate rise above it.
		if (this.count < 15) {
			if (reported > 0) this.periodMs = reported;
		} else if (this.next % 15 === 0 || this.periodMs < reported) {
			this.periodMs = Math.max(reported, this.delivered());
		}
		const late = interval > 1.5 * this.periodMs ? 1 : 0;
		const into = this.inFlight > 0 ? this.busy : this.idle;
		into.frames++;
		into.late += late;
	}

	/** Share of late frames while idle (the host's own misses), from the counts so far. */
	get idleLateFraction(): number {
		return this.idle.frames > 0 ? this.idle.late / this.idle.frames : 0;
	}

	/**
	 * The frames stopped for a while (the page was hidden): the next frame starts the timing afresh,
	 * so the gap is not counted as a late frame; the period and the counts so far are kept.
	 */
	pause(): void {
		this.last = Number.NaN;
	}

	/** Forgets the timing (a new session: another display, another rate). */
	reset(): void {
		this.last = Number.NaN;
		this.count = 0;
		this.next = 0;
		this.busy.frames = this.busy.late = this.idle.frames = this.idle.late = 0;
	}

	/** The lower quartile of the recent intervals: the period when nothing holds a frame up (frames that come early after a late one stay below it). */
	private delivered(): number {
		const n = this.count;
		this.sorted.set(this.intervals.subarray(0, n));
		this.sorted.subarray(0, n).sort();
		return this.sorted[Math.floor(n * 0.25)];
	}
}
