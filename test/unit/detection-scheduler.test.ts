import { describe, expect, it } from 'vitest';
import { DetectionScheduler } from '../../src/perception/detection/DetectionScheduler.js';

describe('DetectionScheduler', () => {
	it('allows one detection in flight at a time', () => {
		const s = new DetectionScheduler();
		expect(s.ready(0)).toBe(true);
		s.begin(0);
		expect(s.ready(1000)).toBe(false);
		expect(() => s.begin(1000)).toThrow(/in flight/);
		s.end(1000);
		expect(s.inFlight).toBe(false);
	});

	it('spaces detections so they take at most the busy fraction of wall time', () => {
		const s = new DetectionScheduler({ busyFraction: 0.25, minInterval: 0 });
		s.begin(0);
		s.end(300); // took 300 ms → 900 ms idle at 25 % busy
		expect(s.ready(1199)).toBe(false);
		expect(s.ready(1200)).toBe(true);
		// a slow detector (software GPU) backs off further
		s.begin(1200);
		s.end(9200);
		expect(s.averageMs).toBeCloseTo(0.7 * 300 + 0.3 * 8000);
		expect(s.ready(9200 + 3 * s.averageMs - 1)).toBe(false);
	});

	it('keeps a minimum interval for fast detectors', () => {
		const s = new DetectionScheduler({ busyFraction: 0.9, minInterval: 100 });
		s.begin(0);
		s.end(10);
		expect(s.ready(99)).toBe(false);
		expect(s.ready(100)).toBe(true);
	});
});
