import * as tf from '@tensorflow/tfjs';
import { denseOp, useHostKernels } from './hostKernels.js';
import { glorot, type LayerArgs } from './ops.js';

export interface PointwiseDenseArgs extends LayerArgs {
	units: number;
	/** `linear` (default) or `relu`, fused into the matMul. */
	activation?: 'linear' | 'relu';
}

/**
 * A dense layer on the last axis of a tensor of any rank, `act(x·W + b)`, in one fused matMul
 * between two reshapes. tfjs's `Dense` does the same math but, for inputs of rank 3 and up,
 * copies its kernel through a transpose on every call (0.4–0.6 ms each on the CPU backend).
 * Weights are named `kernel` and `bias`, like `Dense`'s, so either layer loads the other's weights.
 *
 * ```ts
 * const y = new PointwiseDense( { units: 64, activation: 'relu', name: 'fuse' } ).apply( x ); // (B,N,D) → (B,N,64)
 * ```
 */
export class PointwiseDense extends tf.layers.Layer {
	static readonly className = 'XrPointwiseDense';
	readonly units: number;
	readonly activation: 'linear' | 'relu';
	private kernel!: tf.LayerVariable;
	private bias!: tf.LayerVariable;

	constructor(args: PointwiseDenseArgs) {
		super(args);
		this.units = args.units;
		this.activation = args.activation ?? 'linear';
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const shape = inputShape as tf.Shape;
		this.kernel = this.addWeight('kernel', [shape[shape.length - 1] as number, this.units], 'float32', glorot());
		this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		return [...(inputShape as tf.Shape).slice(0, -1), this.units];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const x = Array.isArray(inputs) ? inputs[0] : inputs;
			if (useHostKernels(kwargs)) return denseOp(x, this.kernel.read(), this.bias.read(), this.activation);
			const shape = x.shape;
			const y = tf.fused.matMul({
				a: x.reshape([-1, shape[shape.length - 1] as number]) as tf.Tensor2D,
				b: this.kernel.read() as tf.Tensor2D,
				bias: this.bias.read(),
				activation: this.activation,
			});
			return y.reshape([...shape.slice(0, -1), this.units]);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units, activation: this.activation };
	}
}
tf.serialization.registerClass(PointwiseDense);
