/** Small tensor helpers shared by the custom layers. */
import * as tf from '@tensorflow/tfjs';
import { denseOp } from './hostKernels.js';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** `x[..., in] · w[in, out]` for any rank of x (matMul wants rank 2); `fused`: the CPU kernel. */
export function project(x: tf.Tensor, w: tf.Tensor, fused = false): tf.Tensor {
	if (fused) return denseOp(x, w, null, 'linear');
	const shape = x.shape;
	const flat = x.reshape([-1, shape[shape.length - 1] as number]);
	return tf.matMul(flat as tf.Tensor2D, w as tf.Tensor2D).reshape([...shape.slice(0, -1), w.shape[1] as number]);
}

/** Large negative number added to masked logits (finite, so gradients stay finite). */
export const MASKED = -1e4;

export function glorot(): ReturnType<typeof tf.initializers.glorotUniform> {
	return tf.initializers.glorotUniform({});
}

/**
 * `n` copies of `x` side by side along `axis` (which must have size 1). Built from one concat,
 * whose row copies are fast on every backend; `tf.tile` walks element by element on CPU and WASM.
 */
export function repeat(x: tf.Tensor, axis: number, n: number): tf.Tensor {
	return n === 1 ? x : tf.concat(new Array<tf.Tensor>(n).fill(x), axis);
}

/**
 * `Σ_j w_bj · v_bij` for `w (B,N)` and `v (B,N,N,C)` → `(B,N,C)`: one batched (1×N)·(N×C) product
 * per object, rather than a broadcast multiply and a sum over the pair tensor (each a slow generic
 * loop on the CPU and WASM backends).
 */
export function sumOverPairs(w: tf.Tensor, v: tf.Tensor): tf.Tensor {
	const [b, n, , c] = v.shape as number[];
	const rows = repeat(w.reshape([b, 1, 1, n]), 1, n).reshape([b * n, 1, n]);
	return tf.matMul(rows as tf.Tensor3D, v.reshape([b * n, n, c]) as tf.Tensor3D).reshape([b, n, c]);
}
