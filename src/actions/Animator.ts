import type { Object3D, Quaternion, Vector3 } from 'three';

type Channel = 'quaternion' | 'scale' | 'position';

interface Tween {
	object: Object3D;
	channel: Channel;
	from: Vector3 | Quaternion;
	to: Vector3 | Quaternion;
	elapsed: number;
	duration: number;
	done: () => void;
}

/**
 * Eases an object's rotation, scale or position to a target over a short time. The tween's start
 * and end are allocated once when it starts; stepping it each frame allocates nothing.
 *
 * ```ts
 * const animator = new Animator();
 * await animator.to( lamp, 'scale', new Vector3( 1.25, 1.25, 1.25 ), 0.3 ); // resolves when done
 * // each frame:
 * animator.update( deltaSeconds );
 * ```
 */
export class Animator {
	private readonly tweens: Tween[] = [];

	/** How many tweens are running. */
	get active(): number {
		return this.tweens.length;
	}

	/**
	 * Animates `object[channel]` to `to` (copied) over `duration` seconds; resolves when it gets
	 * there. A tween already running on the same object and channel jumps to its end first.
	 */
	to(object: Object3D, channel: Channel, to: Vector3 | Quaternion, duration: number): Promise<void> {
		this.finish(object, channel);
		const from = object[channel].clone();
		const target = to.clone();
		if (duration <= 0) {
			copyInto(object, channel, target);
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			this.tweens.push({ object, channel, from, to: target, elapsed: 0, duration, done: resolve });
		});
	}

	/** Steps every tween by `delta` seconds. */
	update(delta: number): void {
		for (let i = this.tweens.length - 1; i >= 0; i--) {
			const tween = this.tweens[i];
			tween.elapsed += delta;
			const t = Math.min(1, tween.elapsed / tween.duration);
			apply(tween, easeInOut(t));
			if (t >= 1) this.removeAt(i);
		}
	}

	/** Jumps every tween of `object` (on `channel`, or all channels) to its end. */
	finish(object: Object3D, channel?: Channel): void {
		for (let i = this.tweens.length - 1; i >= 0; i--) {
			const tween = this.tweens[i];
			if (tween.object === object && (!channel || tween.channel === channel)) {
				apply(tween, 1);
				this.removeAt(i);
			}
		}
	}

	/** Jumps every tween to its end. */
	dispose(): void {
		for (let i = this.tweens.length - 1; i >= 0; i--) {
			apply(this.tweens[i], 1);
			this.removeAt(i);
		}
	}

	private removeAt(i: number): void {
		// Swap-remove: no array is allocated, and the swapped-in tween was already stepped this frame.
		const tween = this.tweens[i];
		this.tweens[i] = this.tweens[this.tweens.length - 1];
		this.tweens.pop();
		tween.done();
	}
}

function apply(tween: Tween, t: number): void {
	const { object, channel } = tween;
	if (channel === 'quaternion') object.quaternion.slerpQuaternions(tween.from as Quaternion, tween.to as Quaternion, t);
	else object[channel].lerpVectors(tween.from as Vector3, tween.to as Vector3, t);
}

function copyInto(object: Object3D, channel: Channel, value: Vector3 | Quaternion): void {
	if (channel === 'quaternion') object.quaternion.copy(value as Quaternion);
	else object[channel].copy(value as Vector3);
}

function easeInOut(t: number): number {
	return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}
