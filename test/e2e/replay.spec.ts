import { expect, expectClean, openDemo, test } from './fixtures.js';

/**
 * The committed recording (made in this demo by record-session.spec.ts) replayed in the demo through
 * its file input: the transcripts go through the live page's fusion model and actions again, and the
 * answers and action events come out as recorded.
 */
test('a recorded session replayed in the demo gives the recorded outputs: no differences', async ({ page, watch }) => {
	await openDemo(page, '?emulate=1&backend=wasm&devui=0');
	await page.setInputFiles('#session-replay', 'test/fixtures/sessions/living-room.jsonl');
	await expect(page.locator('#session-status')).toContainText('replayed 6 transcripts', { timeout: 90_000 });
	const diffs = await page.evaluate(() => (window as unknown as { replayDiffs: unknown[] }).replayDiffs);
	expect(diffs).toEqual([]);
	await expect(page.locator('#session-status')).toHaveText('replayed 6 transcripts: 0 differences');
	// The replay acted on the scene for real: the cup it picked up and put down is on the table.
	expect(await page.evaluate(() => window.sense.world.get('red-cup')!.position.y)).toBeCloseTo(0.811, 2);
	expectClean(watch);
});
