/**
 * Plugin bench: what the whole plugin costs the host, per XR frame, against the same app without it
 * — in one run, phases alternating (off, on, off, on) so the machine's drift hits both alike. The
 * app is the living room in an emulated VR session with a phone ringing in the scene's audio and
 * scripted head motion; "on" adds the README's snippet with its defaults (vision, hearing on the
 * scene's mix, fusion, actions) and a spoken command every 3 s.
 * `npm run bench plugin`; `PLUGIN_BENCH_QUICK=1` for shorter phases; `PLUGIN_BENCH_HEARING=main` runs
 * the sound analysis on the page's thread (`MainThreadSoundClassifier`) instead of its worker.
 */
import { startBrowserBench } from './_browser.js';
import { summarize, table } from './_stats.js';

const quick = process.env.PLUGIN_BENCH_QUICK === '1';
const phaseMs = quick ? 8000 : 15000;
const hearingOnMain = process.env.PLUGIN_BENCH_HEARING === 'main';

interface Measured {
	frames: number[];
	intervals: number[];
	updates: number[];
	renders: number[];
	longTasks: number[];
	detections: number;
	analyses: number;
	commands: number;
	labelLatency: number[];
	commandLatency: Array<{ ms: number; intent: string }>;
	wall: number;
	mainMs: {
		vision: number | null;
		hearing: number | null;
		hearingMs: number | null;
		hearingBackend: string | null;
	};
}

export async function run(): Promise<Record<string, unknown>> {
	const { base, browser, close } = await startBrowserBench(5197, ['--autoplay-policy=no-user-gesture-required']);
	const phases = ['off', 'on', 'off', 'on'] as const;
	const all: Record<'off' | 'on', Measured[]> = { off: [], on: [] };
	const errors: string[] = [];
	try {
		for (const phase of phases) {
			const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
			page.on('pageerror', (e) => errors.push(e.message));
			await page.addInitScript('window.__name = (f) => f;');
			await page.goto(
				`${base}/tools/bench/pages/plugin-frames.html?plugin=${phase === 'on' ? 1 : 0}${hearingOnMain ? '&hearing=main' : ''}`,
			);
			await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, {
				timeout: 180_000,
			});
			await page.click('#enter');
			// Let the session, the first detection (shader and worker warm-up) and audio settle.
			await page.waitForTimeout(4000);
			all[phase].push(
				await page.evaluate(
					(ms) => (window as unknown as { measure(ms: number): Promise<Measured> }).measure(ms),
					phaseMs,
				),
			);
			await page.close();
		}
	} finally {
		await close();
	}
	const merge = (
		phase: 'off' | 'on',
		key: 'frames' | 'intervals' | 'updates' | 'renders' | 'longTasks' | 'labelLatency',
	) => all[phase].flatMap((m) => m[key]);
	const seconds = (all.off.length * phaseMs) / 1000;
	const off = summarize(merge('off', 'frames'));
	const on = summarize(merge('on', 'frames'));
	const offGap = summarize(merge('off', 'intervals'));
	const onGap = summarize(merge('on', 'intervals'));
	const long = (phase: 'off' | 'on') => merge(phase, 'longTasks');
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
	const rows = (['off', 'on'] as const).map((phase) => {
		const f = phase === 'off' ? off : on;
		const g = phase === 'off' ? offGap : onGap;
		const u = summarize(merge(phase, 'updates'));
		const r = summarize(merge(phase, 'renders'));
		return [
			phase === 'off' ? 'app alone' : 'app + xr-sense',
			f.n / seconds,
			f.median,
			f.p95,
			u.p95,
			r.p95,
			g.median,
			g.p95,
			long(phase).length,
			sum(long(phase)),
		];
	});
	console.log(
		`Main-thread time per XR frame (frame callback: update + render) and time between frames, ms; ${seconds} s per side, alternating:\n`,
	);
	console.log(
		table(
			[
				'',
				'frames/s',
				'callback p50',
				'callback p95',
				'update p95',
				'render p95',
				'frame time p50',
				'frame time p95',
				'long tasks',
				'long-task ms',
			],
			rows,
		),
	);
	const addedP50 = on.median - off.median;
	const addedP95 = on.p95 - off.p95;
	const frameRatio = onGap.median / offGap.median;
	const frameRatioP95 = onGap.p95 / offGap.p95;
	console.log(
		`\nadded main-thread time per frame: p50 ${addedP50.toFixed(2)} ms, p95 ${addedP95.toFixed(2)} ms ` +
			`(target p95 ≤ 1.0); frame time with/without: p50 ×${frameRatio.toFixed(2)}, p95 ×${frameRatioP95.toFixed(2)} ` +
			`(target ≤ 1.10); frame rate ×${(on.n / off.n).toFixed(2)}`,
	);
	const onRuns = all.on;
	const commandMs = onRuns.flatMap((m) => m.commandLatency.map((c) => c.ms));
	const labels = summarize(merge('on', 'labelLatency'));
	const commands = summarize(commandMs);
	console.log('\nEnd to end, with the plugin:\n');
	console.log(
		table(
			['path', 'median ms', 'p95 ms', 'n'],
			[
				['camera frame captured → labels updated', labels.median, labels.p95, labels.n],
				['transcript in → action done', commands.median, commands.p95, commands.n],
			],
		),
	);
	console.log(
		`\nmeanwhile: ${sum(onRuns.map((m) => m.detections))} detections, ${sum(onRuns.map((m) => m.analyses))} sound analyses, ` +
			`${sum(onRuns.map((m) => m.commands))} commands (${[...new Set(onRuns.flatMap((m) => m.commandLatency.map((c) => c.intent)))].join(', ')}); page errors: ${errors.length}`,
	);
	for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
	console.log(`main-thread ms per job (smoothed): ${JSON.stringify(onRuns.map((m) => m.mainMs))}`);
	console.log(
		`sound analysis: ${hearingOnMain ? "on the page's thread (MainThreadSoundClassifier)" : 'in its worker'}`,
	);
	return {
		seconds,
		hearing: hearingOnMain ? 'main-thread' : 'worker',
		callback: { off, on },
		frameTime: { off: offGap, on: onGap },
		addedP50,
		addedP95,
		frameRatio,
		frameRatioP95,
		longTasks: { off: long('off').length, on: long('on').length },
		endToEnd: { labels, commands },
		errors,
	};
}
