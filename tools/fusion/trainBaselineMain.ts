/**
 * `npm run train -- --baseline`: trains the reference-design baseline on the same episodes and
 * vocabulary as the fusion model within the same time budget, evaluates it on the same held-out
 * split, writes its metrics to `public/models/baseline/metrics.json` and its weights (≈200 MB,
 * kept out of git) to `.cache/baseline/`.
 */
import * as tf from '@tensorflow/tfjs';
import { vocabSize } from '../../src/perception/tokenizer.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { baselineAnswers, trainBaseline } from './baselineTrainer.js';
import { generateEpisodes } from './dataset.js';
import { saveModel, writeMetrics } from './modelFiles.js';
import { progressBar } from './progress.js';
import { reportTable, score } from './score.js';
import { fusionVocabulary } from './vocabulary.js';

export interface BaselineMainOptions {
	episodes: number;
	test: number;
	seed: number;
	seconds: number;
	batch: number;
	lr: number;
}

export async function trainBaselineMain(o: BaselineMainOptions): Promise<void> {
	// Conv2D's filter gradient has no WASM kernel, so the baseline trains on the CPU backend.
	await selectBackend({ backend: 'cpu' });
	const trainEpisodes = generateEpisodes('train', o.episodes, o.seed);
	const testEpisodes = generateEpisodes('test', o.test, o.seed + 1000);
	const vocab = fusionVocabulary(trainEpisodes);
	console.error(`baseline: ${trainEpisodes.length} episodes, ${o.seconds} s budget, backend cpu`);
	const t0 = performance.now();
	const { net, losses, seen } = await trainBaseline(trainEpisodes, vocab, vocabSize(vocab), {
		batchSize: o.batch,
		learningRate: o.lr,
		seed: o.seed,
		maxSeconds: o.seconds,
		onBatch: ({ batch, loss, seconds }) =>
			progressBar(Math.min(o.seconds, Math.round(seconds)), o.seconds, `batch ${batch + 1} loss ${loss.toFixed(3)}`),
	});
	const trainSeconds = (performance.now() - t0) / 1000;
	process.stderr.write('\n');
	await selectBackend({ backend: 'wasm' });
	const scenarios = testEpisodes.map((e) => e.scenario);
	const report = score(scenarios, await baselineAnswers(net, scenarios, vocab));
	console.log(reportTable(report));
	const dir = '.cache/baseline';
	const bytes = await saveModel(net, dir, { format: 'xr-sense-baseline/1', vocab });
	writeMetrics(
		'public/models/baseline',
		{
			model: 'reference-baseline',
			backend: 'cpu',
			seed: o.seed,
			trainEpisodes: trainEpisodes.length,
			samplesSeen: seen,
		},
		{ losses, trainSeconds, net, weightBytes: bytes, test: report },
	);
	console.error(`baseline: ${net.countParams()} parameters, ${(bytes / 2 ** 20).toFixed(0)} MiB weights in ${dir}`);
	net.dispose();
	tf.disposeVariables();
}
