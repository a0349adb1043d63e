import { expect, expectClean, openDemo, test } from './fixtures.js';

/**
 * The demo's ringing phone as a person meets it: "Sound on", wait for the HUD to say it heard the
 * ring, type "what's that ringing?" in the command box, read the answer. The ring is narrowband
 * (two tones near 430 Hz) and the phone sits on a shelf beside two books: the bearing must be
 * right (not a phase-wrapped one near ahead) and the ring attributed to the phone, not to the shelf
 * or a book, for the answer to name it.
 */
test('"Sound on", then "what\'s that ringing?" in the command box describes the pink phone', async ({
	page,
	watch,
}) => {
	await openDemo(page, '?emulate=1&backend=wasm&devui=0');
	await page.click('#sound');
	// The HUD line names the ring with a bearing in degrees and the object it came from.
	await expect(page.locator('#heard')).toContainText(/phone_ring -?\d+° → pink phone/, { timeout: 90_000 });
	const sources = await page.evaluate(() =>
		window.sense.world.sources
			.filter((s) => s.class === 'phone_ring')
			.map((s) => ({ objectId: s.objectId, bearing: (Math.atan2(s.direction.x, -s.direction.z) * 180) / Math.PI })),
	);
	const truth = await page.evaluate(() => {
		const phone = window.sense.world.get('pink-phone')!.position;
		const head = window.sense.camera.getWorldPosition(phone.clone());
		return (Math.atan2(phone.x - head.x, -(phone.z - head.z)) * 180) / Math.PI;
	});
	test.info().annotations.push({ type: 'ring sources', description: JSON.stringify({ truth, sources }) });
	expect(sources.some((s) => s.objectId === 'pink-phone' && Math.abs(s.bearing - truth) < 20)).toBe(true);

	await page.fill('#command-text', "what's that ringing?");
	await page.press('#command-text', 'Enter');
	const log = page.locator('#command-log');
	await expect(log).toContainText('model: describe → pink-phone', { timeout: 60_000 });
	await expect(log).toContainText("describe: That's the pink cell phone");
	await expect(log).not.toContainText('Did you mean');
	expectClean(watch);
});
