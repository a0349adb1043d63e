/** Small tensor helpers shared by the custom layers. */
import * as tf from '@tensorflow/tfjs';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** `x[..., in] · w[in, out]` for any rank of x (matMul wants rank 2). */
export function project(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
	const shape = x.shape;
	const flat = x.reshape([-1, shape[shape.length - 1] as number]);
	return tf.matMul(flat as tf.Tensor2D, w as tf.Tensor2D).reshape([...shape.slice(0, -1), w.shape[1] as number]);
}

/** Large negative number added to masked logits (finite, so gradients stay finite). */
export const MASKED = -1e4;

export function glorot(): ReturnType<typeof tf.initializers.glorotUniform> {
	return tf.initializers.glorotUniform({});
}
