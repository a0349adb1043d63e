import * as tf from '@tensorflow/tfjs';
import { attendOp, denseOp, useHostKernels } from './hostKernels.js';
import { glorot, type LayerArgs, MASKED, project } from './ops.js';

export interface AttentionPoolingArgs extends LayerArgs {
	units: number;
}

/**
 * Additive attention pooling, `softmax(v·tanh(W·h + b))` over the unmasked steps, as in the
 * reference design: inputs `[states (B,T,H), mask (B,T)]` → `(B,H)`.
 */
export class AttentionPooling extends tf.layers.Layer {
	static readonly className = 'XrAttentionPooling';
	readonly units: number;
	private w!: tf.LayerVariable;
	private b!: tf.LayerVariable;
	private v!: tf.LayerVariable;

	constructor(args: AttentionPoolingArgs) {
		super(args);
		this.units = args.units;
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const states = (inputShape as tf.Shape[])[0];
		const h = states[states.length - 1] as number;
		this.w = this.addWeight('w', [h, this.units], 'float32', glorot());
		this.b = this.addWeight('b', [this.units], 'float32', tf.initializers.zeros());
		this.v = this.addWeight('v', [this.units, 1], 'float32', glorot());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const states = (inputShape as tf.Shape[])[0];
		return [states[0], states[2]];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const [states, mask] = inputs as tf.Tensor[];
			const [b, t, h] = states.shape as number[];
			if (useHostKernels(kwargs)) {
				// The scores are the keys of a one-query attention whose query is 1.
				const e = denseOp(denseOp(states, this.w.read(), this.b.read(), 'tanh'), this.v.read(), null, 'linear');
				return attendOp(tf.ones([b, 1, 1]), e.reshape([b, t, 1]), states, mask, 1, MASKED, false, false).reshape([
					b,
					h,
				]);
			}
			const e = project(tf.tanh(tf.add(project(states, this.w.read()), this.b.read())), this.v.read()).squeeze([2]);
			const alpha = tf.softmax(tf.add(e, tf.mul(tf.sub(1, mask), MASKED)));
			// Σ_t α_t·h_t as a (1×T)·(T×H) product: a broadcast multiply and sum is slower on CPU and WASM.
			return tf.matMul(alpha.expandDims(1) as tf.Tensor3D, states as tf.Tensor3D).reshape([b, h]);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units };
	}
}
tf.serialization.registerClass(AttentionPooling);
