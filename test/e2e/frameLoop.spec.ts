import { expect, expectClean, openDemo, test } from './fixtures.js';
import { detectionRounds } from './visionPage.js';

// What the plugin does on the host's XR frame loop, by structure rather than by the clock: nothing
// there waits for the GPU, each stage has at most one job in flight, and the page's tensors do not
// grow from frame to frame.

test('on the XR frame loop: no synchronous readback, one job in flight per stage, the rendered view is captured, tensors constant', async ({
	page,
	watch,
}) => {
	test.setTimeout(300_000);
	// Before any app code: count synchronous GPU readbacks (readPixels into client memory, finish)
	// made inside an XR animation-frame callback.
	await page.addInitScript(() => {
		const probe = { inFrame: false, syncReads: 0, syncReadsOutside: 0, finishes: 0 };
		Object.assign(window, { frameProbe: probe });
		const proto = WebGL2RenderingContext.prototype;
		const readPixels = proto.readPixels;
		proto.readPixels = function (this: WebGL2RenderingContext, ...args: unknown[]) {
			// With a PIXEL_PACK_BUFFER bound the read lands in GPU memory (asynchronous); without, it stalls.
			if (this.getParameter(this.PIXEL_PACK_BUFFER_BINDING) === null) {
				if (probe.inFrame) probe.syncReads++;
				else probe.syncReadsOutside++;
			}
			return (readPixels as (...a: unknown[]) => void).apply(this, args);
		} as typeof proto.readPixels;
		const finish = proto.finish;
		proto.finish = function (this: WebGL2RenderingContext) {
			if (probe.inFrame) probe.finishes++;
			return finish.call(this);
		};
	});
	await openDemo(page, '?emulate=1&backend=wasm&devui=0');
	await page.click('#sound');
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 30_000 });

	// Every frame callback from now on runs flagged; each stage's jobs are counted as they overlap.
	await page.evaluate(() => {
		const w = window as unknown as {
			frameProbe: { inFrame: boolean };
			jobProbe: Record<string, { now: number; max: number; calls: number }>;
		};
		const session = window.sense.renderer.xr.getSession()!;
		const raf = session.requestAnimationFrame.bind(session);
		session.requestAnimationFrame = (callback: XRFrameRequestCallback) =>
			raf((time, frame) => {
				w.frameProbe.inFrame = true;
				try {
					callback(time, frame);
				} finally {
					w.frameProbe.inFrame = false;
				}
			});
		w.jobProbe = {};
		const count = <T extends object>(name: string, owner: T, method: keyof T) => {
			const probe = { now: 0, max: 0, calls: 0 };
			w.jobProbe[name] = probe;
			const original = (owner[method] as (...a: unknown[]) => Promise<unknown>).bind(owner);
			(owner as Record<string, unknown>)[method as string] = async (...args: unknown[]) => {
				probe.calls++;
				probe.max = Math.max(probe.max, ++probe.now);
				try {
					return await original(...args);
				} finally {
					probe.now--;
				}
			};
		};
		const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as { detector: object };
		const hearing = window.sense.stages.find((s) => s.name === 'hearing') as unknown as { classifier: object };
		count('detector', vision.detector, 'detect' as never);
		count('sound', hearing.classifier, 'classify' as never);
		count('fusion', window.sense.interpreter!, 'interpret' as never);
	});

	// Three commands at once: interpreted one at a time, in order, each on the world the last one left.
	const answers = await page.evaluate(() =>
		Promise.all(
			['pick up the red cup', 'put it on the table', 'what is that ringing'].map((t) =>
				window.sense.handleTranscript(t),
			),
		),
	);
	expect(answers.map((a) => a.intent)).toEqual(['grab', 'move', 'describe']);

	await detectionRounds(page, 'rendered-view', 3);
	const tensorsAt = async () =>
		page.evaluate(async () => {
			const session = window.sense.renderer.xr.getSession()!;
			const out: number[] = [];
			for (let i = 0; i < 150; i++) {
				await new Promise((r) => session.requestAnimationFrame(r));
				out.push(
					(globalThis as unknown as { _tfengine: { state: { numTensors: number } } })._tfengine.state.numTensors,
				);
			}
			return out;
		});
	const first = await tensorsAt();
	await detectionRounds(page, 'rendered-view', 2);
	const later = await tensorsAt();

	const report = await page.evaluate(() => {
		const w = window as unknown as {
			frameProbe: { syncReads: number; syncReadsOutside: number; finishes: number };
			jobProbe: Record<string, { max: number; calls: number }>;
		};
		const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
			source: { kind: string; stats?: { copies: number; renders: number } };
			scheduler: { stats: { started: number; skipped: number } };
		};
		return { frame: w.frameProbe, jobs: w.jobProbe, capture: vision.source.stats, vision: vision.scheduler.stats };
	});
	// No frame callback waited for the GPU.
	expect(report.frame.syncReads).toBe(0);
	expect(report.frame.finishes).toBe(0);
	// Each stage ran, never two of its jobs at once; frames that came while one ran were skipped.
	expect(report.jobs.detector.calls).toBeGreaterThanOrEqual(5);
	expect(report.jobs.sound.calls).toBeGreaterThanOrEqual(2);
	expect(report.jobs.fusion.calls).toBe(3);
	for (const name of ['detector', 'sound', 'fusion']) expect(report.jobs[name].max, name).toBe(1);
	expect(report.vision.skipped).toBeGreaterThan(report.vision.started);
	// The vision stage captured the rendered view (a second render: the default `renderedView` mode).
	expect((report.capture?.copies ?? 0) + (report.capture?.renders ?? 0)).toBeGreaterThanOrEqual(5);
	// Between jobs the page holds the same tensors, frame after frame (a job in flight adds a few for its
	// duration); and as many later as before.
	const floor = (xs: number[]) => Math.min(...xs);
	expect(floor(later)).toBe(floor(first));
	expect(Math.max(...first, ...later) - floor(first)).toBeLessThanOrEqual(8);
	expectClean(watch);
});
