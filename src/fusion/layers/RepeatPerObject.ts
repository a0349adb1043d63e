import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, repeat } from './ops.js';

/**
 * One vector per scene copied to every object slot, however many slots the batch has (tfjs's
 * `RepeatVector` needs the count when the model is built): inputs `[vector (B,D), objects (B,N,…)]`
 * → `(B,N,D)`.
 *
 * ```ts
 * const perObject = new RepeatPerObject().apply( [ query, objects ] ); // (B,64), (B,N,62) → (B,N,64)
 * ```
 */
export class RepeatPerObject extends tf.layers.Layer {
	static readonly className = 'XrRepeatPerObject';

	constructor(args: LayerArgs = {}) {
		super(args);
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [vector, objects] = inputShape as tf.Shape[];
		return [vector[0], objects[1], vector[1]];
	}

	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [vector, objects] = inputs as tf.Tensor[];
			const [b, d] = vector.shape as number[];
			return repeat(vector.reshape([b, 1, d]), 1, objects.shape[1] as number);
		});
	}
}
tf.serialization.registerClass(RepeatPerObject);
