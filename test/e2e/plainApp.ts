import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

// Steps on an ordinary three.js app that embeds the plugin as the README says (scenes/plain/, and
// the packed package in test/fixtures/host-app/): three's VRButton, the app's own controllers.

export function stageNames(page: Page): Promise<string[]> {
	return page.evaluate(() => window.sense.stages.map((s) => s.name));
}

export async function enterVR(page: Page): Promise<void> {
	await page.locator('#VRButton').click();
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 60_000 });
}

export function waitLoaded(page: Page): Promise<unknown> {
	return page.waitForFunction(() => window.sense?.isLoaded === true, null, { timeout: 150_000 });
}

/** "pick up the red cup" grabs into the right controller, and the cup then follows that controller. */
export async function grabFollowsRightController(page: Page): Promise<void> {
	const grabbed = page.evaluate(
		() =>
			new Promise<{ handedness: string; object: string }>((resolve) =>
				window.sense.addEventListener('grab', (e) => resolve({ handedness: e.handedness, object: e.object.id })),
			),
	);
	const answer = await page.evaluate(() => window.sense.handleTranscript('pick up the red cup'));
	expect(answer).toMatchObject({ intent: 'grab', target: 'red-cup' });
	if (answer.confidence < (await page.evaluate(() => window.sense.actions!.askBelow)))
		await page.evaluate(() => window.sense.handleTranscript('yes'));
	expect(await grabbed).toEqual({ handedness: 'right', object: 'red-cup' });
	const cupWorld = () =>
		page.evaluate(() => {
			const cup = window.sense.world.get('red-cup')!.object3D!;
			const p = cup.getWorldPosition(cup.position.clone());
			return [p.x, p.y, p.z];
		});
	const before = await cupWorld();
	await page.evaluate(() =>
		window.xrDevice!.remote.dispatch('set_transform', {
			device: 'controller-right',
			position: { x: 0.5, y: 1.4, z: -0.5 },
		}),
	);
	await expect
		.poll(async () => {
			const now = await cupWorld();
			return Math.hypot(now[0] - before[0], now[1] - before[1], now[2] - before[2]);
		})
		.toBeGreaterThan(0.2);
}
