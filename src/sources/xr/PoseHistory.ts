import { type Matrix4, Quaternion, Vector3 } from 'three';
import type { Ray } from '../../fusion/scenario.js';

/** A head pose: where the viewer was and how it was turned. */
export interface HeadPose {
	position: Vector3;
	quaternion: Quaternion;
}

const STRIDE = 13; // position xyz, quaternion xyzw, pointer origin xyz, pointer direction xyz
const _q = new Quaternion();
const _v = new Vector3();
const _scale = new Vector3(1, 1, 1);

/**
 * The head pose and pointing ray of the last seconds, recorded once per frame into preallocated
 * arrays. Anything captured between frames or processed late — a camera frame from getUserMedia,
 * an audio block, an utterance, the moment the word "there" was said — is stamped with the pose
 * of its own time rather than the pose when the main thread got round to it.
 * `SceneUnderstanding` keeps one (`sense.poses`) for every stage.
 *
 * ```ts
 * history.record( performance.now(), head.position, head.quaternion, rayOrigin, rayDirection );
 * history.sample( capturedAt, pose );          // interpolated head pose
 * history.pointerAt( thereWasSaidAt );         // the ray then, or null
 * ```
 */
export class PoseHistory {
	private readonly times: Float64Array;
	private readonly values: Float32Array;
	private readonly hasPointer: Uint8Array;
	private count = 0;
	private next = 0;

	/** `capacity` records: 1024 hold about 11 s at 90 Hz. */
	constructor(readonly capacity = 1024) {
		this.times = new Float64Array(capacity);
		this.values = new Float32Array(capacity * STRIDE);
		this.hasPointer = new Uint8Array(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Time of the oldest record, or +Infinity when empty. */
	get oldest(): number {
		return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[this.count < this.capacity ? 0 : this.next];
	}

	/** Records the pose at `time` (`performance.now()` ms). A null pointer: nothing pointed. */
	record(
		time: number,
		position: Vector3,
		quaternion: Quaternion,
		pointerOrigin?: Vector3 | null,
		pointerDirection?: Vector3 | null,
	): void {
		// A runtime glitch (NaN or Infinity in a pose) is dropped, never interpolated into later stamps.
		if (!Number.isFinite(time) || !finite3(position) || !finite4(quaternion)) return;
		const i = this.next;
		const v = i * STRIDE;
		this.times[i] = time;
		position.toArray(this.values, v);
		quaternion.toArray(this.values, v + 3);
		// A non-finite pointer ray counts as nothing pointed.
		const pointer = !!pointerOrigin && !!pointerDirection && finite3(pointerOrigin) && finite3(pointerDirection);
		this.hasPointer[i] = pointer ? 1 : 0;
		if (pointer && pointerOrigin && pointerDirection) {
			pointerOrigin.toArray(this.values, v + 7);
			pointerDirection.toArray(this.values, v + 10);
		}
		this.next = (i + 1) % this.capacity;
		this.count = Math.min(this.count + 1, this.capacity);
	}

	/** Fills `target` with the head pose at `time`, interpolated between the records around it. False when empty. */
	sample(time: number, target: HeadPose): boolean {
		const [a, b, f] = this.bracket(time);
		if (a < 0) return false;
		target.position.fromArray(this.values, a * STRIDE).lerp(_v.fromArray(this.values, b * STRIDE), f);
		target.quaternion.fromArray(this.values, a * STRIDE + 3).slerp(_q.fromArray(this.values, b * STRIDE + 3), f);
		return true;
	}

	/** Writes the head pose at `time` as a world matrix; returns false when empty. */
	sampleMatrix(time: number, out: Matrix4): boolean {
		const [a, b, f] = this.bracket(time);
		if (a < 0) return false;
		_v.fromArray(this.values, a * STRIDE).lerp(_scratchB.fromArray(this.values, b * STRIDE), f);
		_q.fromArray(this.values, a * STRIDE + 3).slerp(_scratchQ.fromArray(this.values, b * STRIDE + 3), f);
		out.compose(_v, _q, _scale);
		return true;
	}

	/** Fills the pointing ray nearest `time`; false when nothing pointed then (or nothing recorded). */
	samplePointer(time: number, origin: Vector3, direction: Vector3): boolean {
		const [a, b, f] = this.bracket(time);
		if (a < 0) return false;
		const i = f < 0.5 ? a : b;
		if (!this.hasPointer[i]) return false;
		origin.fromArray(this.values, i * STRIDE + 7);
		direction.fromArray(this.values, i * STRIDE + 10);
		return true;
	}

	/** The pointing ray at `time` as a scenario ray; null when nothing pointed or `time` predates the history. */
	pointerAt(time: number): Ray | null {
		if (time < this.oldest - 50 || !this.samplePointer(time, _origin, _direction)) return null;
		return { position: _origin.toArray(), forward: _direction.toArray() };
	}

	/** The head (gaze) ray at `time`; null when nothing is recorded. */
	viewerAt(time: number): Ray | null {
		if (!this.sample(time, _pose)) return null;
		_direction.set(0, 0, -1).applyQuaternion(_pose.quaternion);
		return { position: _pose.position.toArray(), forward: _direction.toArray() };
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

const _scratchB = new Vector3();
const _scratchQ = new Quaternion();
const _origin = new Vector3();
const _direction = new Vector3();
const _pose: HeadPose = { position: new Vector3(), quaternion: new Quaternion() };

function finite3(v: { x: number; y: number; z: number }): boolean {
	return Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.z);
}

function finite4(q: { x: number; y: number; z: number; w: number }): boolean {
	return finite3(q) && Number.isFinite(q.w);
}
