import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, MASKED } from './ops.js';

/**
 * A pointer over candidates plus "none": inputs `[scores (B,N,1), none (B,1), mask (B,N)]` →
 * logits `(B,N+1)` with padded slots pushed far down; slot N means no object.
 */
export class PointerLogits extends tf.layers.Layer {
	static readonly className = 'XrPointerLogits';

	constructor(args: LayerArgs = {}) {
		super(args);
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [scores] = inputShape as tf.Shape[];
		return [scores[0], (scores[1] as number) + 1];
	}

	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [scores, none, mask] = inputs as tf.Tensor[];
			const objects = tf.add(scores.squeeze([2]), tf.mul(tf.sub(1, mask), MASKED));
			return tf.concat([objects, none], 1);
		});
	}
}
tf.serialization.registerClass(PointerLogits);
