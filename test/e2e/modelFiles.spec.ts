import { readFileSync } from 'node:fs';
import { expect, expectClean, openDemo, test } from './fixtures.js';

/**
 * A fusion weights file damaged on the way (one flipped byte, served by `page.route`) in the real
 * browser: the verifier refuses it before tfjs sees it, the host gets an `unavailable` event naming
 * the file, the demo's HUD says so, and the rest — vision labels, typed commands — keeps working.
 */

const WEIGHTS = readFileSync('public/models/fusion/weights.bin');

interface Seen {
	stage: string;
	file: string | null;
	hint: string;
	message: string;
	name: string;
}

test('a corrupted fusion weights file: a clear message in the HUD and the event; labels still appear and a typed command gets a clear reply', async ({
	page,
	watch,
}) => {
	const corrupted = Buffer.from(WEIGHTS);
	corrupted[123_456] ^= 0x10;
	await page.route('**/models/fusion/weights.bin', (route) =>
		route.fulfill({ status: 200, contentType: 'application/octet-stream', body: corrupted }),
	);
	await page.addInitScript(() => {
		// Collect the event from the moment the plugin exists, before load() starts.
		const seen: unknown[] = [];
		const labels: string[] = [];
		let value: { addEventListener: (t: string, f: (e: unknown) => void) => void } | undefined;
		Object.assign(window, { unavailableSeen: seen, labelsSeen: labels });
		Object.defineProperty(window, 'sense', {
			configurable: true,
			get: () => value,
			set: (v: typeof value) => {
				value = v;
				v!.addEventListener('unavailable', (e) => {
					const { stage, file, hint, error } = e as { stage: string; file: string; hint: string; error: Error };
					seen.push({ stage, file, hint, message: error.message, name: error.name });
				});
				v!.addEventListener('label', (e) => labels.push((e as { label: string }).label));
			},
		});
	});
	await openDemo(page, '?emulate=1&backend=wasm&devui=0');

	// The event: only the fusion stage, naming the file and what is wrong with it.
	const seen = (await page.evaluate(
		() => (window as unknown as { unavailableSeen: Seen[] }).unavailableSeen,
	)) as Seen[];
	expect(seen).toHaveLength(1);
	expect(seen[0]).toMatchObject({ stage: 'fusion', name: 'ModelFileError' });
	expect(seen[0].file).toMatch(/\/models\/fusion\/weights\.bin$/);
	expect(seen[0].hint).toMatch(/not the file the model manifest lists.*tools\/manifest\.ts/);
	expect(seen[0].message).toMatch(/fusion\/weights\.bin is corrupted or a different version: SHA-256 [0-9a-f]{64}/);
	expect(await page.evaluate(() => window.sense.stages.map((s) => s.name))).toEqual(['hearing', 'vision', 'actions']);
	expect(await page.evaluate(() => window.sense.interpreter)).toBeNull();

	// The HUD says it, in words a person can act on.
	await expect(page.locator('#models')).toBeVisible();
	await expect(page.locator('#models')).toContainText('fusion stage unavailable');
	await expect(page.locator('#models')).toContainText('weights.bin is corrupted or a different version');
	await expect(page.locator('#status')).toContainText('Ready without fusion');

	// Vision keeps labelling: the scene's objects are announced and carry their label sprites, and
	// the detector keeps seeing (the TV on the back wall becomes a tracked "tv").
	expect(await page.evaluate(() => (window as unknown as { labelsSeen: string[] }).labelsSeen)).toContain(
		await page.evaluate(() => window.sense.world.get('red-cup')!.label),
	);
	const cupLabelShown = () =>
		page.evaluate(() => {
			const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
				labels: { spriteFor(o: unknown): { visible: boolean } | undefined };
			};
			return vision.labels.spriteFor(window.sense.world.get('red-cup'))?.visible ?? false;
		});
	await expect.poll(cupLabelShown).toBe(true);
	await expect
		.poll(
			() =>
				page.evaluate(() =>
					[...window.sense.world.objects.values()].filter((o) => o.source === 'detector').map((o) => o.label),
				),
			{ timeout: 90_000 },
		)
		.toContain('tv');

	// A typed command gets a clear reply, not a crash, and the page stays usable.
	await page.fill('#command-text', 'pick up the red cup');
	await page.press('#command-text', 'Enter');
	await expect(page.locator('#command-log')).toContainText(
		'error: SceneUnderstanding: the fusion model failed to load, so transcripts cannot be understood',
	);
	await expect(page.locator('#command-log')).toContainText('weights.bin is corrupted');
	expect(await page.evaluate(() => window.sense.world.get('red-cup')!.held)).toBeFalsy();
	expectClean(watch);
});
