/**
 * Per stage (`npm run bench stages`): the three models the plugin runs — detector (CenterNet 512²,
 * one 640×480 photograph), audio encoder (the sound-event classifier in public/models/audio, one
 * 0.96 s log-mel patch) and fusion model (public/models/fusion, one scenario) — median and p95 on
 * Node cpu and wasm, the stages interleaved call by call. Browser backends (webgl, webgpu) are
 * measured for the detector by `npm run bench vision`; not here. Writes `.cache/bench/stages.json`.
 * `STAGES_BENCH_QUICK=1` for fewer runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FusionModel } from '../../src/fusion/FusionModel.js';
import type { Scenario } from '../../src/fusion/scenario.js';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { logMelSpectrogram } from '../../src/perception/audio/logMel.js';
import { resample } from '../../src/perception/audio/resample.js';
import { SoundEventClassifier } from '../../src/perception/audio/SoundEventClassifier.js';
import { PATCH_FRAMES } from '../../src/perception/audio/soundEventModel.js';
import { CenterNetDetector } from '../../src/perception/detection/CenterNetDetector.js';
import { Rng } from '../../src/runtime/Rng.js';
import { labelledPhotos } from '../../test/support/debianPhotos.js';
import { centerNetFromDisk, useBackend } from '../_nodeModels.js';
import { readModelFiles } from '../audio/modelFiles.js';
import { summarize, table } from './_stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.env.STAGES_BENCH_QUICK === '1';

export async function run(): Promise<void> {
	const frame = labelledPhotos(640).find((p) => p.name === 'basketball1.png')!.image;
	const rate = 48000;
	const mono = CLASS_SYNTHS.music!(new Rng(5), rate, rate);
	const mel = logMelSpectrogram(resample(mono, rate, 16000));
	const patch = { data: mel.data.slice(0, PATCH_FRAMES * 64), frames: PATCH_FRAMES, bands: 64 };
	const audioFiles = readModelFiles(join(root, 'public', 'models', 'audio'));
	const scenarios: Scenario[] = readFileSync(join(root, 'test/fixtures/fusion/test.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.slice(0, 40)
		.map((l) => JSON.parse(l));

	const rows: Array<Array<string | number>> = [];
	const json: Record<string, unknown> = { machine: 'Node, tfjs 4.22, 2-core shared VM, no GPU' };
	for (const backend of ['cpu', 'wasm'] as const) {
		await useBackend(backend);
		const detector = new CenterNetDetector();
		await detector.load(centerNetFromDisk());
		const classifier = await new SoundEventClassifier().load(audioFiles);
		const fusion = await FusionModel.load(join(root, 'public/models/fusion/model.json'));
		let k = 0;
		const stages: Array<[string, () => Promise<unknown>, number]> = [
			['detector: CenterNet 512², one 640×480 frame', () => detector.detect(frame), 1],
			['audio encoder: sound events, one 0.96 s patch', () => classifier.classifyLogMel(patch), 5],
			['fusion model: one scenario', () => fusion.interpret(scenarios[k++ % scenarios.length]), 5],
		];
		// Warm-up (kernels compile on first use), then interleaved rounds; the faster stages run
		// several calls per round so each gets enough samples.
		for (const [, fn, per] of stages) for (let i = 0; i < Math.max(2, per); i++) await fn();
		const rounds = backend === 'cpu' ? (quick ? 2 : 4) : quick ? 6 : 20;
		const samples: number[][] = stages.map(() => []);
		for (let r = 0; r < rounds; r++) {
			for (let s = 0; s < stages.length; s++) {
				const [, fn, per] = stages[s];
				for (let i = 0; i < per; i++) {
					const t0 = performance.now();
					await fn();
					samples[s].push(performance.now() - t0);
				}
			}
		}
		stages.forEach(([name], s) => {
			const sum = summarize(samples[s]);
			rows.push([`Node ${backend}`, name, sum.median, sum.p95, sum.n]);
			json[`${backend}/${name}`] = sum;
		});
		detector.dispose();
		classifier.dispose();
		fusion.dispose();
	}
	console.log(
		'Per stage, ms per call, interleaved (browser webgl/webgpu: not measured here, see `npm run bench vision`):\n',
	);
	console.log(table(['backend', 'stage', 'median', 'p95', 'calls'], rows));
	mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
	writeFileSync(join(root, '.cache', 'bench', 'stages.json'), `${JSON.stringify(json, null, '\t')}\n`);
	console.log('\n(written to .cache/bench/stages.json)');
}
