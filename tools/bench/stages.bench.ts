/**
 * Per stage (`npm run bench stages`): the three models the plugin runs — detector (CenterNet 512²,
 * one 640×480 photograph), audio encoder (the sound-event classifier in public/models/audio, one
 * 0.96 s log-mel patch) and fusion model (public/models/fusion, one scenario) — median and p95 on
 * Node cpu and wasm, then in headless Chromium (through a Vite dev server, tools/bench/pages/stages.html)
 * on wasm, webgl and webgpu (a 'no adapter' row when Chromium grants none), the stages interleaved
 * call by call on every backend, the same inputs everywhere. Without a GPU, WebGL and WebGPU run on
 * SwiftShader and CenterNet takes seconds a frame there, so those backends get few detector calls.
 * Writes `.cache/bench/stages.json`. `STAGES_BENCH_QUICK=1` for fewer runs (one timed detector
 * call on webgl/webgpu).
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
import { debianFile, photoEntries } from '../../test/support/debianPhotos.js';
import { centerNetFromDisk, readImage, useBackend } from '../_nodeModels.js';
import { readModelFiles } from '../audio/modelFiles.js';
import { startBrowserBench } from './_browser.js';
import { summarize, table } from './_stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.env.STAGES_BENCH_QUICK === '1';

const STAGE_NAMES = [
	'detector: CenterNet 512², one 640×480 frame',
	'audio encoder: sound events, one 0.96 s patch',
	'fusion model: one scenario',
] as const;

/** Untimed calls, interleaved rounds and calls per round, per stage (in STAGE_NAMES order). */
interface Plan {
	warmup: [number, number, number];
	rounds: number;
	per: [number, number, number];
}

/** What the browser page sends back for one backend. */
interface PageResult {
	backend: string;
	ms: number[][];
}

export async function run(): Promise<void> {
	// basketball1.png is 640×480 already; reading only it spares fetching every labelled photo.
	const entry = photoEntries().find((p) => p.file.endsWith('/basketball1.png'))!;
	const frame = readImage(debianFile(entry.package, entry.file));
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
	const record = (label: string, key: string, ms: number[][]) =>
		STAGE_NAMES.forEach((name, s) => {
			const sum = summarize(ms[s]);
			rows.push([label, name, sum.median, sum.p95, sum.n]);
			json[`${key}/${name}`] = sum;
		});

	for (const backend of ['cpu', 'wasm'] as const) {
		await useBackend(backend);
		const detector = new CenterNetDetector();
		await detector.load(centerNetFromDisk());
		const classifier = await new SoundEventClassifier().load(audioFiles);
		const fusion = await FusionModel.load(join(root, 'public/models/fusion/model.json'));
		let k = 0;
		const fns: Array<() => Promise<unknown>> = [
			() => detector.detect(frame),
			() => classifier.classifyLogMel(patch),
			() => fusion.interpret(scenarios[k++ % scenarios.length]),
		];
		// Warm-up (kernels compile on first use), then interleaved rounds; the faster stages run
		// several calls per round so each gets enough samples.
		const plan: Plan = {
			warmup: [2, 5, 5],
			rounds: backend === 'cpu' ? (quick ? 2 : 4) : quick ? 6 : 20,
			per: [1, 5, 5],
		};
		const samples: number[][] = fns.map(() => []);
		for (let s = 0; s < fns.length; s++) for (let i = 0; i < plan.warmup[s]; i++) await fns[s]();
		for (let r = 0; r < plan.rounds; r++) {
			for (let s = 0; s < fns.length; s++) {
				for (let i = 0; i < plan.per[s]; i++) {
					const t0 = performance.now();
					await fns[s]();
					samples[s].push(performance.now() - t0);
				}
			}
		}
		record(`Node ${backend}`, backend, samples);
		detector.dispose();
		classifier.dispose();
		fusion.dispose();
	}

	const browserRows = await runBrowser(
		{
			rgba: Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength).toString('base64'),
			width: frame.width,
			height: frame.height,
			mel: Array.from(patch.data),
			frames: patch.frames,
			bands: patch.bands,
			scenarios,
		},
		json,
	);
	for (const r of browserRows) {
		if (r.ms) record(r.label, `chromium-${r.backend}`, r.ms);
		else {
			rows.push([r.label, 'all three', 'no adapter', '', 0]);
			json[`chromium-${r.backend}`] = 'no adapter';
		}
	}

	console.log('Per stage, ms per call, interleaved:\n');
	console.log(table(['backend', 'stage', 'median', 'p95', 'calls'], rows));
	mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
	writeFileSync(join(root, '.cache', 'bench', 'stages.json'), `${JSON.stringify(json, null, '\t')}\n`);
	console.log('\n(written to .cache/bench/stages.json)');
}

/** The same three stages in headless Chromium, one fresh page per backend. */
async function runBrowser(
	input: Record<string, unknown>,
	json: Record<string, unknown>,
): Promise<Array<{ label: string; backend: string; ms?: number[][] }>> {
	const { base, browser, close } = await startBrowserBench(5184, ['--enable-unsafe-webgpu']);
	const out: Array<{ label: string; backend: string; ms?: number[][] }> = [];
	try {
		const open = async () => {
			const page = await browser.newPage();
			await page.goto(`${base}/tools/bench/pages/stages.html`);
			await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, {
				timeout: 120_000,
			});
			return page;
		};
		const probe = await open();
		const gpu = await probe.evaluate(() =>
			(window as unknown as { gpuInfo(): Promise<{ webgl: string | null; webgpu: string | null }> }).gpuInfo(),
		);
		await probe.close();
		json.browser = { chromium: browser.version(), webglRenderer: gpu.webgl, webgpuAdapter: gpu.webgpu };
		const soft = (s: string | null) => (s && /swiftshader/i.test(s) ? ' (SwiftShader)' : '');
		// SwiftShader runs CenterNet in seconds per frame on webgl (and slower on webgpu), so those
		// get one untimed and 1–3 timed detector calls, and more calls of the fast stages per round.
		const slow: Plan = { warmup: [1, 2, 2], rounds: quick ? 1 : 3, per: [1, 10, 10] };
		const plan: Array<[string, string, Plan]> = [
			['wasm', 'Chromium wasm', { warmup: [2, 5, 5], rounds: quick ? 6 : 20, per: [1, 5, 5] }],
			['webgl', `Chromium webgl${soft(gpu.webgl)}`, slow],
		];
		if (gpu.webgpu) plan.push(['webgpu', `Chromium webgpu${soft(gpu.webgpu).replace(')', ' adapter)')}`, slow]);
		for (const [backend, label, p] of plan) {
			const page = await open();
			const r = await page.evaluate(
				([b, i, pl]) =>
					(window as unknown as { stages(b: string, i: unknown, p: Plan): Promise<PageResult> }).stages(b, i, pl),
				[backend, input, p] as const,
			);
			await page.close();
			// selectBackend throws rather than falls back when one backend is named; check anyway.
			if (r.backend !== backend) throw new Error(`stages page ran on ${r.backend}, asked for ${backend}`);
			out.push({ label, backend, ms: r.ms });
		}
		if (!gpu.webgpu) out.push({ label: 'Chromium webgpu', backend: 'webgpu' });
	} finally {
		await close();
	}
	return out;
}
