/**
 * Vision bench: CenterNet detector latency per backend on the same photograph — cpu and wasm in
 * Node; wasm, webgl and webgpu (when Chromium grants an adapter) in headless Chromium — and the
 * plugin's added main-thread time per XR frame, vision on vs off, in one run (alternating phases).
 * `npm run bench vision`; `VISION_BENCH_QUICK=1` for fewer runs, `VISION_BENCH_FRAMES_ONLY=1` for
 * the per-frame part only.
 */
import { readFileSync } from 'node:fs';
import { CenterNetDetector } from '../../src/perception/detection/CenterNetDetector.js';
import { graceHopperJpeg } from '../../test/support/debianPhoto.js';
import { centerNetFromDisk, readImage, useBackend } from '../_nodeModels.js';
import { startBrowserBench } from './_browser.js';
import { type Summary, table, time } from './_stats.js';

const quick = process.env.VISION_BENCH_QUICK === '1';
const framesOnly = process.env.VISION_BENCH_FRAMES_ONLY === '1';

export async function run(): Promise<void> {
	const photoPath = graceHopperJpeg();
	const rows: Array<Array<string | number>> = [];

	for (const backend of framesOnly ? [] : (['wasm', 'cpu'] as const)) {
		await useBackend(backend);
		const detector = new CenterNetDetector();
		await detector.load(centerNetFromDisk());
		const photo = readImage(photoPath);
		const s = summarize(await time(() => detector.detect(photo), backend === 'cpu' ? 3 : quick ? 5 : 20, 1));
		rows.push([`Node ${backend}`, s.median, s.p95, s.n]);
		detector.dispose();
	}

	const { base, browser, close } = await startBrowserBench(5199, ['--enable-unsafe-webgpu']);
	try {
		const page = await browser.newPage();
		await page.goto(`${base}/test/e2e/pages/detector.html`);
		await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, {
			timeout: 120_000,
		});
		const jpeg = readFileSync(photoPath).toString('base64');
		const hasWebGPU = await page.evaluate(async () => {
			const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
			return !!(gpu && (await gpu.requestAdapter()));
		});
		const plan: Array<[string, number]> = framesOnly
			? []
			: [
					['wasm', quick ? 5 : 10],
					['webgl', quick ? 2 : 3],
				];
		if (framesOnly) {
			// latency skipped
		} else if (hasWebGPU) plan.push(['webgpu', quick ? 2 : 3]);
		else rows.push(['Chromium webgpu', 'no adapter', '', 0]);
		for (const [backend, runs] of plan) {
			const r = await page.evaluate(
				([b, j, n]) =>
					(window as unknown as { detect(b: string, j: string, n: number): Promise<{ ms: number[] }> }).detect(
						b as string,
						j as string,
						n as number,
					),
				[backend, jpeg, runs] as const,
			);
			const s = summarize(r.ms);
			rows.push([
				`Chromium ${backend} (SwiftShader GPU)`.replace(
					' (SwiftShader GPU)',
					backend === 'wasm' ? '' : ' (SwiftShader GPU)',
				),
				s.median,
				s.p95,
				s.n,
			]);
		}
		if (!framesOnly) {
			console.log('Detector latency, one 512×600 photograph (ms):\n');
			console.log(table(['backend', 'median', 'p95', 'runs'], rows));
		}

		// Main-thread time per XR frame, vision off vs on, alternating so drift hits both alike.
		const phases = quick ? ['off', 'on'] : ['off', 'on', 'off', 'on'];
		const frames: Record<string, number[]> = { off: [], on: [] };
		const detections: number[] = [];
		let detectorBackend = '';
		for (const phase of phases) {
			const p = await browser.newPage({ viewport: { width: 640, height: 400 } });
			await p.goto(`${base}/tools/bench/pages/vision-frames.html?vision=${phase === 'on' ? 1 : 0}`);
			await p.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, {
				timeout: 120_000,
			});
			await p.click('#enter');
			await p.waitForTimeout(2000);
			const m = await p.evaluate(
				(ms) =>
					(
						window as unknown as {
							measure(ms: number): Promise<{ frames: number[]; detections: number[]; wall: number }>;
						}
					).measure(ms),
				quick ? 6000 : 10000,
			);
			frames[phase].push(...m.frames);
			if (phase === 'on') {
				detections.push(...m.detections);
				detectorBackend = await p.evaluate(() =>
					(window as unknown as { detectorBackend(): string }).detectorBackend(),
				);
			}
			await p.close();
		}
		const off = summarize(frames.off);
		const on = summarize(frames.on);
		const seconds = (quick ? 6 : 10) * (phases.length / 2);
		console.log(
			`\nMain-thread time per XR frame, emulated VR, living room (ms); detector: ${detectorBackend} worker:\n`,
		);
		console.log(
			table(
				['vision', 'frames/s', 'median', 'p95', 'mean', 'detections', 'detection latency (median ms)'],
				[
					['off', off.n / seconds, off.median, off.p95, mean(frames.off), 0, '–'],
					['on', on.n / seconds, on.median, on.p95, mean(frames.on), detections.length, summarize(detections).median],
				],
			),
		);
		console.log(
			`\nvision on/off, main-thread time per frame: median ${(on.median / off.median).toFixed(2)}×, ` +
				`mean ${(mean(frames.on) / mean(frames.off)).toFixed(2)}×, p95 ${(on.p95 / off.p95).toFixed(2)}×; ` +
				`frame rate ${(on.n / off.n).toFixed(2)}× (the worker's inference shares this machine's CPU cores with SwiftShader)`,
		);
	} finally {
		await close();
	}
}

/** Median and nearest-rank 95th percentile (with 3 samples, p95 is the slowest). */
function summarize(samples: number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const n = sorted.length;
	return { median: sorted[Math.floor((n - 1) / 2)], p95: sorted[Math.max(0, Math.ceil(0.95 * n) - 1)], n };
}

function mean(xs: number[]): number {
	return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}
