import type { HeadPose } from '../xr/PoseHistory.js';

/** Metadata of one captured block (its samples live in the ring). */
export interface BlockStamp {
	/** Index of the block's first frame since capture started. */
	frame: number;
	frames: number;
	/** `performance.now()` time of the block's first frame. */
	time: number;
	/** Head pose when the block was captured (null when no pose was known). */
	pose: HeadPose | null;
}

/**
 * The last few seconds of a stereo stream with the pose stamp of every block, written by the
 * capture worklet's messages and read by the hearing stage. Fixed size; old audio is overwritten.
 *
 * ```ts
 * const ring = new StereoRingBuffer( 48000 * 4 );
 * ring.write( left, right, stamp );
 * ring.readLatest( 48000, outLeft, outRight ); // → frame index of outLeft[0]
 * ```
 */
export class StereoRingBuffer {
	readonly capacity: number;
	/** Frames written since the start (the next frame index). */
	written = 0;
	private readonly left: Float32Array;
	private readonly right: Float32Array;
	private readonly stamps: BlockStamp[] = [];

	constructor(capacityFrames: number) {
		if (!(capacityFrames > 0)) throw new RangeError('StereoRingBuffer: capacity must be positive');
		this.capacity = Math.floor(capacityFrames);
		this.left = new Float32Array(this.capacity);
		this.right = new Float32Array(this.capacity);
	}

	/** Appends a block; `stamp.frame` is set to the running frame index. */
	write(left: Float32Array, right: Float32Array, stamp: Omit<BlockStamp, 'frame' | 'frames'>): BlockStamp {
		const frames = Math.min(left.length, right.length);
		const start = this.written;
		for (let done = 0; done < frames; ) {
			const at = (start + done) % this.capacity;
			const run = Math.min(frames - done, this.capacity - at);
			this.left.set(left.subarray(done, done + run), at);
			this.right.set(right.subarray(done, done + run), at);
			done += run;
		}
		this.written += frames;
		const full: BlockStamp = { ...stamp, frame: start, frames };
		this.stamps.push(full);
		while (this.stamps.length > 0 && this.stamps[0].frame + this.stamps[0].frames < this.written - this.capacity) {
			this.stamps.shift();
		}
		return full;
	}

	/** Frames currently held. */
	get size(): number {
		return Math.min(this.written, this.capacity);
	}

	/** Copies the newest `frames` frames into the outputs; returns the frame index of the first one. */
	readLatest(frames: number, outLeft: Float32Array, outRight: Float32Array): number {
		if (frames > this.size) throw new RangeError(`StereoRingBuffer: ${frames} frames requested, ${this.size} held`);
		const start = this.written - frames;
		// At most two contiguous runs (before and after the wrap): copied whole, not sample by sample.
		const at = start % this.capacity;
		const first = Math.min(frames, this.capacity - at);
		outLeft.set(this.left.subarray(at, at + first));
		outRight.set(this.right.subarray(at, at + first));
		if (first < frames) {
			outLeft.set(this.left.subarray(0, frames - first), first);
			outRight.set(this.right.subarray(0, frames - first), first);
		}
		return start;
	}

	/** The stamp of the block holding `frame`, or null when it has been overwritten. */
	stampAt(frame: number): BlockStamp | null {
		for (let i = this.stamps.length - 1; i >= 0; i--) {
			const s = this.stamps[i];
			if (frame >= s.frame && frame < s.frame + s.frames) return s;
		}
		return null;
	}

	clear(): void {
		this.written = 0;
		this.stamps.length = 0;
	}
}
