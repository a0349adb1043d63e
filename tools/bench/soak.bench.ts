/**
 * Soak bench: a long emulated VR session of the demo in headless Chromium — every stage on (vision
 * on the rendered view, hearing on the scene's ringing phone, fusion, actions), scripted head and
 * controller motion, a command every 100 frames — sampling every 500 frames, after a forced GC:
 * tensors on the page's tfjs engine, JS heap, live media tracks, scene and world objects, errors.
 * `npm run bench soak`; `SOAK_FRAMES=N` for another length (default 5000).
 */
import { startBrowserBench } from './_browser.js';
import { table } from './_stats.js';

const total = Number(process.env.SOAK_FRAMES ?? 5000);

interface Sample {
	frame: number;
	tensors: number;
	heapMB: number;
	tracks: number;
	sceneObjects: number;
	worldObjects: number;
	errors: number;
	seconds: number;
}

export async function run(): Promise<void> {
	const { base, browser, close } = await startBrowserBench(5198, [
		'--js-flags=--expose-gc',
		'--enable-precise-memory-info',
	]);
	const pageErrors: string[] = [];
	try {
		const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
		page.on('pageerror', (e) => pageErrors.push(e.message));
		page.on('console', (m) => {
			if (m.type() === 'error') pageErrors.push(m.text());
		});
		// Every media stream the page opens, so live tracks can be counted.
		// tsx names functions with a `__name` helper that exists only in Node; the page gets a no-op.
		await page.addInitScript('window.__name = (f) => f;');
		await page.addInitScript(() => {
			const streams: MediaStream[] = [];
			Object.assign(window, { soakStreams: streams });
			const media = navigator.mediaDevices;
			const open = media.getUserMedia.bind(media);
			media.getUserMedia = async (c) => {
				const stream = await open(c);
				streams.push(stream);
				return stream;
			};
		});
		await page.goto(`${base}/?emulate=1&backend=wasm&devui=0`);
		await page.waitForFunction(() => (window as unknown as { sense?: { isLoaded: boolean } }).sense?.isLoaded, null, {
			timeout: 180_000,
		});
		await page.click('#sound');
		await page.click('#enter-vr');
		await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
		const samples = await page.evaluate(async (total) => {
			const w = window as unknown as {
				sense: typeof window.sense;
				xrDevice: NonNullable<typeof window.xrDevice>;
				gc?: () => void;
				_tfengine: { state: { numTensors: number } };
				performance: Performance & { memory?: { usedJSHeapSize: number } };
			};
			const streams = (window as unknown as { soakStreams: MediaStream[] }).soakStreams;
			const session = w.sense.renderer.xr.getSession()!;
			let errors = 0;
			w.sense.addEventListener('error', () => errors++);
			const commands = ['hide the green plant', 'undo', 'what is this', 'pick up the red cup', 'put it down', 'undo'];
			const out: Array<Record<string, number>> = [];
			const t0 = performance.now();
			const sample = async (frame: number) => {
				await new Promise((r) => setTimeout(r, 500));
				w.gc?.();
				let sceneObjects = 0;
				w.sense.scene.traverse(() => {
					sceneObjects++;
				});
				out.push({
					frame,
					tensors: w._tfengine.state.numTensors,
					heapMB: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20,
					tracks: streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
					sceneObjects,
					worldObjects: w.sense.world.objects.size,
					errors,
					seconds: (performance.now() - t0) / 1000,
				});
			};
			for (let frame = 1; frame <= total; frame++) {
				await new Promise((r) => session.requestAnimationFrame(r));
				const t = frame / 45;
				await w.xrDevice.remote.dispatch('set_transform', {
					device: 'headset',
					position: { x: 0.4 * Math.sin(t), y: 1.6, z: 0.3 * Math.cos(t) },
				});
				if (frame % 10 === 0)
					await w.xrDevice.remote.dispatch('set_transform', {
						device: 'controller-right',
						position: { x: 0.25 + 0.15 * Math.sin(t), y: 1.3, z: -0.4 },
					});
				if (frame % 100 === 50) await w.sense.handleTranscript(commands[((frame / 100) % commands.length) | 0]);
				if (frame === 100 || frame % 500 === 0) await sample(frame);
			}
			return out;
		}, total);
		console.log(`Soak: ${total} emulated VR frames, all stages on (samples after a forced GC):\n`);
		console.log(
			table(
				['frame', 'tensors', 'JS heap MB', 'live tracks', 'scene objects', 'world objects', 'error events', 's'],
				(samples as unknown as Sample[]).map((s) => [
					s.frame,
					s.tensors,
					s.heapMB.toFixed(1),
					s.tracks,
					s.sceneObjects,
					s.worldObjects,
					s.errors,
					s.seconds.toFixed(0),
				]),
			),
		);
		const first = samples[0] as unknown as Sample;
		const last = samples[samples.length - 1] as unknown as Sample;
		console.log(
			`\nfrom frame ${first.frame} to ${last.frame}: tensors ${last.tensors - first.tensors >= 0 ? '+' : ''}${last.tensors - first.tensors}, JS heap ${(last.heapMB - first.heapMB).toFixed(1)} MB, scene objects ${last.sceneObjects - first.sceneObjects}, console/page errors ${pageErrors.length}`,
		);
		for (const e of pageErrors.slice(0, 5)) console.log(`  error: ${e}`);
	} finally {
		await close();
	}
}
