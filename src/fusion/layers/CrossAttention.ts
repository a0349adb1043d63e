import * as tf from '@tensorflow/tfjs';
import { attendOp, useHostKernels } from './hostKernels.js';
import { glorot, type LayerArgs, MASKED, project } from './ops.js';

export interface CrossAttentionArgs extends LayerArgs {
	units: number;
	/** Add a "nothing matches" slot with logit 0, so a query can attend to nothing. */
	sentinel: boolean;
}

/**
 * Cross-modal attention: each query (an object, or a word) attends over the other modality's
 * items with scaled dot products in a learned `units`-wide space. Inputs `[queries (B,Q,Dq),
 * items (B,K,Dk), itemMask (B,K)]` → `(B,Q,Dk+1)`: the attended item vector and the best match
 * logit (how strongly anything matched). With two inputs `[items, itemMask]` it is self-attention
 * (one input listed twice would be freed early by the layers executor, which counts it once).
 */
export class CrossAttention extends tf.layers.Layer {
	static readonly className = 'XrCrossAttention';
	readonly units: number;
	readonly sentinel: boolean;
	private wq!: tf.LayerVariable;
	private wk!: tf.LayerVariable;

	constructor(args: CrossAttentionArgs) {
		super(args);
		this.units = args.units;
		this.sentinel = args.sentinel;
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const [q, k] = selfOrCross(inputShape as tf.Shape[]);
		this.wq = this.addWeight('wq', [q[q.length - 1] as number, this.units], 'float32', glorot());
		this.wk = this.addWeight('wk', [k[k.length - 1] as number, this.units], 'float32', glorot());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [q, k] = selfOrCross(inputShape as tf.Shape[]);
		return [q[0], q[1], (k[2] as number) + 1];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const [queries, items, mask] = selfOrCross(inputs as tf.Tensor[]);
			const fused = useHostKernels(kwargs);
			const q = project(queries, this.wq.read(), fused) as tf.Tensor3D;
			const k = project(items, this.wk.read(), fused) as tf.Tensor3D;
			if (fused) return attendOp(q, k, items, mask, 1 / Math.sqrt(this.units), MASKED, this.sentinel);
			const masked = tf.mul(tf.sub(1, mask), MASKED).expandDims(1);
			let logits = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(this.units)), masked);
			const best = tf.max(logits, 2, true);
			if (this.sentinel) logits = tf.concat([logits, tf.zerosLike(best)], 2);
			let alpha = tf.softmax(logits);
			if (this.sentinel) alpha = alpha.slice([0, 0, 0], [-1, -1, items.shape[1]!]);
			return tf.concat([tf.matMul(alpha as tf.Tensor3D, items as tf.Tensor3D), best], 2);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units, sentinel: this.sentinel };
	}
}
tf.serialization.registerClass(CrossAttention);

/** `[items, mask]` (self-attention) → `[items, items, mask]`; three inputs pass through. */
function selfOrCross<T>(inputs: T[]): T[] {
	return inputs.length === 2 ? [inputs[0], inputs[0], inputs[1]] : inputs;
}
