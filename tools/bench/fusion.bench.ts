/**
 * Fusion model vs the reference-design baseline, side by side in one run: latency of one
 * `interpret` (median / p95, CPU and WASM backends), accuracy on the fixed test file, size.
 * The baseline's trained weights come from `npm run train -- --baseline` (kept in `.cache/`);
 * without them its latency is measured on freshly initialised weights (same cost) and its
 * accuracy is read from `public/models/baseline/metrics.json`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { toTensors } from '../../src/fusion/batch.js';
import { buildFusionNet } from '../../src/fusion/buildFusionNet.js';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import { extractFeatures } from '../../src/fusion/features.js';
import { setHostKernels } from '../../src/fusion/layers/hostKernels.js';
import type { Scenario } from '../../src/fusion/scenario.js';
import { type Vocabulary, vocabSize } from '../../src/perception/tokenizer.js';
import { selectBackend } from '../../src/runtime/selectBackend.js';
import { baselineInput, baselineTensors, buildBaselineNet } from '../fusion/baseline.js';
import { baselineAnswers } from '../fusion/baselineTrainer.js';
import { score } from '../fusion/score.js';
import { type Summary, summarize, table, time } from './_stats.js';

const FIXTURE = 'test/fixtures/fusion/test.jsonl';
const BASELINE = '.cache/baseline/model.json';

export async function run(): Promise<void> {
	const scenarios: Scenario[] = readFileSync(FIXTURE, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l));
	await selectBackend({ backend: 'wasm' });
	const ours = await FusionModel.load('public/models/fusion/model.json');
	const trained = existsSync(BASELINE);
	const baseline = trained
		? await tf.loadLayersModel(await fileIO(BASELINE))
		: buildBaselineNet(vocabSize(ours.metadata.vocab));
	const vocab = ours.metadata.vocab;
	const rows: Array<Array<string | number>> = [];
	const sample = scenarios.slice(0, 40);
	for (const backend of ['cpu', 'wasm'] as const) {
		await selectBackend({ backend });
		let i = 0;
		let j = 0;
		const oursRun = () => ours.interpret(sample[i++ % sample.length]);
		const baseRun = async () => {
			const inputs = baselineTensors([baselineInput(sample[j++ % sample.length], vocab)]);
			const out = baseline.predict(inputs) as tf.Tensor[];
			await Promise.all(out.map((t) => t.data()));
			tf.dispose([...inputs, ...out]);
		};
		// Untimed runs first: right after a backend switch the JIT has not yet compiled its kernels.
		await time(oursRun, 0, 20);
		await time(baseRun, 0, 3);
		// Alternating blocks, so that both models see the same machine load (a shared, noisy machine
		// would otherwise skew whichever ran during a busy spell).
		const oursSamples: number[] = [];
		const baseSamples: number[] = [];
		const blocks = backend === 'cpu' ? 8 : 20;
		for (let block = 0; block < blocks; block++) {
			oursSamples.push(...(await time(oursRun, backend === 'cpu' ? 8 : 10, 0)));
			baseSamples.push(...(await time(baseRun, backend === 'cpu' ? 1 : 2, 0)));
		}
		const oursMs = summarize(oursSamples);
		const baseMs = summarize(baseSamples);
		rows.push([
			backend,
			oursMs.median,
			oursMs.p95,
			baseMs.median,
			baseMs.p95,
			`${(baseMs.median / oursMs.median).toFixed(1)}×`,
		]);
	}
	console.log('Latency of one scenario (ms), measured side by side:\n');
	console.log(
		table(['backend', 'ours median', 'ours p95', 'baseline median', 'baseline p95', 'baseline / ours'], rows),
	);

	await compareHostKernels(ours, sample);

	await selectBackend({ backend: 'wasm' });
	const oursReport = score(scenarios, await ours.interpretBatch(scenarios));
	const baseReport = trained
		? score(scenarios, await baselineAnswers(baseline, scenarios, vocab))
		: (JSON.parse(readFileSync('public/models/baseline/metrics.json', 'utf8')).test as typeof oursReport);
	const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
	const acc = (name: string, r: typeof oursReport, params: number, bytes: number) => [
		name,
		pct(r.overall.intent),
		pct(r.overall.target),
		pct(r.byLanguage.en?.target ?? 0),
		pct(r.byLanguage.zh?.target ?? 0),
		params,
		`${(bytes / 2 ** 20).toFixed(2)} MiB`,
	];
	console.log(
		`\nAccuracy (${trained ? `fixed test file, ${scenarios.length} scenarios` : 'baseline from its metrics.json: held-out split'}):\n`,
	);
	console.log(
		table(
			['model', 'intent', 'target', 'target en', 'target zh', 'parameters', 'weights'],
			[
				acc('fusion (ours)', oursReport, ours.net.countParams(), statSync('public/models/fusion/weights.bin').size),
				acc('reference baseline', baseReport, baseline.countParams(), baseline.countParams() * 4),
			],
		),
	);
	await compareTextEncoders(sample, vocab);
	ours.dispose();
	baseline.dispose();
}

/** 72 Hz, Quest's default refresh rate: one frame. */
const FRAME_MS = 1000 / 72;

/**
 * What the fused kernels (`src/fusion/layers/hostKernels.ts`) buy on each host backend: the same
 * model on the same scenes with them on and off, alternating blocks of runs so that both see the
 * same machine load.
 */
async function compareHostKernels(ours: FusionModel, sample: Scenario[]): Promise<void> {
	const rows: Array<Array<string | number>> = [];
	const share = (ms: number) => `${((100 * ms) / FRAME_MS).toFixed(0)}%`;
	for (const backend of ['cpu', 'wasm'] as const) {
		await selectBackend({ backend });
		const samples: Record<'fused' | 'stock', number[]> = { fused: [], stock: [] };
		let i = 0;
		for (let block = 0; block < 8; block++) {
			for (const mode of ['fused', 'stock'] as const) {
				setHostKernels(mode === 'fused');
				samples[mode].push(...(await time(() => ours.interpret(sample[i++ % sample.length]), 20, 10)));
			}
		}
		// Kernels per inference: the engine bookkeeping the fused kernels save is per kernel.
		const kernels = async (on: boolean) => {
			setHostKernels(on);
			return (
				await tf.profile(async () => {
					await ours.interpret(sample[0]);
				})
			).kernels.length;
		};
		const fusedKernels = await kernels(true);
		const stockKernels = await kernels(false);
		setHostKernels(true);
		const fused = summarize(samples.fused);
		const stock = summarize(samples.stock);
		rows.push(
			[
				backend,
				'fused (shipped)',
				fusedKernels,
				fused.median,
				fused.p95,
				share(fused.p95),
				`${(stock.median / fused.median).toFixed(2)}×`,
			],
			[backend, 'stock tfjs ops', stockKernels, stock.median, stock.p95, share(stock.p95), '1.00×'],
		);
	}
	console.log('\nFused inference kernels vs the stock tfjs ops, one scenario (ms):\n');
	console.log(
		table(
			['backend', 'kernels', 'kernels per inference', 'median', 'p95', 'p95 share of a 72 Hz frame', 'stock / fused'],
			rows,
		),
	);
}

/**
 * Why the text encoder is convolutional: the same network with the reference design's recurrent
 * encoder (a bidirectional GRU) instead, timed side by side on the same scenarios (weights do not
 * change the cost, so both run freshly initialised). Full padding: a recurrent encoder reads every step.
 */
async function compareTextEncoders(sample: Scenario[], vocab: Vocabulary): Promise<void> {
	const rows: Array<Array<string | number>> = [];
	const inputs = sample.map((s) => toTensors([extractFeatures(s, vocab)]));
	// Stock ops on both sides: the fused CPU kernels cover the convolutional encoder, not the GRU.
	setHostKernels(false);
	for (const backend of ['cpu', 'wasm'] as const) {
		await selectBackend({ backend });
		const ms: Record<string, Summary> = {};
		for (const textEncoder of ['gru', 'conv'] as const) {
			const net = buildFusionNet({ vocabSize: vocabSize(vocab), labelClasses: 40, textEncoder });
			let i = 0;
			ms[textEncoder] = summarize(
				await time(
					async () => {
						const out = net.predict(inputs[i++ % inputs.length]) as tf.Tensor[];
						await Promise.all(out.map((t) => t.data()));
						tf.dispose(out);
					},
					backend === 'cpu' ? 20 : 60,
					5,
				),
			);
			net.dispose();
		}
		rows.push([
			backend,
			ms.gru.median,
			ms.gru.p95,
			ms.conv.median,
			ms.conv.p95,
			`${(ms.gru.median / ms.conv.median).toFixed(1)}×`,
		]);
	}
	setHostKernels(true);
	tf.dispose(inputs.flat());
	console.log(
		'\nText encoder, one forward pass of the whole network, padded to 24 words and 16 objects, stock tfjs ops (ms):\n',
	);
	console.log(table(['backend', 'BiGRU median', 'BiGRU p95', 'conv median', 'conv p95', 'BiGRU / conv'], rows));
}

async function fileIO(path: string): Promise<tf.io.IOHandler> {
	const json = JSON.parse(readFileSync(path, 'utf8')) as tf.io.ModelJSON;
	const dir = path.slice(0, path.lastIndexOf('/') + 1);
	const weightData = readFileSync(dir + json.weightsManifest[0].paths[0]);
	return tf.io.fromMemory({
		modelTopology: json.modelTopology,
		weightSpecs: json.weightsManifest[0].weights,
		weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
	});
}
