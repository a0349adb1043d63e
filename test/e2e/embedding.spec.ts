import { expect, expectClean, test } from './fixtures.js';
import { enterVR, grabFollowsRightController, stageNames, waitLoaded } from './plainApp.js';

/**
 * The README's embedding snippet, as written, inside an ordinary three.js app (`scenes/plain/`:
 * labelled objects, three's VRButton, the app's own controllers), on an emulated Quest 3.
 */

const PLAIN = '/scenes/plain/index.html?emulate';

test('the README snippet alone gives vision, hearing, fusion and actions; a voice grab follows the right controller', async ({
	page,
	watch,
}) => {
	await page.goto(PLAIN);
	await waitLoaded(page);
	expect(await stageNames(page)).toEqual(['hearing', 'vision', 'fusion', 'actions']);
	expect(await page.evaluate(() => [...window.sense.failedStages.keys()])).toEqual([]);
	expect(await page.evaluate(() => window.sense.interpreter?.constructor.name)).toBe('FusionModel');
	await enterVR(page);
	await page.waitForFunction(() => window.sense.actions!.hands!.slots.filter((s) => s.connected).length === 2);
	await grabFollowsRightController(page);
	expectClean(watch);
});

test('entering VR before load() finishes still connects both hands, and a voice grab works', async ({
	page,
	watch,
}) => {
	// Hold the fusion model back until the session has started, so the order is certain.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/models/fusion/model.json', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(PLAIN);
	await page.waitForFunction(() => Boolean(window.sense));
	await enterVR(page);
	expect(await page.evaluate(() => window.sense.isLoaded)).toBe(false);
	release();
	await waitLoaded(page);
	expect(await page.evaluate(() => window.sense.actions!.hands!.slots.filter((s) => s.connected).length)).toBe(2);
	await grabFollowsRightController(page);
	expectClean(watch);
});

test('a model file that cannot be fetched leaves its stage out with an unavailable event; fusion still answers', async ({
	page,
}) => {
	await page.route('**/models/centernet.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
	const warnings: string[] = [];
	page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
	await page.addInitScript(() => {
		// Collect the event from the moment the plugin exists.
		const seen: unknown[] = [];
		Object.assign(window, { unavailableSeen: seen });
		const define = Object.defineProperty;
		let value: unknown;
		define(window, 'sense', {
			configurable: true,
			get: () => value,
			set: (v: { addEventListener: (t: string, f: (e: unknown) => void) => void }) => {
				value = v;
				v.addEventListener('unavailable', (e) => {
					const { stage, file, hint, error } = e as { stage: string; file: string; hint: string; error: Error };
					seen.push({ stage, file, hint, message: error.message });
				});
			},
		});
	});
	await page.goto(PLAIN);
	await waitLoaded(page);
	const seen = (await page.evaluate(
		() => (window as unknown as { unavailableSeen: unknown[] }).unavailableSeen,
	)) as Array<{
		stage: string;
		file: string;
		hint: string;
		message: string;
	}>;
	expect(seen).toHaveLength(1);
	expect(seen[0].stage).toBe('vision');
	// Taken out of the pipeline (and disposed): the frame loop runs only the stages that loaded.
	expect(await stageNames(page)).toEqual(['hearing', 'fusion', 'actions']);
	expect(seen[0].file).toMatch(/centernet\.json$/);
	expect(seen[0].hint).toMatch(/modelsPath/);
	expect(warnings.some((w) => w.includes('vision stage is unavailable'))).toBe(true);
	expect(await page.evaluate(() => window.sense.handleTranscript('pick up the red cup'))).toMatchObject({
		intent: 'grab',
		target: 'red-cup',
	});
});
