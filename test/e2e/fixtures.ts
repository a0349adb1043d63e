import { test as base, expect, type Page } from '@playwright/test';

/** What a page did that a test may want to forbid: console errors and requests to other origins. */
export interface PageWatch {
	consoleErrors: string[];
	foreignRequests: string[];
}

/**
 * `test` with a `watch` fixture: every console error, uncaught exception and request to an origin
 * other than the dev server's is recorded on the page under test.
 */
export const test = base.extend<{ watch: PageWatch }>({
	watch: async ({ page, baseURL }, use) => {
		const watch: PageWatch = { consoleErrors: [], foreignRequests: [] };
		const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
		page.on('console', (msg) => {
			// A second copy of three breaks instanceof checks and XR input events: treat its warning as an error.
			if (msg.type() === 'error' || /Multiple instances of Three\.js/.test(msg.text()))
				watch.consoleErrors.push(msg.text());
		});
		page.on('pageerror', (error) => watch.consoleErrors.push(`uncaught: ${error.message}`));
		page.on('request', (request) => {
			const url = request.url();
			if (url.startsWith('data:') || url.startsWith('blob:')) return;
			if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
		});
		await use(watch);
	},
});

export { expect };

/** The page logged no error and asked no other origin for anything. */
export function expectClean(watch: PageWatch): void {
	expect(watch.consoleErrors).toEqual([]);
	expect(watch.foreignRequests).toEqual([]);
}

/** Opens the demo and waits until `window.sense` has loaded. */
export async function openDemo(page: Page, query = '?emulate=1'): Promise<void> {
	await page.goto(`/${query}`);
	await page.waitForFunction(
		() => (window as unknown as { sense?: { isLoaded: boolean } }).sense?.isLoaded === true,
		null,
		{
			timeout: 120_000,
		},
	);
}

/**
 * Presses and releases the emulated right trigger, each state held for a few XR frames however slow
 * they are (and after a few frames, so a pose set just before has reached three.js).
 */
export async function pullTrigger(page: Page): Promise<void> {
	for (const value of [1, 0]) {
		await page.evaluate(async (v) => {
			const session = window.sense.renderer.xr.getSession()!;
			const frames = async (n: number) => {
				for (let i = 0; i < n; i++) await new Promise((resolve) => session.requestAnimationFrame(resolve));
			};
			await frames(3);
			await window.xrDevice!.remote.dispatch('set_select_value', { device: 'controller-right', value: v });
			await frames(3);
		}, value);
	}
}
