import * as tf from '@tensorflow/tfjs';
import { groupRankOp, useHostKernels } from './hostKernels.js';
import { type LayerArgs, sumOverPairs } from './ops.js';

export interface GroupRankArgs extends LayerArgs {
	/** First pair channel of the order indicators and how many there are. */
	start: number;
	count: number;
}

/**
 * Soft ranks within the group the words name. Each object j has a "named" probability
 * `p_j = σ(match_j)`; for every order indicator k (j left of i, j nearer, j smaller, …) object i
 * counts `c_ik = Σ_j p_j · mask_j · order_ijk`, and the count is read out as soft buckets
 * 0, 1, 2 and "3 or more". "The second cup from the left" is then: named, and one named thing to
 * its left — whatever the detector called the cups. Inputs `[match (B,N,1), pairs (B,N,N,P),
 * mask (B,N)]` → `(B,N,4·count)`.
 */
export class GroupRank extends tf.layers.Layer {
	static readonly className = 'XrGroupRank';
	readonly start: number;
	readonly count: number;

	constructor(args: GroupRankArgs) {
		super(args);
		this.start = args.start;
		this.count = args.count;
	}

	override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
		const [match] = inputShape as tf.Shape[];
		return [match[0], match[1], 4 * this.count];
	}

	override call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Record<string, unknown>): tf.Tensor {
		return tf.tidy(() => {
			const [match, pairs, mask] = inputs as tf.Tensor[];
			if (useHostKernels(kwargs)) return groupRankOp(match, pairs, mask, this.start, this.count);
			const [b, n] = match.shape as number[];
			const named = tf.mul(tf.sigmoid(match.reshape([b, n])), mask);
			// Σ_j named_j · pairs_ij over every channel, then the order channels of that small result:
			// cheaper than slicing and multiplying the pair tensor.
			const counts = sumOverPairs(named, pairs).slice([0, 0, this.start], [-1, -1, this.count]).expandDims(3);
			const near = tf.exp(tf.mul(tf.square(tf.sub(counts, tf.tensor1d([0, 1, 2]))), -4));
			const many = tf.sigmoid(tf.mul(tf.sub(counts, 2.5), 6));
			return tf.concat([near, many], 3).reshape([b, n, 4 * this.count]);
		});
	}

	override getConfig(): tf.serialization.ConfigDict {
		return { ...super.getConfig(), start: this.start, count: this.count };
	}
}
tf.serialization.registerClass(GroupRank);
