import * as tf from '@tensorflow/tfjs';
import { glorot, type LayerArgs } from './ops.js';

export interface BilinearScoreArgs extends LayerArgs {
	units: number;
}

/**
 * Text-conditioned scoring of raw object features: `units` bilinear forms
 * `features_i · (W_k·query + b_k)`. The utterance decides which features matter ("left" → the
 * left-to-right rank, "nearest" → the distance rank, "this" → pointer alignment) and the dot
 * product ranks the objects by them — a product a stack of ReLU layers learns only slowly.
 * Inputs `[query (B,Q), features (B,N,F)]` → `(B,N,units)`.
 */
export class BilinearScore extends tf.layers.Layer {
	static readonly className = 'XrBilinearScore';
	readonly units: number;
	private w!: tf.LayerVariable;
	private b!: tf.LayerVariable;

	constructor(args: BilinearScoreArgs) {
		super(args);
		this.units = args.units;
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const [q, f] = inputShape as tf.Shape[];
		const features = f[2] as number;
		this.w = this.addWeight('w', [q[1] as number, features * this.units], 'float32', glorot());
		this.b = this.addWeight('b', [features * this.units], 'float32', tf.initializers.zeros());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [, f] = inputShape as tf.Shape[];
		return [f[0], f[1], this.units];
	}

	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [query, features] = inputs as tf.Tensor[];
			const f = features.shape[2] as number;
			const weights = tf.add(tf.matMul(query as tf.Tensor2D, this.w.read() as tf.Tensor2D), this.b.read());
			return tf.matMul(features as tf.Tensor3D, weights.reshape([-1, f, this.units]) as tf.Tensor3D);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units };
	}
}
tf.serialization.registerClass(BilinearScore);
