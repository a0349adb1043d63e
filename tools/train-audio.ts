/**
 * `npx xr-sense train-audio [--per-class 120] [--real-per-class 300] [--epochs 14] [--seed 1] [--out public/models/audio]`
 *
 * Trains the sound-event classifier on real recordings from the training packages of
 * `tools/audio/real-sounds.json` (augmented: level, clipping, reflections, telephone band, noise,
 * a second sound) plus a procedurally synthesised corpus (speech voiced by espeak-ng), seeded end to
 * end. A seventh of the training packages' files is kept back to fit the softmax temperature. It
 * then scores the test packages, which it never saw (leave-source-out), and a synthetic held-out
 * split. Writes model.json, weights.bin and metrics.json. Trains on tfjs's WASM backend with im2col
 * convolutions (see soundEventModel.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { SoundEventClassifier } from '../src/perception/audio/SoundEventClassifier.js';
import {
	initSoundEventWeights,
	levelNormalise,
	MODEL_CLASSES,
	PATCH_FRAMES,
	soundEventLogits,
} from '../src/perception/audio/soundEventModel.js';
import { Rng } from '../src/runtime/Rng.js';
import { numberOption, parseCommand } from './_cli.js';
import { augmentReal } from './audio/augmentReal.js';
import { fitTemperature } from './audio/calibration.js';
import { buildSplit, type SplitSpec } from './audio/corpusSplit.js';
import { evaluateSplit } from './audio/evaluate.js';
import { evaluateReal } from './audio/evaluateReal.js';
import { readModelFiles, writeModelFiles } from './audio/modelFiles.js';
import { loadRealSounds, splitCalibration } from './audio/realSounds.js';

const NAME = 'train-audio';
const { values } = parseCommand({
	name: NAME,
	summary:
		'Trains the sound-event classifier on real recordings (Debian packages, fetched with apt-get) and a synthesised corpus, and scores held-out packages; writes model.json, weights.bin and metrics.json.',
	options: {
		'per-class': { type: 'string', default: '120', value: 'N', help: 'synthetic training clips per class' },
		'real-per-class': {
			type: 'string',
			default: '300',
			value: 'N',
			help: 'augmented real training windows per class with recordings (unknown: twice)',
		},
		'test-per-class': { type: 'string', default: '40', value: 'N', help: 'held-out clips per class' },
		epochs: { type: 'string', default: '14', value: 'N', help: 'training epochs' },
		seed: { type: 'string', default: '1', value: 'N', help: 'random seed (the held-out split uses other seeds)' },
		out: { type: 'string', default: 'public/models/audio', value: 'DIR', help: 'where the model is written' },
		'score-only': {
			type: 'boolean',
			help: 'train nothing: score the model already in --out on the real test packages again and update its metrics.json',
		},
	},
	details: [
		'needs espeak-ng for the speech clips, and apt-get, dpkg-deb and ffmpeg for the real recordings (cached in .cache/sounds)',
	],
});
const seed = numberOption(NAME, values, 'seed', { integer: true });
const out = values.out as string;
const epochs = numberOption(NAME, values, 'epochs', { min: 1, integer: true });
const perClass = numberOption(NAME, values, 'per-class', { min: 1, integer: true });
const testPerClass = numberOption(NAME, values, 'test-per-class', { min: 1, integer: true });
const realPerClass = numberOption(NAME, values, 'real-per-class', { min: 0, integer: true });
const batchSize = 32;
const train: SplitSpec = { seed, perClass, speechSeed: seed + 17, speechCount: 160 };
const heldOut: SplitSpec = {
	seed: seed + 1000,
	perClass: testPerClass,
	speechSeed: seed + 1017,
	speechCount: 48,
};

/** Re-scores the model in `out` on the real test packages (after a decoder or manifest fix) and updates metrics.json. */
async function scoreOnly(): Promise<void> {
	await tf.setBackend('wasm');
	const path = join(out, 'metrics.json');
	const metrics = JSON.parse(readFileSync(path, 'utf8'));
	const classifier = await new SoundEventClassifier().load(readModelFiles(out));
	const realTest = await evaluateReal(classifier, loadRealSounds({ split: 'test' }));
	classifier.dispose();
	metrics.realTest = { ...realTest, verdicts: undefined };
	metrics.realTestVerdicts = realTest.verdicts;
	writeFileSync(path, `${JSON.stringify(metrics, null, '\t')}\n`);
	report(realTest);
}

function report(realTest: Awaited<ReturnType<typeof evaluateReal>>): void {
	console.log(
		`real test packages: top-1 ${(realTest.inSet.macro * 100).toFixed(1)} % over classes (${(realTest.inSet.micro * 100).toFixed(1)} % of ${realTest.inSet.count} files); out-of-set at ≥0.9: ${(realTest.outOfSet.confidentRate * 100).toFixed(1)} % of ${realTest.outOfSet.count}; ECE ${realTest.ece.toFixed(3)}`,
	);
	console.log(JSON.stringify(realTest.inSet.perClass));
}

async function main(): Promise<void> {
	await tf.setBackend('wasm');
	const t0 = performance.now();
	const synthetic = buildSplit(train);
	const realTrain = realPerClass > 0 ? loadRealSounds({ split: 'train' }) : [];
	const { training: realTraining, calibration: calibrationClips } = splitCalibration(realTrain);
	const real = augmentReal(realTraining, { perClass: realPerClass, seed });
	const { bands } = synthetic;
	const count = synthetic.count + real.count;
	const features = new Float32Array(count * PATCH_FRAMES * bands);
	features.set(synthetic.features);
	features.set(real.features, synthetic.features.length);
	const split = { count, labels: [...synthetic.labels, ...real.labels] };
	console.log(
		`corpus: ${synthetic.count} synthetic + ${real.count} real windows (${realTrain.length} files, ${calibrationClips.length} kept for calibration) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
	);
	const all = tf.tensor3d(features, [split.count, PATCH_FRAMES, bands]);
	const labels = tf.oneHot(tf.tensor1d(split.labels, 'int32'), MODEL_CLASSES.length);
	const initial = initSoundEventWeights(seed);
	// Per-band statistics of the training features, frozen into the model as its input normalisation.
	const moments = tf.tidy(() => tf.moments(levelNormalise(all), [0, 1]));
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
	const temperature = calibrationClips.length > 0 ? fitTemperature(variables, calibrationClips) : 1;
	console.log(`temperature ${temperature.toFixed(2)} (fitted on ${calibrationClips.length} held-back training files)`);
	const bytes = await writeModelFiles(variables, out, temperature);
	tf.dispose(Object.values(variables));
	const result = await evaluateSplit(out, heldOut);
	const classifier = await new SoundEventClassifier().load(readModelFiles(out));
	const realTest = realPerClass > 0 ? await evaluateReal(classifier, loadRealSounds({ split: 'test' })) : null;
	classifier.dispose();
	const metrics = {
		task: 'sound-event classification of 0.975 s windows (16 kHz mono, 96 × 64 log-mel patch), real recordings and synthetic clips',
		command: `npx xr-sense train-audio --per-class ${train.perClass} --real-per-class ${realPerClass} --test-per-class ${heldOut.perClass} --epochs ${epochs} --seed ${seed}`,
		classes: MODEL_CLASSES,
		train,
		heldOut,
		epochs,
		backend: 'wasm',
		trainSeconds: Math.round(trainSeconds),
		weightBytes: bytes,
		temperature,
		realTrainFiles: realTraining.length,
		realCalibrationFiles: calibrationClips.length,
		realTest: realTest && { ...realTest, verdicts: undefined },
		realTestVerdicts: realTest?.verdicts,
		heldOutAccuracy: result.accuracy,
		heldOutPerClass: result.perClass,
		confusion: result.confusion,
	};
	writeFileSync(join(out, 'metrics.json'), `${JSON.stringify(metrics, null, '\t')}\n`);
	console.log(`synthetic held-out accuracy ${(result.accuracy * 100).toFixed(1)} % over ${result.count} clips`);
	if (realTest) report(realTest);
	console.log(JSON.stringify(result.perClass));
}

await (values['score-only'] ? scoreOnly() : main());
