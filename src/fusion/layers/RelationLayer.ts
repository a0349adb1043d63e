import * as tf from '@tensorflow/tfjs';
import { denseOp, relationSumOp, useHostKernels } from './hostKernels.js';
import { glorot, type LayerArgs, project, sumOverPairs } from './ops.js';

export interface RelationLayerArgs extends LayerArgs {
	units: number;
}

/**
 * One round of message passing over the scene graph: every object i receives
 * `Σ_j mask_j · relu(A·x_i + B·x_j + C·pair_ij + b)` from the others. Summing (not averaging)
 * lets it count ("the second chair from the left"); the pair features carry on/under/left/nearer.
 * Inputs `[objects (B,N,D), pairs (B,N,N,P), mask (B,N)]` → `(B,N,units)`.
 */
export class RelationLayer extends tf.layers.Layer {
	static readonly className = 'XrRelationLayer';
	readonly units: number;
	private a!: tf.LayerVariable;
	private bw!: tf.LayerVariable;
	private c!: tf.LayerVariable;
	private bias!: tf.LayerVariable;

	constructor(args: RelationLayerArgs) {
		super(args);
		this.units = args.units;
	}

	override build(inputShape: tf.Shape | tf.Shape[]): void {
		const [x, pairs] = inputShape as tf.Shape[];
		const d = x[2] as number;
		this.a = this.addWeight('a', [d, this.units], 'float32', glorot());
		this.bw = this.addWeight('b', [d, this.units], 'float32', glorot());
		this.c = this.addWeight('c', [pairs[3] as number, this.units], 'float32', glorot());
		this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
		this.built = true;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [x] = inputShape as tf.Shape[];
		return [x[0], x[1], this.units];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const [x, pairs, mask] = inputs as tf.Tensor[];
			if (useHostKernels(kwargs)) {
				const pairTerms = denseOp(pairs, this.c.read(), this.bias.read(), 'linear');
				const selfTerms = project(x, this.a.read(), true);
				return relationSumOp(pairTerms, selfTerms, project(x, this.bw.read(), true), mask);
			}
			const [b, n] = x.shape as number[];
			const h = this.units;
			const self = project(x, this.a.read());
			const other = project(x, this.bw.read());
			// The bias rides on the pair projection's matMul, saving one pass over the N×N pair tensor.
			const rel = tf.fused
				.matMul({
					a: pairs.reshape([-1, pairs.shape[3] as number]) as tf.Tensor2D,
					b: this.c.read() as tf.Tensor2D,
					bias: this.bias.read(),
				})
				.reshape([b, n, n, h]);
			const msg = tf.relu(tf.add(rel, tf.add(self.reshape([b, n, 1, h]), other.reshape([b, 1, n, h]))));
			return sumOverPairs(mask, msg);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units };
	}
}
tf.serialization.registerClass(RelationLayer);
