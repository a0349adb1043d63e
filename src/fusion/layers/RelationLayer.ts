import * as tf from '@tensorflow/tfjs';
import { glorot, type LayerArgs, project } from './ops.js';

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

	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [x, pairs, mask] = inputs as tf.Tensor[];
			const self = project(x, this.a.read()).expandDims(2);
			const other = project(x, this.bw.read()).expandDims(1);
			const rel = project(pairs, this.c.read());
			const msg = tf.relu(tf.add(tf.add(tf.add(self, other), rel), this.bias.read()));
			return tf.sum(tf.mul(msg, mask.expandDims(1).expandDims(3)), 2);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), units: this.units };
	}
}
tf.serialization.registerClass(RelationLayer);
