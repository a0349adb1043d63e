import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, openDemo, pullTrigger, test } from './fixtures.js';

/** Fraction of distinct coarse colours in a screenshot: a blank frame has ~1. */
function colourVariety(png: Buffer): number {
	const image = PNG.sync.read(png);
	const seen = new Set<number>();
	for (let i = 0; i < image.data.length; i += 4 * 7) {
		seen.add(((image.data[i] >> 4) << 8) | ((image.data[i + 1] >> 4) << 4) | (image.data[i + 2] >> 4));
	}
	return seen.size;
}

async function enter(page: Page, mode: 'vr' | 'ar'): Promise<void> {
	await page.click(`#enter-${mode}`);
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 30_000 });
}

/** World position of a named scene object. */
function positionOf(page: Page, name: string): Promise<{ x: number; y: number; z: number }> {
	return page.evaluate((n) => {
		const o = window.sense.world.get(n.replace(/ /g, '-'));
		if (!o) throw new Error(`no object ${n}`);
		return { x: o.position.x, y: o.position.y, z: o.position.z };
	}, name);
}

/** Aims the emulated right controller at a named object and pulls the trigger. */
async function pointAndSelect(page: Page, name: string): Promise<void> {
	const target = await positionOf(page, name);
	await page.evaluate(
		(t) => window.xrDevice!.remote.dispatch('look_at', { device: 'controller-right', target: t }),
		target,
	);
	// The pose reaches three.js on the next XR frames: wait until the ray points at the target.
	await expect
		.poll(
			() =>
				page.evaluate((t) => {
					const ray = window.sense.getPointerRay();
					if (!ray) return 180;
					const [px, py, pz] = ray.position;
					const [fx, fy, fz] = ray.forward;
					const dx = t.x - px;
					const dy = t.y - py;
					const dz = t.z - pz;
					const cos = (dx * fx + dy * fy + dz * fz) / Math.hypot(dx, dy, dz) / Math.hypot(fx, fy, fz);
					return (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
				}, target),
			{ timeout: 20_000 },
		)
		.toBeLessThan(1);
	await pullTrigger(page);
}

test('the demo loads with no console errors and no request to another origin', async ({ page, watch }) => {
	await openDemo(page);
	expect(await page.evaluate(() => window.sense.world.objects.size)).toBeGreaterThanOrEqual(12);
	expect(await page.textContent('#xr-provider')).toBe('emulator');
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});

test('an emulated immersive-vr session renders, follows the headset, and selects what the controller points at', async ({
	page,
	watch,
}, testInfo) => {
	await openDemo(page);
	await enter(page, 'vr');

	const shot = await page.screenshot({ path: testInfo.outputPath('vr-session.png') });
	expect(colourVariety(shot)).toBeGreaterThan(20);

	// The headset moves: three's XR camera follows the emulated pose.
	await page.evaluate(() =>
		window.xrDevice!.remote.dispatch('set_transform', { device: 'headset', position: { x: 0.5, y: 1.5, z: 0.3 } }),
	);
	await expect
		.poll(() => page.evaluate(() => window.sense.getViewerRay().position[0]), { timeout: 10_000 })
		.toBeCloseTo(0.5, 1);

	await pointAndSelect(page, 'red cup');
	await expect.poll(() => page.evaluate(() => window.sense.selected?.name)).toBe('red cup');
	await pointAndSelect(page, 'yellow lamp');
	await expect.poll(() => page.evaluate(() => window.sense.selected?.name)).toBe('yellow lamp');
	await page.screenshot({ path: testInfo.outputPath('vr-selected.png') });
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});

test('an emulated immersive-ar session exposes the scanned room with semantic planes and meshes', async ({
	page,
	watch,
}, testInfo) => {
	await openDemo(page);
	await enter(page, 'ar');
	const seen = await page.evaluate(
		() =>
			new Promise<{ planes: string[]; meshes: string[]; blend: string }>((resolve) => {
				const renderer = window.sense.renderer;
				const session = renderer.xr.getSession()!;
				const tick = (_: number, frame: XRFrame) => {
					const planes = [...(frame.detectedPlanes ?? [])].map((p) => p.semanticLabel ?? '');
					const meshes = [
						...((frame as XRFrame & { detectedMeshes?: Set<{ semanticLabel?: string }> }).detectedMeshes ?? []),
					].map((m) => m.semanticLabel ?? '');
					if (planes.length > 0 && meshes.length > 0) resolve({ planes, meshes, blend: session.environmentBlendMode });
					else session.requestAnimationFrame(tick);
				};
				session.requestAnimationFrame(tick);
			}),
	);
	expect(seen.blend).not.toBe('opaque');
	expect(seen.planes).toEqual(expect.arrayContaining(['floor']));
	expect(seen.planes.filter((l) => l === 'wall').length).toBeGreaterThanOrEqual(2);
	expect(seen.meshes.filter(Boolean).length).toBeGreaterThan(0);
	await page.screenshot({ path: testInfo.outputPath('ar-session.png') });
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
});

test('on the desktop a click selects, and dispose() removes everything the plugin added', async ({ page, watch }) => {
	await openDemo(page, '?emulate=1&devui=0');
	const screenOf = (name: string) =>
		page.evaluate((id) => {
			const p = window.sense.world.get(id)!.position.clone().project(window.sense.camera);
			return { x: ((p.x + 1) / 2) * innerWidth, y: ((1 - p.y) / 2) * innerHeight };
		}, name);
	const cup = await screenOf('blue-cup');
	await page.mouse.click(cup.x, cup.y);
	await expect.poll(() => page.evaluate(() => window.sense.selected?.name)).toBe('blue cup');
	await expect(page.locator('#selected')).toHaveText('blue cup (cup)');

	const before = await page.evaluate(
		() => window.sense.scene.getObjectsByProperty('name', 'xr-sense selection').length,
	);
	expect(before).toBe(1);
	await page.evaluate(() => window.sense.dispose());
	const after = await page.evaluate(() => {
		const names: string[] = [];
		window.sense.scene.traverse((o) => {
			if (o.name.startsWith('xr-sense')) names.push(o.name);
		});
		return { names, objects: window.sense.world.objects.size, selected: window.sense.selected };
	});
	expect(after).toEqual({ names: [], objects: 0, selected: null });
	// Its listeners are gone too: clicking selects nothing any more.
	await page.mouse.click(cup.x, cup.y);
	expect(await page.evaluate(() => window.sense.selected)).toBeNull();
	expect(watch.consoleErrors).toEqual([]);
});
