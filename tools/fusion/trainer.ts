/**
 * The training loop of the fusion network: seeded, batched, Adam, a cross-entropy per head.
 * Used by `npm run train` and by the unit test that checks a short run lowers the loss.
 */
import * as tf from '@tensorflow/tfjs';
import { toTensors } from '../../src/fusion/batch.js';
import { buildFusionNet } from '../../src/fusion/buildFusionNet.js';
import { MAX_OBJECTS } from '../../src/fusion/features.js';
import { INTENTS } from '../../src/fusion/scenario.js';
import { Rng } from '../../src/runtime/Rng.js';
import type { Dataset } from './dataset.js';

export interface TrainOptions {
	epochs: number;
	batchSize: number;
	learningRate: number;
	seed: number;
	vocabSize: number;
	labelClasses: number;
	/** Called after every batch. */
	onBatch?: (info: {
		epoch: number;
		batch: number;
		batches: number;
		loss: number;
		intentAcc: number;
		targetAcc: number;
	}) => void;
	/** Stop early once this many seconds have passed. */
	maxSeconds?: number;
}

/** Builds the network with seeded initial weights (tfjs draws its seeds from Math.random). */
export function seededNet(seed: number, vocabSize: number, labelClasses: number): tf.LayersModel {
	const rng = new Rng(seed);
	const random = Math.random;
	Math.random = () => rng.next();
	try {
		return buildFusionNet({ vocabSize, labelClasses });
	} finally {
		Math.random = random;
	}
}

export async function train(net: tf.LayersModel, data: Dataset, o: TrainOptions): Promise<number[]> {
	const rng = new Rng(o.seed + 1);
	const optimizer = tf.train.adam(o.learningRate);
	const n = data.features.length;
	const batches = Math.floor(n / o.batchSize);
	const losses: number[] = [];
	const start = performance.now();
	for (let epoch = 0; epoch < o.epochs; epoch++) {
		const order = rng.shuffle([...Array(n).keys()]);
		for (let b = 0; b < batches; b++) {
			// Linear decay to 15% over the planned steps (by step, not time, so runs reproduce).
			const progress = (epoch * batches + b) / (o.epochs * batches);
			(optimizer as unknown as { learningRate: number }).learningRate = o.learningRate * (1 - 0.85 * progress);
			const idx = order.slice(b * o.batchSize, (b + 1) * o.batchSize);
			const inputs = toTensors(idx.map((i) => data.features[i]));
			const pick = (a: Int32Array) =>
				tf.tensor1d(
					idx.map((i) => a[i]),
					'int32',
				);
			const intent = pick(data.intent);
			const target = pick(data.target);
			const dest = pick(data.destination);
			const label = tf.tensor1d(
				idx.flatMap((i) => [...data.label.subarray(i * MAX_OBJECTS, (i + 1) * MAX_OBJECTS)]),
				'int32',
			);
			const labelMask = tf.tensor1d(
				idx.flatMap((i) => [...data.labelMask.subarray(i * MAX_OBJECTS, (i + 1) * MAX_OBJECTS)]),
			);
			let accI = 0;
			let accT = 0;
			const lossT = optimizer.minimize(() => {
				const [li, lt, ld, ll] = net.apply(inputs, { training: true }) as tf.Tensor[];
				const ce = (logits: tf.Tensor, y: tf.Tensor, c: number) =>
					tf.losses.softmaxCrossEntropy(tf.oneHot(y, c), logits);
				accI = tf.tidy(() => tf.mean(tf.equal(tf.argMax(li, 1), intent).toFloat()).dataSync()[0]);
				accT = tf.tidy(() => tf.mean(tf.equal(tf.argMax(lt, 1), target).toFloat()).dataSync()[0]);
				const labelLoss = tf.losses.softmaxCrossEntropy(
					tf.oneHot(label, o.labelClasses),
					ll.reshape([-1, o.labelClasses]),
					labelMask,
				);
				return tf.addN([
					ce(li, intent, INTENTS.length),
					ce(lt, target, MAX_OBJECTS + 1),
					tf.mul(ce(ld, dest, MAX_OBJECTS + 1), 0.5),
					tf.mul(labelLoss, 0.1),
				]) as tf.Scalar;
			}, true)!;
			const loss = (await lossT.data())[0];
			tf.dispose([lossT, inputs, intent, target, dest, label, labelMask]);
			losses.push(loss);
			o.onBatch?.({ epoch, batch: b, batches, loss, intentAcc: accI, targetAcc: accT });
			if (o.maxSeconds && (performance.now() - start) / 1000 > o.maxSeconds) {
				optimizer.dispose();
				return losses;
			}
		}
	}
	optimizer.dispose();
	return losses;
}
