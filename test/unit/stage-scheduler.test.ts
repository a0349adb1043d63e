import { describe, expect, it } from 'vitest';
import { FrameBudget } from '../../src/runtime/scheduling/FrameBudget.js';
import { StageScheduler } from '../../src/runtime/scheduling/StageScheduler.js';

/** Feeds `n` frames `interval` ms apart from `t`; returns the time after the last. */
function frames(budget: FrameBudget, t: number, n: number, interval: number, hz?: number): number {
	for (let i = 0; i < n; i++) {
		t += interval;
		budget.frame(t, hz);
	}
	return t;
}

describe('FrameBudget', () => {
	it('learns the frame period from the time between frames, never shorter than the session rate', () => {
		const b = new FrameBudget();
		frames(b, 0, 60, 1000 / 72);
		expect(b.periodMs).toBeCloseTo(1000 / 72, 1);
		// A session at 90 Hz that delivers 90 Hz, the host missing one frame in four.
		const s = new FrameBudget();
		let t = 0;
		for (let i = 0; i < 60; i++) t = frames(s, t, 1, i % 4 === 3 ? 2000 / 90 : 1000 / 90, 90);
		expect(s.periodMs).toBeCloseTo(1000 / 90, 5);
		expect(s.idle.late).toBe(15);
		// A runtime that reports 90 Hz and delivers 60 (the emulator in a 60 Hz page): frames on that
		// beat are on time, not two in three late.
		const e = new FrameBudget();
		t = frames(e, 0, 60, 1000 / 60, 90);
		expect(e.periodMs).toBeCloseTo(1000 / 60, 1);
		expect(e.idle.late).toBeLessThanOrEqual(15); // only before it has learnt the beat
		const before = e.idle.late;
		frames(e, t, 60, 1000 / 60, 90);
		expect(e.idle.late).toBe(before);
		// Before 15 frames the reported rate is all there is.
		const f = new FrameBudget();
		f.frame(0, 72);
		f.frame(14, 72);
		expect(f.periodMs).toBeCloseTo(1000 / 72, 5);
	});

	it('counts late frames apart for when a job runs and when none does', () => {
		const b = new FrameBudget();
		let t = frames(b, 0, 60, 10);
		b.inFlight = 1;
		t = frames(b, t, 5, 10);
		t = frames(b, t, 5, 40); // five late frames while busy
		b.inFlight = 0;
		expect(b.busy).toEqual({ frames: 10, late: 5 });
		expect(b.idle.late).toBe(0);
		expect(b.idleLateFraction).toBe(0);
		b.reset();
		expect(b.busy.frames + b.idle.frames).toBe(0);
	});

	it('ignores pauses and the first frame', () => {
		const b = new FrameBudget();
		b.frame(0);
		b.frame(5000); // tab hidden for 5 s
		expect(b.idle.frames).toBe(0);
	});

	it('pause() (the page hidden): a short gap is not a late frame; period and counts are kept', () => {
		const b = new FrameBudget();
		let t = frames(b, 0, 60, 10);
		const period = b.periodMs;
		const before = { ...b.idle };
		b.pause();
		t += 600; // hidden for 0.6 s: under the 1 s a pause is otherwise told by
		b.frame(t);
		expect(b.idle).toEqual(before);
		frames(b, t, 5, 10);
		expect(b.idle).toEqual({ frames: before.frames + 5, late: before.late });
		expect(b.periodMs).toBe(period);
		// Without pause() the same gap counts as one late frame.
		const c = new FrameBudget();
		t = frames(c, 0, 60, 10);
		c.frame(t + 600);
		expect(c.idle.late).toBe(1);
	});
});

describe('StageScheduler', () => {
	it('never has two jobs in flight, and skips rather than queues', () => {
		const s = new StageScheduler({ minInterval: 0 });
		s.begin(0);
		expect(s.ready(1)).toBe(false);
		expect(s.ready(2)).toBe(false);
		expect(() => s.begin(3)).toThrow(/in flight/);
		s.end(10);
		expect(s.stats).toEqual({ started: 1, skipped: 2, maxInFlight: 1 });
	});

	it('spaces a job by its main-thread time as well as its wall time', () => {
		const s = new StageScheduler({ busyFraction: 0.9, minInterval: 0, mainThreadShare: 0.05 });
		s.begin(0);
		s.end(10, 10); // 10 ms on the main thread → at most every 200 ms
		expect(s.ready(199)).toBe(false);
		expect(s.ready(200)).toBe(true);
	});

	it('backs off while the host misses frames with the job running, and recovers when it does not', () => {
		const budget = new FrameBudget();
		const s = new StageScheduler({ busyFraction: 0.5, minInterval: 0 }, budget);
		let t = frames(budget, 0, 60, 10); // the host alone: on time
		for (let i = 0; i < 4; i++) {
			s.begin(t);
			t = frames(budget, t, 6, 30); // every frame late while the job runs
			s.end(t);
			t = frames(budget, t, 10, 10);
		}
		expect(s.backoff).toBeCloseTo(1.5 ** 4);
		const stretched = s.backoff;
		for (let i = 0; i < 6; i++) {
			s.begin(t);
			t = frames(budget, t, 6, 10);
			s.end(t);
		}
		expect(s.backoff).toBeLessThan(stretched / 2);
	});

	it('does not blame itself for a host that misses frames anyway', () => {
		const budget = new FrameBudget();
		const s = new StageScheduler({ minInterval: 0 }, budget);
		let t = 0;
		// A 100 Hz display; the host alone misses every other frame, and does the same while the job runs.
		for (let i = 0; i < 30; i++) t = frames(budget, t, 1, i % 2 ? 10 : 30, 100);
		s.begin(t);
		for (let i = 0; i < 6; i++) t = frames(budget, t, 1, i % 2 ? 10 : 30, 100);
		s.end(t);
		expect(s.backoff).toBe(1);
	});
});
