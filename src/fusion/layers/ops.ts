/** Small tensor helpers shared by the custom layers. */
import * as tf from '@tensorflow/tfjs';
import { denseOp } from './cpuKernels.js';

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
 * `rel_ij + self_i + other_j` for `rel (B,N,N,H)`, `self (B,N,H)`, `other (B,N,H)`. WASM and the
 * GPU backends broadcast natively; the CPU backend's broadcasting add takes a generic per-element
 * path (about 5× slower here than repeating both terms with concat and adding equal shapes).
 */
export function addPairwise(rel: tf.Tensor, self: tf.Tensor, other: tf.Tensor): tf.Tensor {
	const [b, n, h] = self.shape as number[];
	const s = self.reshape([b, n, 1, h]);
	const o = other.reshape([b, 1, n, h]);
	if (tf.getBackend() !== 'cpu') return tf.add(rel, tf.add(s, o));
	return tf.add(tf.add(rel, repeat(s, 2, n)), repeat(o, 1, n));
}
