import * as tf from '@tensorflow/tfjs';
import { denseOp, useHostKernels } from './hostKernels.js';
import { glorot, type LayerArgs, project } from './ops.js';

export interface TokenConvArgs extends LayerArgs {
	units: number;
	/** Add the input to the output (needs input width = units). */
	residual?: boolean;
	/** `relu` (default) or `tanh`. */
	activation?: 'relu' | 'tanh';
}

/**
 * A width-3 convolution over tokens: each step sees its left neighbour, itself and its right
 * neighbour (padding steps read as zeros), `act(W·[x₋₁, x₀, x₊₁] + b)`. Built from shifts and one
 * matMul rather than `conv1d`, because WASM has no `Conv2DBackpropFilter` to train it, and because
 * a few wide ops beat a recurrent cell's many small ones per step. Inputs `[x (B,T,D), mask (B,T)]`
 * → `(B,T,units)`.
 */
export class TokenConv extends tf.layers.Layer {
	static readonly className = 'XrTokenConv';
	readonly units: number;
	readonly residual: boolean;
	readonly activation: 'relu' | 'tanh';
	private w!: tf.LayerVariable;
	private b!: tf.LayerVariable;

	constructor(args: TokenConvArgs) {
		super(args);
		this.units = args.units;
		this.residual = args.residual ?? false;
		this.activation = args.activation ?? 'relu';
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const x = (inputShape as tf.Shape[])[0];
		const d = x[x.length - 1] as number;
		if (this.residual && d !== this.units) throw new Error(`TokenConv: residual needs ${this.units} inputs, got ${d}`);
		this.w = this.addWeight('w', [3 * d, this.units], 'float32', glorot());
		this.b = this.addWeight('b', [this.units], 'float32', tf.initializers.zeros());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const x = (inputShape as tf.Shape[])[0];
		return [x[0], x[1], this.units];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const [x, mask] = inputs as tf.Tensor[];
			const t = x.shape[1] as number;
			const xm = tf.mul(x, mask.expandDims(2));
			const left = tf
				.pad(xm, [
					[0, 0],
					[1, 0],
					[0, 0],
				])
				.slice([0, 0, 0], [-1, t, -1]);
			const right = tf
				.pad(xm, [
					[0, 0],
					[0, 1],
					[0, 0],
				])
				.slice([0, 1, 0], [-1, t, -1]);
			const window = tf.concat([left, xm, right], 2);
			let y: tf.Tensor;
			if (useHostKernels(kwargs)) y = denseOp(window, this.w.read(), this.b.read(), this.activation);
			else {
				const z = tf.add(project(window, this.w.read()), this.b.read());
				y = this.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
			}
			return this.residual ? tf.add(y, x) : y;
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units, residual: this.residual, activation: this.activation };
	}
}
tf.serialization.registerClass(TokenConv);
