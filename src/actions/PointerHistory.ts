import type { Vector3 } from 'three';
import type { Ray } from '../fusion/scenario.js';

const STRIDE = 7; // time, origin xyz, direction xyz

/**
 * The pointing ray over the last seconds, in a fixed ring buffer (recording allocates nothing),
 * so the ray at the moment a word was said can be looked up after the utterance ended.
 *
 * ```ts
 * const history = new PointerHistory();
 * // each frame:
 * if ( pointers.getRay( origin, direction ) ) history.record( performance.now(), origin, direction );
 * else history.record( performance.now(), null, null );
 * // later:
 * const rayWhenThereWasSaid = history.at( thereTime );
 * ```
 */
export class PointerHistory {
	private readonly samples: Float64Array;
	private next = 0;
	private count = 0;

	/** `capacity` samples: 1024 hold about 11 s at 90 Hz. */
	constructor(readonly capacity = 1024) {
		this.samples = new Float64Array(capacity * STRIDE);
	}

	/** Records the ray at `time` (null origin: nothing pointed then). */
	record(time: number, origin: Vector3 | null, direction: Vector3 | null): void {
		const o = this.next * STRIDE;
		const s = this.samples;
		s[o] = time;
		if (origin && direction) {
			s[o + 1] = origin.x;
			s[o + 2] = origin.y;
			s[o + 3] = origin.z;
			s[o + 4] = direction.x;
			s[o + 5] = direction.y;
			s[o + 6] = direction.z;
		} else s.fill(Number.NaN, o + 1, o + STRIDE);
		this.next = (this.next + 1) % this.capacity;
		this.count = Math.min(this.count + 1, this.capacity);
	}

	/** The ray recorded nearest to `time`; null when nothing pointed then or `time` is older than the buffer. */
	at(time: number): Ray | null {
		let best = -1;
		let bestGap = Number.POSITIVE_INFINITY;
		for (let k = 0; k < this.count; k++) {
			const o = k * STRIDE;
			const gap = Math.abs(this.samples[o] - time);
			if (gap < bestGap) {
				bestGap = gap;
				best = o;
			}
		}
		if (best < 0 || Number.isNaN(this.samples[best + 1])) return null;
		const oldest = this.samples[(this.count < this.capacity ? 0 : this.next) * STRIDE];
		if (time < oldest - 50) return null;
		const s = this.samples;
		return { position: [s[best + 1], s[best + 2], s[best + 3]], forward: [s[best + 4], s[best + 5], s[best + 6]] };
	}

	clear(): void {
		this.count = 0;
		this.next = 0;
	}
}
