import * as tf from '@tensorflow/tfjs';
import { gatherRowsOp, useHostKernels } from './hostKernels.js';
import type { LayerArgs } from './ops.js';

export interface TokenEmbeddingArgs extends LayerArgs {
	vocabSize: number;
	dim: number;
}

/**
 * Token ids → vectors: a gather forward, and a custom gradient that scatters (`tf.scatterND`, which
 * sums duplicate ids) the incoming gradient into the table. tfjs's stock `Embedding` trains through
 * `UnsortedSegmentSum`, very slow on CPU and missing on WASM; a one-hot matMul works everywhere but
 * costs vocabulary × dim per token. Works on ids of any rank.
 */
export class TokenEmbedding extends tf.layers.Layer {
	static readonly className = 'XrTokenEmbedding';
	readonly vocabSize: number;
	readonly dim: number;
	private table!: tf.LayerVariable;

	constructor(args: TokenEmbeddingArgs) {
		super(args);
		this.vocabSize = args.vocabSize;
		this.dim = args.dim;
	}

	override build(): void {
		this.table = this.addWeight(
			'table',
			[this.vocabSize, this.dim],
			'float32',
			tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1 }),
		);
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape): tf.Shape {
		return [...inputShape, this.dim];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown> = {}): tf.Tensor {
		return tf.tidy(() => {
			const ids = Array.isArray(inputs) ? inputs[0] : inputs;
			const shape = [...ids.shape, this.dim];
			if (useHostKernels(kwargs)) return gatherRowsOp(this.table.read(), ids);
			if (kwargs.training !== true) {
				// Inference needs no gradient: clamp and gather the integer ids as they come (WASM's
				// clipByValue is float-only, so the clamp is a maximum and a minimum).
				const flat = ids.dtype === 'int32' ? ids.reshape([-1]) : ids.reshape([-1]).toInt();
				const clamped = tf.minimum(tf.maximum(flat, tf.scalar(0, 'int32')), tf.scalar(this.vocabSize - 1, 'int32'));
				return tf.gather(this.table.read(), clamped).reshape(shape);
			}
			const flat = tf.clipByValue(ids.flatten().toFloat(), 0, this.vocabSize - 1);
			return (lookup(this.table.read(), flat) as tf.Tensor).reshape(shape);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), vocabSize: this.vocabSize, dim: this.dim };
	}
}
tf.serialization.registerClass(TokenEmbedding);

/** gather(table, ids) whose table gradient is a scatter-add; ids are floats so the op has a (zero) gradient for them. */
const lookup = tf.customGrad(((table: tf.Tensor, ids: tf.Tensor, save: tf.GradSaveFunc) => {
	save([ids]);
	const dim = (table as tf.Tensor2D).shape[1];
	const rows = (table as tf.Tensor2D).shape[0];
	return {
		value: tf.gather(table as tf.Tensor2D, (ids as tf.Tensor).toInt()),
		gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
			const index = saved[0].toInt().expandDims(1);
			return [tf.scatterND(index, (dy as tf.Tensor).reshape([-1, dim]), [rows, dim]), tf.zerosLike(saved[0])];
		},
	};
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (table: tf.Tensor, ids: tf.Tensor) => tf.Tensor;
