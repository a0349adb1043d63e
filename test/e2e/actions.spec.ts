import type { Page } from '@playwright/test';
import { expect, expectClean, openDemo, test } from './fixtures.js';

/**
 * The acting stage end to end: the demo in headless Chromium with the emulated Quest 3, the trained
 * fusion model on WASM, and transcripts handed in by code as DESIGN.md describes.
 */

type V = { x: number; y: number; z: number };

async function openInVR(page: Page): Promise<void> {
	await openDemo(page, '?emulate=1&backend=wasm');
	// The real trained model answers: no stand-in interpreter.
	expect(await page.evaluate(() => window.sense.interpreter?.constructor.name)).toBe('FusionModel');
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 30_000 });
	await page.waitForFunction(() => window.sense.actions?.hands?.slots.filter((s) => s.connected).length === 2, null, {
		timeout: 30_000,
	});
}

/** Records every action event the page dispatches, in order, as plain data. */
async function recordEvents(page: Page): Promise<void> {
	await page.evaluate(() => {
		const log: Array<Record<string, unknown>> = [];
		Object.assign(window, { actionLog: log });
		const types = [
			'intent',
			'grab',
			'release',
			'move',
			'describe',
			'ask',
			'confirm',
			'actionfailed',
			'hide',
			'error',
		] as const;
		for (const type of types) {
			window.sense.addEventListener(type, (e) => {
				const object = (e as { object?: { id: string } | null }).object;
				log.push({
					type,
					object: object?.id ?? null,
					intent: (e as { intent?: string }).intent,
					text: (e as { text?: string }).text,
					handedness: (e as { handedness?: string }).handedness,
					reason: (e as { reason?: string }).reason,
					error: (e as { error?: Error }).error?.message,
				});
			});
		}
	});
}

function events(page: Page): Promise<Array<Record<string, unknown>>> {
	return page.evaluate(() => (window as unknown as { actionLog: Array<Record<string, unknown>> }).actionLog);
}

function centreOf(page: Page, id: string): Promise<V> {
	return page.evaluate((i) => {
		const o = window.sense.world.get(i);
		if (!o) throw new Error(`no object ${i}`);
		return { x: o.position.x, y: o.position.y, z: o.position.z };
	}, id);
}

/** The red cup's world pose, its position in the right controller's frame, and whether it hangs under that controller. */
function cupInHand(page: Page) {
	return page.evaluate(() => {
		const cup = window.sense.world.get('red-cup')!.object3D!;
		const right = window.sense.actions!.hands!.slots.find((s) => s.handedness === 'right')!.holder;
		cup.updateWorldMatrix(true, false);
		const world = cup.getWorldPosition(cup.position.clone());
		const local = right.worldToLocal(world.clone());
		return { attached: cup.parent === right, world: { ...world }, local: { ...local } };
	});
}

/** The world object the right controller's ray hits now. */
function aimedAt(page: Page): Promise<string | null> {
	return page.evaluate(() => {
		const right = window.sense.actions!.hands!.slots.find((s) => s.handedness === 'right')!.holder;
		right.updateWorldMatrix(true, false);
		const origin = right.position.clone().setFromMatrixPosition(right.matrixWorld);
		const direction = right.position.clone().set(0, 0, -1).transformDirection(right.matrixWorld);
		const hit = window.sense.pointers.intersect(origin, direction);
		return hit ? (window.sense.world.findByObject3D(hit.object)?.id ?? null) : null;
	});
}

/**
 * Hands a transcript in as DESIGN.md describes and checks the model's answer. When the model is
 * unsure the plugin asks first ("Did you mean …?" / "你是说…吗？"): the user confirms with "yes" / "对",
 * which is how the action then runs.
 */
async function command(page: Page, text: string, expected: Record<string, unknown>): Promise<void> {
	const before = (await events(page)).length;
	const answer = await page.evaluate((t) => window.sense.handleTranscript(t), text);
	expect(answer, `the model's answer to "${text}"`).toMatchObject(expected);
	const askBelow = await page.evaluate(() => window.sense.actions!.askBelow);
	if (answer.confidence >= askBelow) return;
	const asked = (await events(page)).slice(before).filter((e) => e.type === 'ask');
	expect(asked).toHaveLength(1);
	expect(asked[0].object).toBe(answer.target);
	const yes = /[\u3400-\u9fff]/.test(text) ? '对' : 'yes';
	expect(await page.evaluate((t) => window.sense.handleTranscript(t), yes)).toEqual(answer);
}

test('voice, pointer and controllers: pick up, carry, put on the table, and describe what is pointed at', async ({
	page,
	watch,
}, testInfo) => {
	await openInVR(page);
	await recordEvents(page);

	await command(page, 'pick up the red cup', { intent: 'grab', target: 'red-cup' });
	const held = await cupInHand(page);
	expect(held.attached).toBe(true);
	expect(await events(page)).toEqual(
		expect.arrayContaining([expect.objectContaining({ type: 'grab', object: 'red-cup', handedness: 'right' })]),
	);
	await page.screenshot({ path: testInfo.outputPath('1-cup-grabbed.png') });

	// Carry it: the right controller moves up and to the right; the cup keeps its place in the hand.
	await page.evaluate(() =>
		window.xrDevice!.remote.dispatch('set_transform', {
			device: 'controller-right',
			position: { x: 0.6, y: 1.5, z: -0.6 },
		}),
	);
	await expect
		.poll(async () => {
			const now = await cupInHand(page);
			return Math.hypot(now.world.x - held.world.x, now.world.y - held.world.y, now.world.z - held.world.z);
		})
		.toBeGreaterThan(0.2);
	const carried = await cupInHand(page);
	expect(carried.attached).toBe(true);
	expect(carried.local.x).toBeCloseTo(held.local.x, 4);
	expect(carried.local.y).toBeCloseTo(held.local.y, 4);
	expect(carried.local.z).toBeCloseTo(held.local.z, 4);
	await page.screenshot({ path: testInfo.outputPath('2-cup-carried.png') });

	await command(page, 'put it on the table', { intent: 'move', target: 'red-cup', destination: 'brown-table' });
	const placed = await page.evaluate(() => {
		const cup = window.sense.world.get('red-cup')!;
		const table = window.sense.world.get('brown-table')!;
		window.sense.world.refresh();
		return {
			held: cup.held,
			cupBottom: cup.position.y - cup.size.y / 2,
			tableTop: table.position.y + table.size.y / 2,
			inside:
				Math.abs(cup.position.x - table.position.x) + cup.size.x / 2 <= table.size.x / 2 + 1e-6 &&
				Math.abs(cup.position.z - table.position.z) + cup.size.z / 2 <= table.size.z / 2 + 1e-6,
			parentIsController: window.sense.actions!.hands!.slots.some((s) => s.holder === cup.object3D!.parent),
		};
	});
	expect(placed.held).toBe(false);
	expect(placed.parentIsController).toBe(false);
	expect(placed.inside).toBe(true);
	expect(placed.cupBottom).toBeGreaterThanOrEqual(placed.tableTop - 1e-4);
	expect(placed.cupBottom).toBeLessThan(placed.tableTop + 0.005);
	await page.screenshot({ path: testInfo.outputPath('3-cup-on-table.png') });

	// Point the right controller at the yellow lamp and pull the trigger (which makes it the pointing hand), then ask.
	const lamp = await centreOf(page, 'yellow-lamp');
	await page.evaluate(
		(t) => window.xrDevice!.remote.dispatch('look_at', { device: 'controller-right', target: t }),
		lamp,
	);
	await expect.poll(() => aimedAt(page)).toBe('yellow-lamp');
	// Under heavy load the emulator now and then drops a trigger pull: pull again until the lamp is picked.
	await expect
		.poll(() =>
			page.evaluate(async () => {
				await window.xrDevice!.remote.dispatch('select', { device: 'controller-right', duration: 0.3 });
				await new Promise((resolve) => setTimeout(resolve, 500));
				return window.sense.selected?.id;
			}),
		)
		.toBe('yellow-lamp');
	await command(page, '这是什么', { intent: 'describe', target: 'yellow-lamp' });
	const described = (await events(page)).filter((e) => e.type === 'describe');
	expect(described).toHaveLength(1);
	expect(described[0].object).toBe('yellow-lamp');
	expect(described[0].text).toContain('黄色的台灯');
	// Headless Chromium has no voices: the answer is on the in-scene panel.
	expect(await page.evaluate(() => window.sense.actions!.panel!.text)).toBe(described[0].text);
	expect(await page.evaluate(() => window.sense.actions!.panel!.mesh!.visible)).toBe(true);
	await page.screenshot({ path: testInfo.outputPath('4-describe-lamp.png') });
	expect((await events(page)).filter((e) => e.type === 'error' || e.type === 'actionfailed')).toEqual([]);
	expectClean(watch);
});

test('a cancelled intent leaves the scene unchanged', async ({ page, watch }, testInfo) => {
	await openInVR(page);
	await recordEvents(page);
	const snapshot = () =>
		page.evaluate(() => {
			const out: string[] = [];
			window.sense.scene.updateMatrixWorld(true);
			window.sense.scene.traverse((o) => {
				if (o.name.startsWith('xr-sense')) return;
				out.push(
					`${o.uuid} ${o.parent?.uuid} ${o.visible} ${o.matrixWorld.elements.map((v) => v.toFixed(5)).join(',')}`,
				);
			});
			return out;
		});
	await page.evaluate(() => window.sense.addEventListener('intent', (e) => e.preventDefault()));
	// Hold the emulated controllers still so that only an action could change the scene.
	const before = await snapshot();
	const answers = await page.evaluate(async () => [
		await window.sense.handleTranscript('pick up the red cup'),
		await window.sense.handleTranscript('hide the green plant'),
	]);
	expect(answers.map((a) => a.intent)).toEqual(['grab', 'hide']);
	expect((await events(page)).map((e) => e.type)).toEqual(['intent', 'intent']);
	expect(await snapshot()).toEqual(before);
	await page.screenshot({ path: testInfo.outputPath('cancelled.png') });
	expectClean(watch);
});

test('tracked hands: a pinch grabs what the hand points at, the object follows the hand, and opening the hand lets go', async ({
	page,
	watch,
}, testInfo) => {
	await openDemo(page, '?emulate=1&backend=wasm');
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 30_000 });
	await page.evaluate(() => window.xrDevice!.remote.dispatch('set_input_mode', { mode: 'hand' }));
	await page.waitForFunction(
		() => window.sense.actions?.hands?.slots.some((s) => s.connected && s.isHand && s.handedness === 'right'),
		null,
		{ timeout: 30_000 },
	);
	await recordEvents(page);
	const cup = await centreOf(page, 'red-cup');
	await page.evaluate((t) => window.xrDevice!.remote.dispatch('look_at', { device: 'hand-right', target: t }), cup);
	await expect.poll(() => aimedAt(page)).toBe('red-cup');
	await page.evaluate(() => window.xrDevice!.hands.right!.updatePinchValue(1));
	const rightHolds = () =>
		page.evaluate(() => {
			const slot = window.sense.actions!.hands!.slots.find((s) => s.handedness === 'right')!;
			return slot.held?.id === 'red-cup' && window.sense.world.get('red-cup')!.object3D!.parent === slot.holder;
		});
	await expect.poll(rightHolds).toBe(true);
	const log = await events(page);
	expect(log).toEqual(
		expect.arrayContaining([expect.objectContaining({ type: 'grab', object: 'red-cup', handedness: 'right' })]),
	);
	const before = await centreOf(page, 'red-cup');
	await page.evaluate(() =>
		window.xrDevice!.remote.dispatch('set_transform', { device: 'hand-right', position: { x: 0.3, y: 1.7, z: -0.7 } }),
	);
	await expect
		.poll(async () => {
			await page.evaluate(() => window.sense.world.refresh());
			const now = await centreOf(page, 'red-cup');
			return Math.hypot(now.x - before.x, now.y - before.y, now.z - before.z);
		})
		.toBeGreaterThan(0.2);
	await page.screenshot({ path: testInfo.outputPath('hand-holds-cup.png') });
	await page.evaluate(() => window.xrDevice!.hands.right!.updatePinchValue(0));
	await expect.poll(rightHolds).toBe(false);
	expect(await page.evaluate(() => window.sense.world.get('red-cup')!.held)).toBe(false);
	expect((await events(page)).map((e) => e.type)).toEqual(['intent', 'grab', 'intent', 'release']);
	expectClean(watch);
});

test('the demo command box: typed text goes to handleTranscript, the action happens, and "undo" takes it back', async ({
	page,
	watch,
}, testInfo) => {
	await openDemo(page, '?emulate=1&backend=wasm');
	expect(await page.evaluate(() => window.sense.interpreter?.constructor.name)).toBe('FusionModel');
	await recordEvents(page);
	const plantShown = () => page.evaluate(() => window.sense.world.get('green-plant')!.object3D!.visible);
	expect(await plantShown()).toBe(true);
	await page.fill('#command-text', 'hide the green plant');
	await page.press('#command-text', 'Enter');
	await expect(page.locator('#command-log')).toContainText('model: hide → green-plant');
	await expect.poll(plantShown).toBe(false);
	await expect(page.locator('#command-log')).toContainText('hide: green plant');
	await page.screenshot({ path: testInfo.outputPath('typed-hide.png') });
	await page.fill('#command-text', 'undo');
	await page.press('#command-text', 'Enter');
	await expect.poll(plantShown).toBe(true);
	await expect(page.locator('#command-log')).toContainText('undo: hide green plant');
	expect((await events(page)).map((e) => e.type)).toEqual(['intent', 'hide']);
	expectClean(watch);
});

test('"put that there": "that" is what the pointer aimed at when it was said, "there" where it aimed then', async ({
	page,
	watch,
}, testInfo) => {
	await openInVR(page);
	await recordEvents(page);
	const blue = await centreOf(page, 'blue-cup');
	const floorSpot = { x: 1.2, y: 0, z: -1.2 };
	const aim = (t: V) =>
		page.evaluate((p) => window.xrDevice!.remote.dispatch('look_at', { device: 'controller-right', target: p }), t);
	// The user starts speaking, points at the blue cup ("put that…"), then at the floor ("…there").
	const start = await page.evaluate(() => performance.now());
	await aim(blue);
	await expect.poll(() => aimedAt(page)).toBe('blue-cup');
	await page.waitForTimeout(1500);
	await aim(floorSpot);
	await expect.poll(() => aimedAt(page)).not.toBe('blue-cup');
	await page.waitForTimeout(1500);
	const answer = await page.evaluate((s) => window.sense.handleTranscript('put that there', { startTime: s }), start);
	expect(answer).toMatchObject({ intent: 'move', target: 'blue-cup' });
	if (answer.confidence < (await page.evaluate(() => window.sense.actions!.askBelow))) {
		await page.evaluate(() => window.sense.handleTranscript('yes'));
	}
	await expect
		.poll(async () => (await events(page)).some((e) => e.type === 'move'), {
			message: `${JSON.stringify(answer)} ${JSON.stringify(await events(page))}`,
		})
		.toBe(true);
	const cup = await page.evaluate(() => {
		window.sense.world.refresh();
		const c = window.sense.world.get('blue-cup')!;
		return { x: c.position.x, bottom: c.position.y - c.size.y / 2, z: c.position.z };
	});
	expect(cup.bottom).toBeGreaterThanOrEqual(-1e-4);
	expect(cup.bottom).toBeLessThan(0.01);
	expect(Math.hypot(cup.x - floorSpot.x, cup.z - floorSpot.z)).toBeLessThan(0.1);
	await page.screenshot({ path: testInfo.outputPath('put-that-there.png') });
	expectClean(watch);
});

test('on the desktop a typed grab holds the cup in front of the camera; in emulated VR the command box and Exit stay on top of the emulator', async ({
	page,
	watch,
}) => {
	await openDemo(page, '?emulate=1&backend=wasm');
	await page.fill('#command-text', 'pick up the red cup');
	await page.press('#command-text', 'Enter');
	await expect(page.locator('#command-log')).toContainText('grab: red cup');
	expect(await page.evaluate(() => window.sense.world.get('red-cup')!.object3D!.parent?.name)).toBe(
		'xr-sense desktop hand',
	);
	await page.fill('#command-text', 'put it down');
	await page.press('#command-text', 'Enter');
	await expect.poll(() => page.evaluate(() => window.sense.world.get('red-cup')!.held)).toBe(false);

	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
	// What a click at the box would hit is the box itself, not the emulator's canvas (and Playwright's
	// click also fails when another element would take it; its timeout only allows for a busy page).
	for (const id of ['command-text', 'enter-vr'])
		expect(
			await page.evaluate((id) => {
				const r = document.getElementById(id)!.getBoundingClientRect();
				return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
			}, id),
		).toBe(id);
	await page.click('#command-text', { timeout: 20_000 });
	await page.keyboard.type('hide the green plant');
	await page.keyboard.press('Enter');
	await expect.poll(() => page.evaluate(() => window.sense.world.get('green-plant')!.object3D!.visible)).toBe(false);
	await page.click('#enter-vr', { timeout: 20_000 });
	await page.waitForFunction(() => !window.sense.renderer.xr.isPresenting);
	expectClean(watch);
});
