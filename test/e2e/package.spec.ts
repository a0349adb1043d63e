import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { serveWithPolicy } from './cspServer.js';
import { expect, test } from './fixtures.js';
import { enterVR, grabFollowsRightController, stageNames, waitLoaded } from './plainApp.js';

/**
 * The package as a user gets it: `npm pack`, installed into a fresh three.js app
 * (test/fixtures/host-app/, written without the plugin but for the README's snippet), with no file
 * copied by hand. Once bundled by Vite (`vite build` with `xrSense()`, then served as built), once
 * loaded by the browser through the README's three-entry import map, with no bundler at all.
 */

const repo = new URL('../../', import.meta.url).pathname;
let dir = '';
let served: { url: string; server: Server };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(600_000);
	dir = mkdtempSync(join(tmpdir(), 'xr-sense-host-'));
	execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: repo, stdio: 'pipe' });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: repo,
		encoding: 'utf8',
	}).trim();
	const app = join(dir, 'app');
	cpSync(join(repo, 'test/fixtures/host-app'), app, { recursive: true });
	writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball), 'three@0.184.0'], {
		cwd: app,
		stdio: 'pipe',
	});
	// The host's own build, with this repository's Vite binary (the app's config names only xr-sense/vite).
	execFileSync(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: app, stdio: 'pipe' });
	served = await serveWithPolicy(app, () => '');
});

test.afterAll(() => {
	served?.server.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every request the page makes that is not to the app's own origin. */
function foreignRequests(page: Page, origin: string): string[] {
	const foreign: string[] = [];
	page.on('request', (r) => {
		const url = r.url();
		if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) foreign.push(url);
	});
	return foreign;
}

async function readmeSnippetWorks(page: Page, path: string, errors: string[], origin = served.url): Promise<void> {
	const foreign = foreignRequests(page, origin);
	const requested: string[] = [];
	page.on('request', (r) => requested.push(new URL(r.url()).pathname));
	await page.goto(`${origin}${path}`);
	await waitLoaded(page);
	expect(await stageNames(page)).toEqual(['hearing', 'vision', 'fusion', 'actions']);
	expect(await page.evaluate(() => [...window.sense.failedStages.keys()])).toEqual([]);
	await enterVR(page);
	await page.waitForFunction(() => window.sense.actions!.hands!.slots.filter((s) => s.connected).length === 2);
	await grabFollowsRightController(page);
	// Exactly one three.js: the watch fixture turns three's "Multiple instances" warning into an error.
	expect(errors).toEqual([]);
	expect(foreign).toEqual([]);
	// The models came from beside the library, not from a copy in the host's public folder.
	expect(requested.filter((p) => /models\/fusion\/model\.json$/.test(p))).toHaveLength(1);
}

test('bundled by Vite: the packed package in a fresh three.js app works as the README says, nothing copied by hand', async ({
	page,
	watch,
}) => {
	// Nothing of the plugin in the app's source tree: only the build put its files there.
	expect(readdirSync(join(dir, 'app')).sort()).toEqual(
		[
			'app.js',
			'dist',
			'importmap.html',
			'index.html',
			'node_modules',
			'package-lock.json',
			'package.json',
			'vite.config.mjs',
		].sort(),
	);
	await readmeSnippetWorks(page, '/dist/index.html?emulate', watch.consoleErrors);
});

test("on the host's Vite dev server, with no config for xr-sense at all", async ({ page, watch }) => {
	test.setTimeout(300_000);
	const app = join(dir, 'app');
	rmSync(join(app, 'vite.config.mjs'));
	const port = Number(process.env.PORT ?? 5173) + 20;
	const server: ChildProcess = spawn(
		process.execPath,
		[join(repo, 'node_modules/vite/bin/vite.js'), '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
		{ cwd: app, stdio: 'pipe' },
	);
	try {
		const url = `http://127.0.0.1:${port}`;
		await expect
			.poll(
				() =>
					fetch(url).then(
						(r) => r.ok,
						() => false,
					),
				{ timeout: 60_000 },
			)
			.toBe(true);
		await readmeSnippetWorks(page, '/index.html?emulate', watch.consoleErrors, url);
	} finally {
		server.kill();
	}
});

test('with an import map alone (three, three/addons/, xr-sense): no bundler, one copy of three', async ({
	page,
	watch,
}) => {
	await readmeSnippetWorks(page, '/importmap.html?emulate', watch.consoleErrors);
	// The library and its tfjs came from the package's browser build, as the map says.
	expect(
		await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.some((e) => e.name.includes('/node_modules/xr-sense/dist/lib/xr-sense.browser.js')),
		),
	).toBe(true);
});
