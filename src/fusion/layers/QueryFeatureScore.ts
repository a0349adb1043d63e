import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './ops.js';

/**
 * A score per object that the words weigh feature by feature: `f_i · (W·q + b)`. The utterance's
 * query decides which features count ("left" → first-from-the-left, "biggest" → biggest in group),
 * so a relation is one learned weight instead of a conjunction a hidden layer must discover.
 * Inputs `[features (B,N,K), query (B,Q)]` → `(B,N,1)`.
 */
export class QueryFeatureScore extends tf.layers.Layer {
	static readonly className = 'XrQueryFeatureScore';
	private w!: tf.LayerVariable;
	private b!: tf.LayerVariable;

	constructor(args: LayerArgs = {}) {
		super(args);
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const [f, q] = inputShape as tf.Shape[];
		const k = f[2] as number;
		// Zeros: the head starts as its plain per-object score and learns which features the words weigh.
		this.w = this.addWeight('w', [q[1] as number, k], 'float32', tf.initializers.zeros());
		this.b = this.addWeight('b', [k], 'float32', tf.initializers.zeros());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [f] = inputShape as tf.Shape[];
		return [f[0], f[1], 1];
	}

	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [f, q] = inputs as tf.Tensor[];
			const weights = tf.add(tf.matMul(q as tf.Tensor2D, this.w.read() as tf.Tensor2D), this.b.read());
			return tf.matMul(f as tf.Tensor3D, weights.expandDims(2) as tf.Tensor3D);
		});
	}
}
tf.serialization.registerClass(QueryFeatureScore);
