import { readImage } from '../../tools/_nodeModels.js';
import { graceHopperJpeg } from '../support/debianPhoto.js';
import { expect, test } from './fixtures.js';

// WebXR raw camera access exists only on ARCore phones; neither this machine nor the emulator offers
// it. test/e2e/pages/cameraAccess.html runs the real XRCameraAccessSource in real Chromium/WebGL
// against a STAND-IN XRWebGLBinding whose getCameraImage returns a real WebGL texture filled with
// known pixels each XR frame (see the page for exactly what is stood in).

interface Grab {
	width: number;
	height: number;
	askedAt: number;
	resolvedAt: number;
	capturedAt: number;
	mismatches: number;
	worst: number;
	time: number;
	shownTime: number;
	pose: number[];
	shownPose: number[];
	projection: number[];
	shownProjection: number[];
	intrinsics: { fx: number; fy: number; cx: number; cy: number };
	shownFovY: number;
}

type Page = import('@playwright/test').Page;
const grab = (page: Page, width: number) =>
	page.evaluate((w) => (window as unknown as { grabAndCheck(w: number): Promise<Grab> }).grabAndCheck(w), width);
const stats = (page: Page) =>
	page.evaluate(() => ({ ...(window as unknown as { stats: Record<string, number> }).stats }));

test.beforeEach(async ({ page }) => {
	await page.goto('/test/e2e/pages/cameraAccess.html');
	await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
});

test('raw camera access: the camera image of a frame is read back exactly, with its time, pose and projection, without blocking', async ({
	page,
	watch,
}) => {
	expect(await page.evaluate(() => (window as unknown as { kind(): string }).kind())).toBe('rendered-view');
	await page.evaluate(() => (window as unknown as { startSession(): Promise<unknown> }).startSession());
	// the session granted camera-access: the automatic choice is the XR camera
	expect(await page.evaluate(() => (window as unknown as { kind(): string }).kind())).toBe('xr-camera');

	for (const width of [320, 160]) {
		const g = await grab(page, width);
		expect([g.width, g.height]).toEqual([width, (width * 3) / 4]);
		// every pixel is the camera image's (1:1 exactly; halved, the filtered value within one level)
		expect(g.mismatches, `worst difference ${g.worst}`).toBe(0);
		// the image is the one shown on a frame at or after the request, and arrives frames later
		expect(g.capturedAt).toBeGreaterThan(g.askedAt);
		expect(g.resolvedAt).toBeGreaterThan(g.capturedAt);
		// stamped with that frame's time, pose and projection (the head moves every frame)
		expect(g.time).toBe(g.shownTime);
		for (const [i, v] of g.pose.entries()) expect(v).toBeCloseTo(g.shownPose[i], 5);
		for (const [i, v] of g.projection.entries()) expect(v).toBeCloseTo(g.shownProjection[i], 5);
		// intrinsics of the 320×240 camera image follow from that projection
		expect(g.intrinsics.fy).toBeCloseTo(120 / Math.tan(g.shownFovY / 2), 3);
		expect(g.intrinsics.cy).toBeGreaterThan(0);
		expect(g.intrinsics.cy).toBeLessThan(240);
	}
	const s = await stats(page);
	expect(s.getCameraImage).toBeGreaterThan(0);
	expect({ syncReads: s.syncReads, finishes: s.finishes, blockingWaits: s.blockingWaits }).toEqual({
		syncReads: 0,
		finishes: 0,
		blockingWaits: 0,
	});
	expect(watch.consoleErrors).toEqual([]);
});

test('raw camera access feeds the vision stage: a photograph as the camera image is detected', async ({
	page,
	watch,
}) => {
	test.setTimeout(180_000);
	const photo = readImage(graceHopperJpeg());
	await page.evaluate(() => (window as unknown as { startSession(): Promise<unknown> }).startSession());
	const result = await page.evaluate(
		([data, width, height]) =>
			(
				window as unknown as {
					detectPhoto(
						rgba: Uint8Array,
						w: number,
						h: number,
					): Promise<{
						kinds: string[];
						labels: string[];
						boxes: number[][];
						frame: { width: number; height: number };
					}>;
				}
			).detectPhoto(
				Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
				width,
				height,
			),
		[Buffer.from(photo.data).toString('base64'), photo.width, photo.height] as const,
	);
	expect(result.kinds).toEqual(['xr-camera']);
	expect(result.labels).toEqual(expect.arrayContaining(['person', 'tie']));
	// upright, as photographed: the tie hangs below the middle of the frame, inside the person's box
	const tie = result.boxes[result.labels.indexOf('tie')];
	const person = result.boxes[result.labels.indexOf('person')];
	expect((tie[1] + tie[3] / 2) / result.frame.height).toBeGreaterThan(0.55);
	expect(tie[0]).toBeGreaterThan(person[0]);
	expect(tie[0] + tie[2]).toBeLessThan(person[0] + person[2]);
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});
