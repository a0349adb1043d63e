import { Matrix4 } from 'three';

/**
 * The last few viewer poses with their times, to pair a camera frame that is not synchronised with
 * the XR frame loop (getUserMedia) with where the head was when the frame was captured.
 * Preallocated: recording a pose allocates nothing.
 *
 * ```ts
 * const history = new PoseHistory( 90 );
 * history.record( time, camera.matrixWorld ); // each XR frame
 * history.nearest( captureTime, pose ); // later
 * ```
 */
export class PoseHistory {
	private readonly times: Float64Array;
	private readonly poses: Matrix4[];
	private next = 0;
	private count = 0;

	constructor(readonly capacity = 90) {
		this.times = new Float64Array(capacity);
		this.poses = Array.from({ length: capacity }, () => new Matrix4());
	}

	get size(): number {
		return this.count;
	}

	record(time: number, pose: Matrix4): void {
		this.times[this.next] = time;
		this.poses[this.next].copy(pose);
		this.next = (this.next + 1) % this.capacity;
		this.count = Math.min(this.count + 1, this.capacity);
	}

	/** Copies the pose recorded nearest to `time` into `out`; returns its time, or null if empty. */
	nearest(time: number, out: Matrix4): number | null {
		if (this.count === 0) return null;
		let best = 0;
		let bestGap = Number.POSITIVE_INFINITY;
		for (let i = 0; i < this.count; i++) {
			const gap = Math.abs(this.times[i] - time);
			if (gap < bestGap) {
				bestGap = gap;
				best = i;
			}
		}
		out.copy(this.poses[best]);
		return this.times[best];
	}

	clear(): void {
		this.count = 0;
		this.next = 0;
	}
}
