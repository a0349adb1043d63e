/**
 * What every browser bench starts with: the project's Vite dev server and headless Chromium with the
 * test suite's flags (plus `args`). `close()` stops both. The port comes from `PORT`, else `port`;
 * another free one is taken if it is busy.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startBrowserBench(
	port: number,
	args: string[] = [],
): Promise<{ base: string; browser: Browser; close(): Promise<void> }> {
	const server = await createServer({
		root,
		logLevel: 'error',
		server: { port: Number(process.env.PORT ?? port), strictPort: false },
	});
	await server.listen();
	const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [...CHROMIUM_ARGS, ...args],
	});
	return {
		base,
		browser,
		async close() {
			await browser.close();
			await server.close();
		},
	};
}
