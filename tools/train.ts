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
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { type FusionMetadata, FusionModel } from '../src/fusion/FusionModel.js';
import { vocabSize } from '../src/perception/tokenizer.js';
import { selectBackend } from '../src/runtime/selectBackend.js';
import { generateEpisodes, LABEL_CLASSES, toDataset } from './fusion/dataset.js';
import { applyLexicalPrior } from './fusion/lexiconInit.js';
import { saveModel, writeMetrics } from './fusion/modelFiles.js';
import { progressBar } from './fusion/progress.js';
import { reportTable, score } from './fusion/score.js';
import { trainBaselineMain } from './fusion/trainBaselineMain.js';
import { seededNet, train } from './fusion/trainer.js';
import { fusionVocabulary } from './fusion/vocabulary.js';

const { values: args } = parseArgs({
	options: {
		episodes: { type: 'string', default: '32000' },
		test: { type: 'string', default: '2000' },
		epochs: { type: 'string', default: '3' },
		seconds: { type: 'string', default: '880' },
		batch: { type: 'string', default: '32' },
		lr: { type: 'string', default: '0.003' },
		seed: { type: 'string', default: '1' },
		backend: { type: 'string', default: 'wasm' },
		out: { type: 'string', default: 'public/models/fusion' },
		baseline: { type: 'boolean', default: false },
	},
});
const seed = Number(args.seed);
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
const bytes = await saveModel(net, args.out, metadata);
writeFileSync(join(args.out, 'vocab.json'), `${JSON.stringify(vocab)}\n`);
writeMetrics(
	args.out,
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
console.error(`wrote ${args.out} (${(bytes / 1024).toFixed(0)} KiB weights) in ${trainSeconds.toFixed(0)} s`);
model.dispose();
tf.disposeVariables();
