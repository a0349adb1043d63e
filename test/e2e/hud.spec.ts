import { expect, expectClean, openDemo, pullTrigger, test } from './fixtures.js';
import { detectionRounds } from './visionPage.js';

/**
 * The picture HUD (DebugHud) in the demo, with the real models (WASM): what it draws on its one
 * canvas after a real detection round, a real answer and a sound in the world; the same canvas as a
 * head-locked panel in VR; the page button, the H key and the in-headset button toggling it; and
 * nothing left behind after dispose().
 */

/** Pixels of the HUD canvas inside `rect`: how many differ from `fill`, and how many are near `ink`. */
function sample({ rect, fill, ink }: { rect: number[]; fill: number[]; ink: number[] }) {
	const canvas = document.getElementById('xr-sense-hud') as HTMLCanvasElement;
	const { data } = canvas.getContext('2d')!.getImageData(rect[0], rect[1], rect[2], rect[3]);
	let differ = 0;
	let inked = 0;
	const near = (i: number, c: number[], tol: number) =>
		Math.abs(data[i] - c[0]) <= tol && Math.abs(data[i + 1] - c[1]) <= tol && Math.abs(data[i + 2] - c[2]) <= tol;
	for (let i = 0; i < data.length; i += 4) {
		if (!near(i, fill, 6)) differ++;
		if (near(i, ink, 24)) inked++;
	}
	return { differ: differ / (data.length / 4), inked };
}

test('the HUD draws the analysed frame with its boxes, a sound on the compass, the transcript, intent and figures; in VR it is a panel in front of the viewer; toggles; dispose leaves nothing', async ({
	page,
	watch,
}, testInfo) => {
	await openDemo(page, '?emulate=1&backend=wasm&devui=0&hud=1');
	await expect(page.locator('#xr-sense-hud')).toBeVisible();
	await expect(page.locator('#hud-toggle')).toHaveAttribute('aria-pressed', 'true');

	// A real detection round on the rendered view: the HUD copies that frame and draws its boxes.
	await detectionRounds(page, 'rendered-view', 1);
	await expect.poll(() => page.evaluate(() => window.hud.state.boxes), { timeout: 90_000 }).toBeGreaterThan(0);
	// The boxes drawn are the round's detections (the overlay-filtered ones the stage reports).
	// (Polled: a later round may land between two redraws.)
	await expect
		.poll(() =>
			page.evaluate(() => {
				const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as { lastDetections: unknown[] };
				return window.hud.state.boxes === vision.lastDetections.length && window.hud.state.frameWidth > 0;
			}),
		)
		.toBe(true);
	// The frame area holds the room's pixels (not its empty fill), and the boxes' green outlines.
	const frame = await page.evaluate(sample, { rect: [12, 12, 320, 180], fill: [5, 7, 10], ink: [127, 255, 154] });
	expect(frame.differ).toBeGreaterThan(0.5);
	expect(frame.inked).toBeGreaterThan(20);

	// A transcript and the model's real answer.
	const answer = await page.evaluate(() => window.sense.handleTranscript('pick up the red cup'));
	expect(answer).toMatchObject({ intent: 'grab', target: 'red-cup' });
	const name = await page.evaluate(() => window.sense.world.get('red-cup')!.name ?? 'red cup');
	await expect
		.poll(() => page.evaluate(() => window.hud.state.lines.slice(0, 2)))
		.toEqual(['heard: “pick up the red cup”', `intent: grab → ${name} · ${Math.round(answer.confidence * 100)}%`]);
	expect(await page.evaluate(() => window.hud.state)).toMatchObject({
		transcript: 'pick up the red cup',
		intent: 'grab',
		target: 'red-cup',
		confidence: answer.confidence,
	});

	// A sound from the viewer's right (as the hearing stage records one): one mark, at the compass's right.
	await page.evaluate(() => {
		const sense = window.sense;
		const direction = sense.camera.position.clone().set(1, 0, 0);
		sense.world.addSound({ class: 'phone_ring', direction, confidence: 0.9, time: performance.now(), objectId: null });
	});
	await expect.poll(() => page.evaluate(() => window.hud.state.marks)).toBe(1);
	// The camera faces −Z, a little down: +X is 90° right, drawn at (424 + 62, 102), in orange.
	const mark = await page.evaluate(sample, { rect: [480, 96, 12, 12], fill: [14, 19, 28], ink: [255, 179, 71] });
	expect(mark.inked).toBeGreaterThan(40);
	// The figures: frames per second, what update() adds, the backend and the page's tensors.
	const figures = await page.evaluate(() => ({ ...window.hud.state, backend: window.sense.backend }));
	expect(figures.fps).toBeGreaterThan(0);
	expect(figures.updateMs).toBeGreaterThan(0);
	expect(figures.tensors).toBeGreaterThan(0);
	expect(figures.lines[2]).toContain(`· wasm · ${figures.tensors} tensors`);
	expect(figures.backend).toBe('wasm');
	await page.screenshot({ path: testInfo.outputPath('hud-desktop.png') });

	// In VR: the same canvas on a panel, low and to the left in front of the viewer.
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 30_000 });
	const panel = () =>
		page.evaluate(() => {
			const mesh = window.sense.scene.getObjectByName('xr-sense debug hud');
			if (!mesh) return null;
			const camera = window.sense.renderer.xr.getCamera();
			const at = mesh.position.clone().setFromMatrixPosition(mesh.matrixWorld);
			const p = at.clone().applyMatrix4(camera.matrixWorld.clone().invert());
			// How squarely it faces the eye: its normal against the direction to the viewer.
			const normal = at.clone().set(0, 0, 1).transformDirection(mesh.matrixWorld);
			const facing = normal.dot(at.clone().setFromMatrixPosition(camera.matrixWorld).sub(at).normalize());
			const map = (mesh as unknown as { material: { map: { image: unknown } } }).material.map.image;
			return {
				visible: mesh.visible,
				overlay: mesh.userData.xrSenseOverlay === true,
				sameCanvas: map === document.getElementById('xr-sense-hud'),
				x: p.x,
				y: p.y,
				z: p.z,
				facing,
			};
		});
	await expect
		.poll(async () => {
			const p = await panel();
			return p?.visible === true && p.z < -0.3 && p.x < 0 && p.y < 0 && p.facing > 0.95;
		})
		.toBe(true);
	expect(await panel()).toMatchObject({ overlay: true, sameCanvas: true });
	// The rendered-view capture leaves it out, as it does the labels.
	const excluded = await page.evaluate(() => {
		const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
			source: { kind: string; options: { hidden?: () => unknown[] } };
		};
		const mesh = window.sense.scene.getObjectByName('xr-sense debug hud');
		return { kind: vision.source.kind, hidden: vision.source.options.hidden?.().includes(mesh) ?? false };
	});
	expect(excluded).toEqual({ kind: 'rendered-view', hidden: true });
	await page.screenshot({ path: testInfo.outputPath('hud-vr.png') });

	// The page button hides it (panel and overlay), the H key shows it again.
	await page.click('#hud-toggle');
	expect((await panel())!.visible).toBe(false);
	await expect(page.locator('#xr-sense-hud')).toBeHidden();
	await expect(page.locator('#hud-toggle')).toHaveAttribute('aria-pressed', 'false');
	await page.keyboard.press('h');
	expect((await panel())!.visible).toBe(true);

	// The in-headset button above the phrase panel: aimed at and pressed with the trigger, it hides the HUD.
	const button = await page.evaluate(() => {
		const mesh = window.sense.scene.getObjectByName('hud button')!;
		const p = mesh.getWorldPosition(mesh.position.clone());
		return { x: p.x, y: p.y, z: p.z };
	});
	await page.evaluate(
		(t) => window.xrDevice!.remote.dispatch('look_at', { device: 'controller-right', target: t }),
		button,
	);
	await pullTrigger(page);
	await expect.poll(() => page.evaluate(() => window.hud.visible)).toBe(false);
	expect((await panel())!.visible).toBe(false);
	await expect(page.locator('#hud-toggle')).toHaveAttribute('aria-pressed', 'false');

	// dispose(): no DOM node, no mesh, no more redraws.
	await page.keyboard.press('h');
	const draws = await page.evaluate(() => {
		window.hud.dispose();
		return window.hud.state.draws;
	});
	expect(await page.evaluate(() => document.getElementById('xr-sense-hud'))).toBeNull();
	expect(await panel()).toBeNull();
	await page.waitForTimeout(800);
	expect(await page.evaluate(() => window.hud.state.draws)).toBe(draws);
	expectClean(watch);
});
