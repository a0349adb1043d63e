import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { expect, openDemo, test } from './fixtures.js';
import { detectionRounds } from './visionPage.js';

// Privacy over a whole session: nothing goes to another origin, nothing is sent or stored, and the
// user's camera and microphone are opened only when asked, with an indicator shown while captured.

/** Records what the page could use to send data or open devices, before any of its scripts run. */
const RECORDER = () => {
	const log = { media: [] as string[], streams: [] as MediaStream[], sockets: [] as string[], peers: 0, beacons: 0 };
	Object.assign(window, { privacyLog: log });
	const media = navigator.mediaDevices;
	const getUserMedia = media.getUserMedia.bind(media);
	media.getUserMedia = async (constraints) => {
		log.media.push(
			Object.keys(constraints ?? {})
				.filter((k) => (constraints as Record<string, unknown>)[k])
				.join('+'),
		);
		const stream = await getUserMedia(constraints);
		log.streams.push(stream);
		return stream;
	};
	const Socket = window.WebSocket;
	window.WebSocket = class extends Socket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			log.sockets.push(String(url));
		}
	};
	const Peer = window.RTCPeerConnection;
	window.RTCPeerConnection = class extends Peer {
		constructor(config?: RTCConfiguration) {
			super(config);
			log.peers++;
		}
	};
	const beacon = navigator.sendBeacon.bind(navigator);
	navigator.sendBeacon = (url, data) => {
		log.beacons++;
		return beacon(url, data);
	};
};

interface PrivacyLog {
	media: string[];
	sockets: string[];
	peers: number;
	beacons: number;
}

const privacyLog = (page: Page) =>
	page.evaluate(() => {
		const log = (window as unknown as { privacyLog: PrivacyLog & { streams: MediaStream[] } }).privacyLog;
		return {
			media: [...log.media],
			sockets: [...log.sockets],
			peers: log.peers,
			beacons: log.beacons,
			liveTracks: log.streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
		};
	});

/** What the plugin says is captured, what the HUD says, and whether the in-view tag shows. */
const shown = (page: Page) =>
	page.evaluate(() => ({
		state: { ...window.sense.capture.state },
		hud: document.getElementById('capturing')!.hidden ? '' : document.getElementById('capturing')!.textContent,
		tag: window.sense.scene.getObjectByName('xr-sense capture indicator')?.visible ?? false,
	}));

/** Simulates the user revoking a device: Chromium ends the track (stop() alone fires no 'ended'). */
const revoke = (page: Page, kind: 'audio' | 'video') =>
	page.evaluate((kind) => {
		const log = (window as unknown as { privacyLog: { streams: MediaStream[] } }).privacyLog;
		for (const stream of log.streams)
			for (const track of stream.getTracks())
				if (track.kind === kind && track.readyState === 'live') {
					track.stop();
					track.dispatchEvent(new Event('ended'));
				}
	}, kind);

test('a whole session sends nothing anywhere, stores nothing, and opens camera and microphone only when asked, with an indicator while captured', async ({
	page,
	baseURL,
}) => {
	test.setTimeout(300_000);
	const origin = new URL(baseURL!).origin;
	const requests: Array<{ url: string; method: string }> = [];
	const foreign: string[] = [];
	// Every request of the page and of its workers, whatever the kind; another origin's is refused.
	await page.context().route('**/*', (route) => {
		const request = route.request();
		const url = request.url();
		requests.push({ url, method: request.method() });
		if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) {
			foreign.push(url);
			return route.abort();
		}
		return route.continue();
	});
	await page.addInitScript(RECORDER);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));

	await openDemo(page, '?emulate=1&backend=wasm');
	// Loaded, models verified: nothing opened, nothing shown.
	expect((await privacyLog(page)).media).toEqual([]);
	expect(await shown(page)).toEqual({ state: { camera: false, microphone: false }, hud: '', tag: false });

	// VR, a command, the scene's own sound: the rendered view and the scene mix are not the user's devices.
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
	await page.evaluate(() => window.sense.handleTranscript('hide the green plant'));
	await page.click('#sound');
	await expect(page.locator('#heard')).toContainText('listening');
	await page.evaluate(() => window.sense.renderer.xr.getSession()!.end());
	await page.waitForFunction(() => !window.sense.renderer.xr.isPresenting);
	expect((await privacyLog(page)).media).toEqual([]);
	expect((await shown(page)).state).toEqual({ camera: false, microphone: false });

	// AR asks for the camera (passthrough needs it); while it is captured the HUD and the tag say so.
	await page.click('#enter-ar');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
	await detectionRounds(page, 'user-media', 1);
	expect((await privacyLog(page)).media).toEqual(['video']);
	expect(await shown(page)).toEqual({
		state: { camera: true, microphone: false },
		hud: expect.stringContaining('camera'),
		tag: true,
	});

	// The host asks for the microphone.
	const hearing = () =>
		page.evaluate(() =>
			(
				window.sense.stages.find((s) => s.name === 'hearing') as unknown as { startMicrophone(): Promise<boolean> }
			).startMicrophone(),
		);
	expect(await hearing()).toBe(true);
	expect((await privacyLog(page)).media).toEqual(['video', 'audio']);
	expect((await shown(page)).hud).toMatch(/camera, microphone/);

	// The user revokes the microphone, then the camera: capture stops, each with a reason; AR goes on.
	const reasons = page.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const out: string[] = [];
				const hearing = window.sense.stages.find((s) => s.name === 'hearing') as unknown as EventTarget & {
					addEventListener(t: 'unavailable', cb: (e: { reason: string }) => void): void;
				};
				hearing.addEventListener('unavailable', (e) => out.push(e.reason));
				window.sense.addEventListener('error', (e) => {
					out.push(e.error.message);
					if (out.length >= 2) resolve(out);
				});
			}),
	);
	await revoke(page, 'audio');
	await expect.poll(async () => (await shown(page)).state.microphone).toBe(false);
	await revoke(page, 'video');
	expect(await reasons).toEqual([
		expect.stringMatching(/microphone stopped: its permission was revoked/),
		expect.stringMatching(/camera stopped: its permission was revoked/),
	]);
	await detectionRounds(page, 'rendered-view', 1);
	expect(await shown(page)).toEqual({ state: { camera: false, microphone: false }, hud: '', tag: false });
	expect(await page.evaluate(() => window.sense.renderer.xr.isPresenting)).toBe(true);

	// Asked again, the camera comes back with the next AR session; ending it releases every track.
	await page.evaluate(() => window.sense.renderer.xr.getSession()!.end());
	await page.waitForFunction(() => !window.sense.renderer.xr.isPresenting);
	await page.click('#enter-ar');
	await detectionRounds(page, 'user-media', 1);
	expect((await shown(page)).state.camera).toBe(true);
	await page.evaluate(() => window.sense.renderer.xr.getSession()!.end());
	await page.waitForFunction(() => !window.sense.renderer.xr.isPresenting);
	await expect.poll(async () => (await privacyLog(page)).liveTracks).toBe(0);
	expect((await shown(page)).state).toEqual({ camera: false, microphone: false });

	// Nothing sent: only GETs to the page's own origin (the detector worker's included), no beacon,
	// no peer connection, no socket but Vite's own dev-server socket.
	const log = await privacyLog(page);
	expect(foreign).toEqual([]);
	expect([...new Set(requests.map((r) => r.method))]).toEqual(['GET']);
	expect(requests.map((r) => r.url)).toEqual(expect.arrayContaining([`${origin}/models/centernet.bin`]));
	expect({ peers: log.peers, beacons: log.beacons }).toEqual({ peers: 0, beacons: 0 });
	for (const socket of log.sockets) expect(new URL(socket).host).toBe(new URL(origin).host);
	// Nothing stored.
	const stored = await page.evaluate(async () => ({
		local: localStorage.length,
		session: sessionStorage.length,
		cookies: document.cookie,
		databases: (await indexedDB.databases()).length,
		caches: (await caches.keys()).length,
	}));
	expect(stored).toEqual({ local: 0, session: 0, cookies: '', databases: 0, caches: 0 });
	expect(errors).toEqual([]);
});

test('camera and microphone denied: AR goes on with the rendered view, the microphone says it was denied, nothing is captured', async ({
	baseURL,
}) => {
	test.setTimeout(240_000);
	// No fake permission UI: headless Chromium refuses the prompt, as a user who says no.
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [...CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'), '--deny-permission-prompts'],
	});
	try {
		const page = await browser.newPage({ baseURL, viewport: { width: 960, height: 640 } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await openDemo(page, '?emulate=1&backend=wasm');
		const cameraError = page.evaluate(
			() => new Promise<string>((resolve) => window.sense.addEventListener('error', (e) => resolve(e.error.message))),
		);
		await page.click('#enter-ar');
		await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
		expect(await cameraError).toMatch(/no camera \(NotAllowedError/);
		await detectionRounds(page, 'rendered-view', 1);
		const mic = await page.evaluate(async () => {
			const hearing = window.sense.stages.find((s) => s.name === 'hearing') as unknown as EventTarget & {
				startMicrophone(): Promise<boolean>;
				addEventListener(t: 'unavailable', cb: (e: { reason: string }) => void): void;
			};
			let reason = '';
			hearing.addEventListener('unavailable', (e) => (reason = e.reason));
			return { started: await hearing.startMicrophone(), reason };
		});
		expect(mic).toEqual({ started: false, reason: 'microphone permission was denied' });
		expect(await page.evaluate(() => ({ ...window.sense.capture.state }))).toEqual({
			camera: false,
			microphone: false,
		});
		// Typed commands still work.
		expect(await page.evaluate(() => window.sense.handleTranscript('hide the green plant'))).toMatchObject({
			intent: 'hide',
		});
		expect(errors).toEqual([]);
	} finally {
		await browser.close();
	}
});
