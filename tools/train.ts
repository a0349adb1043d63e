/**
 * `npm run train`: trains the fusion model on generated episodes (seeded, reproducible), reports
 * accuracy on the held-out split (new scenes, unseen phrasings), and writes
 * `public/models/fusion/{model.json,weights.bin,vocab.json,metrics.json}`.
 *
 *   npm run train -- [--episodes 32000] [--epochs 3] [--seconds 880] [--backend wasm|cpu] [--out DIR]
 *   npm run train -- --baseline [--seconds 780]   (the reference-design baseline, same episodes)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type FusionMetadata, FusionModel } from '../src/fusion/FusionModel.js';
import { vocabSize } from '../src/perception/tokenizer.js';
import { selectBackend } from '../src/runtime/selectBackend.js';
import { choiceOption, numberOption, parseCommand } from './_cli.js';
import { generateEpisodes, LABEL_CLASSES, toDataset } from './fusion/dataset.js';
import { applyLexicalPrior } from './fusion/lexiconInit.js';
import { saveModel, writeMetrics } from './fusion/modelFiles.js';
import { progressBar } from './fusion/progress.js';
import { reportTable, score } from './fusion/score.js';
import { trainBaselineMain } from './fusion/trainBaselineMain.js';
import { seededNet, train } from './fusion/trainer.js';
import { fusionVocabulary } from './fusion/vocabulary.js';

const NAME = 'train';
const { values: args } = parseCommand({
	name: NAME,
	summary:
		'Trains the fusion model on generated episodes (seeded), reports held-out accuracy, and writes model.json, weights.bin, vocab.json and metrics.json.',
	options: {
		episodes: { type: 'string', default: '32000', value: 'N', help: 'training episodes' },
		test: { type: 'string', default: '2000', value: 'N', help: 'held-out episodes' },
		epochs: { type: 'string', default: '3', value: 'N', help: 'passes over the training episodes' },
		seconds: { type: 'string', default: '880', value: 'S', help: 'training time budget' },
		batch: { type: 'string', default: '32', value: 'N', help: 'batch size' },
		lr: { type: 'string', default: '0.003', value: 'RATE', help: 'Adam learning rate' },
		seed: { type: 'string', default: '1', value: 'N', help: 'random seed' },
		backend: { type: 'string', default: 'wasm', value: 'wasm|cpu', help: 'tfjs backend' },
		out: { type: 'string', default: 'public/models/fusion', value: 'DIR', help: 'where the model is written' },
		baseline: { type: 'boolean', default: false, help: 'train the reference-design baseline instead (CPU backend)' },
	},
});
for (const name of ['episodes', 'test', 'epochs', 'batch']) numberOption(NAME, args, name, { min: 1, integer: true });
numberOption(NAME, args, 'seconds', { min: 1 });
numberOption(NAME, args, 'lr', { min: 0 });
numberOption(NAME, args, 'seed', { integer: true });
choiceOption(NAME, args, 'backend', ['wasm', 'cpu']);
const seed = Number(args.seed);
const out = args.out as string;
if (args.baseline) {
	await trainBaselineMain({
		episodes: Number(args.episodes),
		test: Number(args.test),
		seed,
		seconds: Number(args.seconds),
		batch: 8,
		lr: 0.001,
	});
	process.exit(0);
}
const backend = await selectBackend({ backend: args.backend as 'wasm' | 'cpu' });
const t0 = performance.now();
const trainEpisodes = generateEpisodes('train', Number(args.episodes), seed);
const testEpisodes = generateEpisodes('test', Number(args.test), seed + 1000);
const vocab = fusionVocabulary(trainEpisodes);
const data = toDataset(trainEpisodes, vocab);
console.error(
	`train: ${trainEpisodes.length} episodes, vocabulary ${vocab.words.length} + ${vocab.hashBuckets} buckets, backend ${backend}`,
);
const net = seededNet(seed, vocabSize(vocab), LABEL_CLASSES.length);
const tied = applyLexicalPrior(net, vocab, seed);
console.error(`lexical prior: ${tied} words start from their kind's or colour's vector`);
let smooth = { loss: 0, i: 0, t: 0 };
const losses = await train(net, data, {
	epochs: Number(args.epochs),
	batchSize: Number(args.batch),
	learningRate: Number(args.lr),
	seed,
	vocabSize: vocabSize(vocab),
	labelClasses: LABEL_CLASSES.length,
	maxSeconds: Number(args.seconds),
	onBatch: ({ epoch, batch, batches, loss, intentAcc, targetAcc }) => {
		const k = smooth.loss === 0 ? 1 : 0.05;
		smooth = {
			loss: smooth.loss + k * (loss - smooth.loss),
			i: smooth.i + k * (intentAcc - smooth.i),
			t: smooth.t + k * (targetAcc - smooth.t),
		};
		const s = ((performance.now() - t0) / 1000).toFixed(0);
		progressBar(
			epoch * batches + batch + 1,
			Number(args.epochs) * batches,
			`epoch ${epoch + 1} loss ${smooth.loss.toFixed(3)} intent ${(100 * smooth.i).toFixed(1)}% target ${(100 * smooth.t).toFixed(1)}% ${s}s`,
		);
	},
});
const trainSeconds = (performance.now() - t0) / 1000;
process.stderr.write('\n');
const metadata: FusionMetadata = { format: 'xr-sense-fusion/1', vocab, labelClasses: LABEL_CLASSES };
const model = new FusionModel(net, metadata);
const answers = await model.interpretBatch(testEpisodes.map((e) => e.scenario));
const report = score(
	testEpisodes.map((e) => e.scenario),
	answers,
);
console.log(reportTable(report));
const bytes = await saveModel(net, out, metadata);
writeFileSync(join(out, 'vocab.json'), `${JSON.stringify(vocab)}\n`);
writeMetrics(
	out,
	{
		model: 'fusion',
		backend,
		seed,
		trainEpisodes: trainEpisodes.length,
		testEpisodes: testEpisodes.length,
		epochs: Number(args.epochs),
	},
	{ losses, trainSeconds, net, weightBytes: bytes, test: report },
);
console.error(`wrote ${out} (${(bytes / 1024).toFixed(0)} KiB weights) in ${trainSeconds.toFixed(0)} s`);
model.dispose();
tf.disposeVariables();
