import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/e2e/chromium.js';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
	testDir: 'test/e2e',
	testMatch: '**/*.spec.ts',
	// One browser at a time: SwiftShader rendering and tfjs both saturate a 2-core machine.
	workers: 1,
	fullyParallel: false,
	timeout: 180_000,
	expect: { timeout: 30_000 },
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		headless: true,
		viewport: { width: 960, height: 640 },
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
		trace: 'retain-on-failure',
	},
	webServer: {
		command: `npx vite --port ${port} --strictPort --host 127.0.0.1`,
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 120_000,
		env: { PORT: String(port) },
	},
});
