import { Quaternion, Vector3 } from 'three';
import type { HeadPose } from './StereoRingBuffer.js';

const _q = new Quaternion();
const _v = new Vector3();

/**
 * The head pose (and pointer ray) of the last few seconds, recorded every frame into preallocated
 * arrays, so audio blocks and utterances that end between frames can be stamped with the pose they
 * were captured at rather than the pose when the main thread got round to them.
 *
 * ```ts
 * history.record( performance.now(), camera.position, camera.quaternion, pointerOrigin, pointerDir );
 * history.sample( block.time, pose );
 * ```
 */
export class PoseHistory {
	private readonly times: Float64Array;
	/** Per entry: position xyz, quaternion xyzw, pointer origin xyz, pointer direction xyz. */
	private readonly values: Float32Array;
	private readonly hasPointer: Uint8Array;
	private count = 0;
	private next = 0;

	constructor(readonly capacity = 512) {
		this.times = new Float64Array(capacity);
		this.values = new Float32Array(capacity * 13);
		this.hasPointer = new Uint8Array(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Records the pose at `time` (`performance.now()` ms). Pointer null: nothing points. */
	record(
		time: number,
		position: Vector3,
		quaternion: Quaternion,
		pointerOrigin?: Vector3 | null,
		pointerDirection?: Vector3 | null,
	): void {
		const i = this.next;
		const v = i * 13;
		this.times[i] = time;
		position.toArray(this.values, v);
		quaternion.toArray(this.values, v + 3);
		const pointer = !!pointerOrigin && !!pointerDirection;
		this.hasPointer[i] = pointer ? 1 : 0;
		if (pointer) {
			pointerOrigin.toArray(this.values, v + 7);
			pointerDirection.toArray(this.values, v + 10);
		}
		this.next = (i + 1) % this.capacity;
		this.count = Math.min(this.count + 1, this.capacity);
	}

	/** Fills `target` with the pose at `time`, interpolated between the records around it. False when empty. */
	sample(time: number, target: HeadPose): boolean {
		const [a, b, f] = this.bracket(time);
		if (a < 0) return false;
		const va = a * 13;
		const vb = b * 13;
		target.position.fromArray(this.values, va).lerp(_v.fromArray(this.values, vb), f);
		target.quaternion.fromArray(this.values, va + 3).slerp(_q.fromArray(this.values, vb + 3), f);
		return true;
	}

	/** Fills the pointer ray nearest `time`; false when nothing pointed then (or nothing recorded). */
	samplePointer(time: number, origin: Vector3, direction: Vector3): boolean {
		const [a, b, f] = this.bracket(time);
		if (a < 0) return false;
		const i = f < 0.5 ? a : b;
		if (!this.hasPointer[i]) return false;
		origin.fromArray(this.values, i * 13 + 7);
		direction.fromArray(this.values, i * 13 + 10);
		return true;
	}

	clear(): void {
		this.count = 0;
		this.next = 0;
	}

	/** Indices of the records before and after `time` and the fraction between them. */
	private bracket(time: number): [number, number, number] {
		if (this.count === 0) return [-1, -1, 0];
		const newest = (this.next - 1 + this.capacity) % this.capacity;
		let after = newest;
		for (let k = 0; k < this.count; k++) {
			const i = (newest - k + this.capacity) % this.capacity;
			if (this.times[i] <= time) {
				if (i === after) return [i, i, 0];
				const span = this.times[after] - this.times[i];
				return [i, after, span > 0 ? (time - this.times[i]) / span : 0];
			}
			after = i;
		}
		return [after, after, 0];
	}
}
