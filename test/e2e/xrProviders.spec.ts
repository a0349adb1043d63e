import { expect, test } from './fixtures.js';

// Pretend the browser has no WebXR at all (before any page script runs).
const removeWebXR = () => {
	// WebIDL attributes live on the prototype and are configurable: deleting it leaves no `xr` at all.
	delete (Navigator.prototype as { xr?: unknown }).xr;
};

test('a phone browser without navigator.xr gets webxr-polyfill, never the emulator', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		baseURL,
		hasTouch: true,
		isMobile: true,
		viewport: { width: 412, height: 860 },
	});
	const page = await context.newPage();
	const modules: string[] = [];
	page.on('request', (r) => modules.push(new URL(r.url()).pathname));
	await page.addInitScript(removeWebXR);
	await page.goto('/');
	await expect(page.locator('#xr-provider')).toHaveText('polyfill', { timeout: 60_000 });
	expect(await page.evaluate(() => typeof navigator.xr?.requestSession)).toBe('function');
	expect(await page.evaluate(() => window.xrDevice)).toBeNull();
	expect(modules.filter((m) => m.includes('/iwer') || m.includes('devui'))).toEqual([]);
	await context.close();
});

test('a desktop browser without an immersive runtime gets the emulator automatically, never the polyfill', async ({
	page,
}) => {
	const modules: string[] = [];
	page.on('request', (r) => modules.push(new URL(r.url()).pathname));
	await page.addInitScript(removeWebXR);
	await page.goto('/');
	await expect(page.locator('#xr-provider')).toHaveText('emulator', { timeout: 60_000 });
	expect(await page.evaluate(() => window.xrDevice?.isNativeXRAvailable())).toBe(false);
	expect(await page.evaluate(() => navigator.xr?.isSessionSupported('immersive-vr'))).toBe(true);
	expect(modules.filter((m) => m.includes('webxr-polyfill'))).toEqual([]);
});
