/**
 * `npx xr-sense train-audio [--per-class 300] [--test-per-class 40] [--epochs 30] [--seed 1] [--out public/models/audio]`
 *
 * Trains the sound-event classifier on a procedurally synthesised corpus (speech voiced by
 * espeak-ng), seeded end to end, and reports accuracy on a held-out split synthesised from other
 * seeds (other clips, other utterances). Writes model.json, weights.bin and metrics.json.
 * Trains on tfjs's WASM backend with im2col convolutions (see soundEventModel.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { SOUND_CLASSES } from '../src/fusion/scenario.js';
import { initSoundEventWeights, PATCH_FRAMES, soundEventLogits } from '../src/perception/audio/soundEventModel.js';
import { Rng } from '../src/runtime/Rng.js';
import { numberOption, parseCommand } from './_cli.js';
import { buildSplit, type SplitSpec } from './audio/corpusSplit.js';
import { evaluateSplit } from './audio/evaluate.js';
import { writeModelFiles } from './audio/modelFiles.js';

const NAME = 'train-audio';
const { values } = parseCommand({
	name: NAME,
	summary:
		'Trains the sound-event classifier on its synthesised corpus (speech by espeak-ng) and reports held-out accuracy; writes model.json, weights.bin and metrics.json.',
	options: {
		'per-class': { type: 'string', default: '300', value: 'N', help: 'training clips per class' },
		'test-per-class': { type: 'string', default: '40', value: 'N', help: 'held-out clips per class' },
		epochs: { type: 'string', default: '30', value: 'N', help: 'training epochs' },
		seed: { type: 'string', default: '1', value: 'N', help: 'random seed (the held-out split uses other seeds)' },
		out: { type: 'string', default: 'public/models/audio', value: 'DIR', help: 'where the model is written' },
	},
	details: ['needs espeak-ng (Debian package) for the speech clips'],
});
const seed = numberOption(NAME, values, 'seed', { integer: true });
const out = values.out as string;
const epochs = numberOption(NAME, values, 'epochs', { min: 1, integer: true });
const perClass = numberOption(NAME, values, 'per-class', { min: 1, integer: true });
const testPerClass = numberOption(NAME, values, 'test-per-class', { min: 1, integer: true });
const batchSize = 32;
const train: SplitSpec = { seed, perClass, speechSeed: seed + 17, speechCount: 160 };
const heldOut: SplitSpec = {
	seed: seed + 1000,
	perClass: testPerClass,
	speechSeed: seed + 1017,
	speechCount: 48,
};

async function main(): Promise<void> {
	await tf.setBackend('wasm');
	const t0 = performance.now();
	const split = buildSplit(train);
	console.log(`corpus: ${split.count} training clips in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	const { bands } = split;
	const all = tf.tensor3d(split.features, [split.count, PATCH_FRAMES, bands]);
	const labels = tf.oneHot(tf.tensor1d(split.labels, 'int32'), SOUND_CLASSES.length);
	const initial = initSoundEventWeights(seed);
	// Per-band statistics of the training features, frozen into the model as its input normalisation.
	const moments = tf.moments(all, [0, 1]);
	initial['norm/mean'].dispose();
	initial['norm/variance'].dispose();
	initial['norm/mean'] = moments.mean;
	initial['norm/variance'] = moments.variance;
	const variables: Record<string, tf.Variable> = {};
	for (const [name, t] of Object.entries(initial)) variables[name] = tf.variable(t, !name.startsWith('norm/'), name);
	tf.dispose(Object.values(initial));
	const trainable = Object.values(variables).filter((v) => v.trainable);
	const optimizer = tf.train.adam(0.003);
	const rng = new Rng(seed * 31 + 7);
	const order = split.labels.map((_, i) => i);
	const t1 = performance.now();
	for (let epoch = 0; epoch < epochs; epoch++) {
		// Cosine decay to 5 % of the initial rate.
		(optimizer as unknown as { learningRate: number }).learningRate =
			0.003 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs)));
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rng.next() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		let lossSum = 0;
		let batches = 0;
		for (let b = 0; b + batchSize <= order.length; b += batchSize) {
			const idx = tf.tensor1d(order.slice(b, b + batchSize), 'int32');
			const loss = optimizer.minimize(
				() => {
					const x = tf.gather(all, idx) as tf.Tensor3D;
					const y = tf.gather(labels, idx);
					const logits = soundEventLogits(variables, x, { training: true, seed: seed + epoch * 1000 + b });
					return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
				},
				true,
				trainable,
			);
			lossSum += (await loss!.data())[0];
			batches++;
			loss!.dispose();
			idx.dispose();
		}
		console.log(
			`epoch ${epoch + 1}/${epochs} loss ${(lossSum / batches).toFixed(3)} (${((performance.now() - t1) / 1000).toFixed(0)} s)`,
		);
	}
	const trainSeconds = (performance.now() - t1) / 1000;
	all.dispose();
	labels.dispose();
	optimizer.dispose();
	const bytes = await writeModelFiles(variables, out);
	tf.dispose(Object.values(variables));
	const result = await evaluateSplit(out, heldOut);
	const metrics = {
		task: 'sound-event classification of synthetic 0.975 s clips (16 kHz mono, 96 × 64 log-mel patch)',
		command: `npx xr-sense train-audio --per-class ${train.perClass} --test-per-class ${heldOut.perClass} --epochs ${epochs} --seed ${seed}`,
		classes: SOUND_CLASSES,
		train,
		heldOut,
		epochs,
		backend: 'wasm',
		trainSeconds: Math.round(trainSeconds),
		weightBytes: bytes,
		heldOutAccuracy: result.accuracy,
		heldOutPerClass: result.perClass,
		confusion: result.confusion,
	};
	writeFileSync(join(out, 'metrics.json'), `${JSON.stringify(metrics, null, '\t')}\n`);
	console.log(`held-out accuracy ${(result.accuracy * 100).toFixed(1)} % over ${result.count} clips`);
	console.log(JSON.stringify(result.perClass));
}

await main();
