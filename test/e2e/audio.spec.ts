import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CLASS_SYNTHS } from '../../src/perception/audio/corpus/classSynth.js';
import { normalisePeak } from '../../src/perception/audio/corpus/synthDsp.js';
import { encodeWav } from '../../src/perception/audio/wav.js';
import { Rng } from '../../src/runtime/Rng.js';
import { launchChromium } from './chromium.js';
import { expect, test } from './fixtures.js';

type AudioWindow = {
	ready?: boolean;
	renderDirection(position: number[]): Promise<{
		started: boolean;
		blocks: number;
		frames: number;
		panningModel: string;
		azimuth: number;
		itd: number;
		ild: number;
		maxDiffFromOutput: number;
		rms: number;
	}>;
	liveWorklet(): Promise<Record<string, unknown>>;
	makeSense(options?: { transcripts?: boolean }): Promise<{ backend: string }>;
	sceneSound(
		cls: string,
		position: number[],
	): Promise<{
		started: boolean;
		panner: string;
		analyses: string[];
		blocks: number;
		sounds: Array<{ class: string; objectId: string | null; direction: number[] | null }>;
	}>;
	// biome-ignore lint/suspicious/noExplicitAny: the page's handles are plain objects driven from the test
	page: any;
};

async function openAudioPage(page: Page): Promise<void> {
	await page.goto('/test/e2e/pages/audio.html');
	const ready = () =>
		page.waitForFunction(() => (window as unknown as AudioWindow).ready === true, null, { timeout: 60_000 });
	// A cold Vite server may optimise dependencies on first load and drop that page's modules; one reload settles it.
	await ready().catch(async () => {
		await page.reload();
		await ready();
	});
}

test('PositionalAudio sources (HRTF) left, right and in front, captured from the listener mix, are heard on the right side', async ({
	page,
	watch,
}) => {
	await openAudioPage(page);
	const results: Record<string, Awaited<ReturnType<AudioWindow['renderDirection']>>> = {};
	for (const [name, position] of Object.entries({
		left: [-2, 0, 0],
		right: [2, 0, 0],
		front: [0, 0, -2],
		frontLeft: [-2, 0, -2],
	})) {
		results[name] = await page.evaluate((p) => (window as unknown as AudioWindow).renderDirection(p), position);
	}
	for (const r of Object.values(results)) {
		expect(r.started).toBe(true);
		expect(r.panningModel).toBe('HRTF');
		expect(r.blocks).toBeGreaterThan(50);
		// The capture path taps exactly what reaches the listener's ears.
		expect(r.rms).toBeGreaterThan(0.01);
		expect(r.maxDiffFromOutput).toBeLessThan(1e-6);
	}
	test.info().annotations.push({
		type: 'azimuths',
		description: Object.entries(results)
			.map(
				([k, r]) => `${k}: ${r.azimuth.toFixed(1)}° (ITD ${(r.itd * 1e6).toFixed(0)} µs, ILD ${r.ild.toFixed(1)} dB)`,
			)
			.join('; '),
	});
	expect(results.left.azimuth).toBeLessThan(-45);
	expect(results.right.azimuth).toBeGreaterThan(45);
	expect(Math.abs(results.front.azimuth)).toBeLessThan(10);
	// 45° to the front-left lands between the two (Chromium's HRTF head is a little wider than our model's).
	expect(results.frontLeft.azimuth).toBeGreaterThan(-65);
	expect(results.frontLeft.azimuth).toBeLessThan(-35);
	expect(watch.consoleErrors).toEqual([]);
});

test('the capture worklet starts, delivers blocks, stops, and leaks nothing (scene node and microphone)', async ({
	page,
	watch,
}) => {
	await openAudioPage(page);
	const r = await page.evaluate(() => (window as unknown as AudioWindow).liveWorklet());
	expect(r).toMatchObject({
		stampOk: true,
		timesIncrease: true,
		wasRunning: true,
		running: false,
		blocksAfterStop: 0,
		events: ['start', 'stop'],
		contextState: 'running',
		micStarted: true,
		micTracks: ['ended'],
		micContextState: 'closed',
		micBlocksAfterDispose: 0,
	});
	expect(r.received).toBeGreaterThanOrEqual(10);
	// The newest block was captured within the last half second (its stamp is capture time, not arrival).
	expect(r.stampLag as number).toBeLessThan(500);
	expect(r.peak as number).toBeGreaterThan(0.2);
	expect(r.micBlocks).toBeGreaterThanOrEqual(5);
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});

test('the hearing stage hears an alarm in the scene mix, localises it and attributes it to its object', async ({
	page,
	watch,
}) => {
	await openAudioPage(page);
	expect(await page.evaluate(() => (window as unknown as AudioWindow).makeSense({ transcripts: false }))).toEqual({
		backend: 'wasm',
	});
	const r = await page.evaluate(() => (window as unknown as AudioWindow).sceneSound('alarm', [-2, 1.6, -2]));
	expect(r.started).toBe(true);
	expect(r.panner).toBe('HRTF');
	test.info().annotations.push({ type: 'analyses', description: r.analyses.join('; ') });
	const attributed = r.sounds.filter((sound) => sound.objectId !== null);
	expect(attributed.length, `${r.blocks} blocks; heard ${r.analyses.join('; ')}`).toBeGreaterThan(0);
	expect(attributed[0].class).toBe('alarm');
	expect(attributed[0].objectId).toBe('speaker'); // not the decoy mirrored on the right
	expect(attributed[0].direction![0]).toBeLessThan(0); // to the left of a listener looking down −Z
	expect(r.sounds.every((sound) => sound.class === 'alarm')).toBe(true);
	// The analysis ran in the sound worker, on WASM, not on the page's thread.
	expect(
		await page.evaluate(() => {
			const { classifier } = (window as unknown as { page: { hearing: { classifier: object } } }).page.hearing as {
				classifier: { backend: string | null; constructor: { name: string } };
			};
			return [classifier.constructor.name, classifier.backend];
		}),
	).toEqual(['WorkerSoundClassifier', 'wasm']);
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});

test('the sound worker: a model it cannot load and a worker that dies are reported, never silent; dispose ends it', async ({
	page,
}) => {
	await openAudioPage(page);
	const r = await page.evaluate(async () => {
		const { WorkerSoundClassifier, HearingStage } = await import('/src/index.ts' as string);
		// A model URL that is not there: load() rejects with the reason, and the stage says sound events are unavailable.
		const stage = new HearingStage({ modelUrl: '/models/audio/missing.json', wasmPath: '/tfjs-wasm/' });
		const unavailable: Array<{ what: string; reason: string }> = [];
		stage.addEventListener('unavailable', (e: { what: string; reason: string }) =>
			unavailable.push({ what: e.what, reason: e.reason }),
		);
		const errors: string[] = [];
		const host = {
			modelsPath: '/models/',
			verifyModels: true,
			frameBudget: undefined,
			capture: { hold() {}, release() {} },
			dispatchEvent: (e: { type: string; error: Error }) => errors.push(`${e.type}: ${e.error.message}`),
		};
		await stage.load(host);
		stage.dispose();
		// A loaded worker that then dies: waiting calls fail, onFailure is told once, the classifier stops.
		const classifier = new WorkerSoundClassifier({ wasmPath: '/tfjs-wasm/' });
		await classifier.load('/models/audio/model.json');
		const loaded = [classifier.isLoaded, classifier.backend];
		const failures: string[] = [];
		classifier.onFailure = (e: Error) => failures.push(e.message);
		const window = new Float32Array(46800).map((_, i) => Math.sin(i * 0.05) * 0.3);
		const pending = classifier.classify(window, window, 48000).then(
			() => 'resolved',
			(e: Error) => `rejected: ${e.message}`,
		);
		(classifier as unknown as { worker: Worker }).worker.dispatchEvent(new ErrorEvent('error', { message: 'boom' }));
		const after = await pending;
		const refused = await classifier.classify(window, window, 48000).then(
			() => 'resolved',
			(e: Error) => e.message,
		);
		classifier.dispose();
		return { unavailable, errors, loaded, failures, after, refused, isLoaded: classifier.isLoaded };
	});
	expect(r.unavailable).toEqual([{ what: 'sound-events', reason: expect.stringMatching(/missing\.json/) }]);
	expect(r.errors).toEqual([expect.stringMatching(/^error: .*missing\.json/)]);
	expect(r.loaded).toEqual([true, 'wasm']);
	expect(r.failures).toEqual(['WorkerSoundClassifier: the sound worker failed: boom']);
	expect(r.after).toBe('rejected: WorkerSoundClassifier: the sound worker failed: boom');
	expect(r.refused).toMatch(/call await load\(\) before classify/);
	expect(r.isLoaded).toBe(false);
});

test('transcript sources all reach SceneUnderstanding the same way; speech recognition is reported unavailable', async ({
	page,
	watch,
}) => {
	await openAudioPage(page);
	await page.evaluate(() => (window as unknown as AudioWindow).makeSense());
	// Headless Chromium either lacks the API or has one that fails on start (no recognition service).
	await page.waitForFunction(() => (window as unknown as AudioWindow).page.unavailable.length > 0);
	const unavailable = await page.evaluate(() => (window as unknown as AudioWindow).page.unavailable);
	expect(unavailable).toEqual([
		{
			what: 'speech',
			reason: expect.stringMatching(
				/Web Speech API|microphone|could not be reached|not allowed|on-device speech recognition/,
			),
		},
	]);
	expect(await page.evaluate(() => (window as unknown as AudioWindow).page.speech.available)).toBe(false);
	await expect(page.locator('#speech-status')).toContainText(unavailable[0].reason);

	// Head looking down −Z when the first utterance ends, then turned to +X.
	const ended = await page.evaluate(() => {
		const { sense, camera } = (window as unknown as AudioWindow).page;
		const t = performance.now();
		sense.update(t);
		camera.rotation.y = -Math.PI / 2;
		camera.updateMatrixWorld();
		sense.update(performance.now() + 1);
		return t;
	});
	await page.evaluate(
		(t) => (window as unknown as AudioWindow).page.fromCode.push('pick up the red cup', { lang: 'en-US', time: t }),
		ended,
	);
	await page.fill('input.xr-sense-typed-command', 'hide the lamp');
	await page.press('input.xr-sense-typed-command', 'Enter');
	await page.evaluate(() => {
		const { controller, pushToTalk } = (window as unknown as AudioWindow).page;
		controller.dispatchEvent({ type: 'squeezestart' });
		pushToTalk.inner.push('把椅子移到桌子旁边', { lang: 'zh-CN' });
		controller.dispatchEvent({ type: 'squeezeend' });
	});
	await page.evaluate(() => (window as unknown as AudioWindow).page.sense.handleTranscript('what is that'));
	await page.waitForFunction(() => (window as unknown as AudioWindow).page.asked.length >= 4);
	const { events, asked } = await page.evaluate(() => ({
		events: (window as unknown as AudioWindow).page.transcriptEvents,
		asked: (window as unknown as AudioWindow).page.asked.map((s: { transcript: string }) => s.transcript),
	}));
	expect(events.map((e: { text: string; source: string; lang: string | null }) => [e.text, e.source, e.lang])).toEqual([
		['pick up the red cup', 'api', 'en-US'],
		['hide the lamp', 'typed', null],
		['把椅子移到桌子旁边', 'push-to-talk', 'zh-CN'],
		['what is that', null, null],
	]);
	expect(asked).toEqual(['pick up the red cup', 'hide the lamp', '把椅子移到桌子旁边', 'what is that']);
	// The first utterance carries the pose of when it ended (looking down −Z), not the pose now (+X).
	const [first, second] = events;
	expect(first.forward[2]).toBeCloseTo(-1, 3);
	expect(second.forward[0]).toBeCloseTo(1, 3);
	expect(watch.consoleErrors).toEqual([]);
});

test('a microphone fed from a WAV file (Chromium fake capture) yields sound events', async ({ baseURL }) => {
	const dir = mkdtempSync(join(tmpdir(), 'xr-sense-mic-'));
	const rate = 48000;
	const alarm = normalisePeak(CLASS_SYNTHS.alarm!(new Rng(2024), rate * 8, rate), 0.5);
	const file = join(dir, 'alarm.wav');
	writeFileSync(file, encodeWav([alarm, alarm], rate));
	const browser = await launchChromium([`--use-file-for-fake-audio-capture=${file}`]);
	try {
		const page = await browser.newPage();
		await page.goto(`${baseURL}/test/e2e/pages/audio.html`);
		await page.waitForFunction(() => (window as unknown as AudioWindow).ready === true);
		await page.evaluate(() => (window as unknown as AudioWindow).makeSense({ transcripts: false }));
		const started = await page.evaluate(() => (window as unknown as AudioWindow).page.hearing.startMicrophone());
		expect(started).toBe(true);
		await page.waitForFunction(() => (window as unknown as AudioWindow).page.sounds.length > 0, null, {
			timeout: 30_000,
		});
		const sounds = await page.evaluate(() => (window as unknown as AudioWindow).page.sounds);
		expect(sounds[0].confidence).toBeGreaterThan(0.5);
		// The file's two channels are one signal: the class is heard, the bearing is unknown (not "ahead").
		expect(sounds[0].direction).toBeNull();
		// The browser's microphone path and the command line, on the same file, hear the same thing.
		const cli = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'xr-sense.mjs'), 'listen', file], {
			encoding: 'utf8',
		});
		expect(cli.status, cli.stderr).toBe(0);
		const offline = new Set(JSON.parse(cli.stdout).events.map((e: { class: string }) => e.class));
		expect([...offline]).toContain(sounds[0].class);
		test.info().annotations.push({ type: 'heard', description: `mic: ${sounds[0].class}; cli: ${[...offline]}` });
		await page.evaluate(() => (window as unknown as AudioWindow).page.sense.dispose());
		expect(await page.evaluate(() => (window as unknown as AudioWindow).page.hearing.capture.running)).toBe(false);
	} finally {
		await browser.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
