import { Quaternion, Vector3 } from 'three';
import {
	type ActionHandler,
	type ActionOutcome,
	type ActionRequest,
	type ActionServices,
	fail,
} from '../ActionHandler.js';
import { ObjectSnapshot } from '../ObjectSnapshot.js';

export interface TransformActionOptions {
	/** Turn per `rotate`, in radians about the vertical (default π/4). */
	angle?: number;
	/** Factor per `scale_up` (its inverse for `scale_down`; default 1.25). */
	factor?: number;
	/** Animation time in seconds (default 0.35). */
	duration?: number;
	/** Smallest and largest scale the steps reach (default 0.05 and 20). */
	minScale?: number;
	maxScale?: number;
}

const _up = new Vector3(0, 1, 0);
const _turn = new Quaternion();
const _rotation = new Quaternion();
const _scale = new Vector3();

/**
 * `rotate`, `scale_up`, `scale_down`: turns or scales the target by one step, animated; the
 * completed event comes when the animation ends. Undoable.
 *
 * ```ts
 * await sense.handleTranscript( 'make the lamp bigger' ); // 'scale' event with factor 1.25
 * ```
 */
export class TransformAction implements ActionHandler {
	readonly intents = ['rotate', 'scale_up', 'scale_down'] as const;
	angle: number;
	factor: number;
	duration: number;
	minScale: number;
	maxScale: number;

	constructor(options: TransformActionOptions = {}) {
		this.angle = options.angle ?? Math.PI / 4;
		this.factor = options.factor ?? 1.25;
		this.duration = options.duration ?? 0.35;
		this.minScale = options.minScale ?? 0.05;
		this.maxScale = options.maxScale ?? 20;
	}

	async execute(request: ActionRequest, { animator, undo }: ActionServices): Promise<ActionOutcome> {
		const target = request.target;
		const o3 = target?.object3D;
		if (!target || !o3) return fail(`nothing to ${request.intent.replace('_', ' ')}`);
		// A step on top of a running one starts from where that one ends.
		animator.finish(o3);
		const before = new ObjectSnapshot(o3);
		const remember = () =>
			undo.push({
				intent: request.intent,
				object: target,
				undo: () => {
					animator.finish(o3);
					o3.position.copy(before.position);
					o3.quaternion.copy(before.quaternion);
					o3.scale.copy(before.scale);
					return target;
				},
			});
		if (request.intent === 'rotate') {
			// About the parent's up axis, so a held or nested object turns the way it looks.
			_rotation.copy(_turn.setFromAxisAngle(_up, this.angle)).multiply(o3.quaternion);
			remember();
			await animator.to(o3, 'quaternion', _rotation, this.duration);
			return { ok: true, event: { type: 'rotate', object: target, angle: this.angle } };
		}
		const step = request.intent === 'scale_up' ? this.factor : 1 / this.factor;
		const largest = Math.max(o3.scale.x, o3.scale.y, o3.scale.z);
		const smallest = Math.min(o3.scale.x, o3.scale.y, o3.scale.z);
		const factor = Math.min(this.maxScale / largest, Math.max(this.minScale / smallest, step));
		if (Math.abs(factor - 1) < 1e-6)
			return fail(request.intent === 'scale_up' ? 'already at the largest size' : 'already at the smallest size');
		_scale.copy(o3.scale).multiplyScalar(factor);
		remember();
		await animator.to(o3, 'scale', _scale, this.duration);
		return { ok: true, event: { type: 'scale', object: target, factor } };
	}
}
