import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildDemo, serveWithPolicy, strictPolicy } from './cspServer.js';
import { expect, test } from './fixtures.js';
import { detectionRounds } from './visionPage.js';

// The built demo and the plain app (the library embedded as the README shows), served with a strict
// Content-Security-Policy: no 'unsafe-eval', no inline script, nothing from another origin.

let root = '';
let served: { url: string; server: Server };
let policy = '';

test.beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'xr-sense-csp-'));
	buildDemo(root);
	served = await serveWithPolicy(root, () => policy);
});

test.afterAll(() => {
	served?.server.close();
	if (root) rmSync(root, { recursive: true, force: true });
});

/** Records every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	const refused: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
	});
	await page.addInitScript(() => {
		const list: string[] = [];
		Object.assign(window, { cspViolations: list });
		document.addEventListener('securitypolicyviolation', (e) =>
			list.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
		);
	});
	return async () => [
		...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
		...refused,
	];
}

async function waitLoaded(page: Page): Promise<void> {
	await page.waitForFunction(() => window.sense?.isLoaded === true, null, { timeout: 150_000 });
}

async function typedGrab(page: Page): Promise<void> {
	const grabbed = page.evaluate(
		() => new Promise<string>((resolve) => window.sense.addEventListener('grab', (e) => resolve(e.object.id))),
	);
	const answer = await page.evaluate(() => window.sense.handleTranscript('pick up the red cup'));
	expect(answer).toMatchObject({ intent: 'grab', target: 'red-cup' });
	if (answer.confidence < (await page.evaluate(() => window.sense.actions!.askBelow)))
		await page.evaluate(() => window.sense.handleTranscript('yes'));
	expect(await grabbed).toBe('red-cup');
}

test('the built demo runs under a strict CSP: models verified and loaded, the detector worker sees, a typed command acts, VR starts', async ({
	page,
	watch,
}) => {
	test.setTimeout(300_000);
	policy = strictPolicy(root, ['index.html']);
	expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
	const violations = await watchViolations(page);
	const foreign: string[] = [];
	page.on('request', (r) => {
		if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== served.url) foreign.push(r.url());
	});
	await page.goto(`${served.url}/?emulate=1&devui=0`);
	await waitLoaded(page);
	// Every stage loaded (nothing left out for a refused script, worker or fetch).
	expect(await page.evaluate(() => [...window.sense.failedStages.keys()])).toEqual([]);
	// The CenterNet worker (its own script and WASM) runs under the policy too.
	await detectionRounds(page, 'rendered-view', 1);
	// So does the sound worker (its own script and WASM): the sound-event model loaded there.
	expect(
		await page.evaluate(() => {
			const hearing = window.sense.stages.find((s) => s.name === 'hearing') as unknown as {
				classifier: { isLoaded: boolean; backend: string | null };
			};
			return { loaded: hearing.classifier.isLoaded, backend: hearing.classifier.backend };
		}),
	).toEqual({ loaded: true, backend: 'wasm' });
	await typedGrab(page);
	await page.click('#enter-vr');
	await page.waitForFunction(() => window.sense.renderer.xr.isPresenting, null, { timeout: 60_000 });
	expect(await violations()).toEqual([]);
	expect(foreign).toEqual([]);
	expect(watch.consoleErrors).toEqual([]);
});

test('the library embedded in a plain three.js app (the README snippet) runs under the same strict CSP', async ({
	page,
	watch,
}) => {
	test.setTimeout(300_000);
	policy = strictPolicy(root, ['scenes/plain/index.html']);
	const violations = await watchViolations(page);
	await page.goto(`${served.url}/scenes/plain/index.html?emulate`);
	await waitLoaded(page);
	expect(await page.evaluate(() => window.sense.stages.map((s) => s.name))).toEqual(
		expect.arrayContaining(['vision', 'hearing', 'fusion', 'actions']),
	);
	await detectionRounds(page, 'rendered-view', 1);
	await typedGrab(page);
	expect(await violations()).toEqual([]);
	expect(watch.consoleErrors).toEqual([]);
});

test("with the emulator's dev UI (which injects style elements) only styles need relaxing; scripts stay strict", async ({
	page,
	watch,
}) => {
	test.setTimeout(300_000);
	policy = strictPolicy(root, ['index.html'], { inlineStyles: true });
	expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
	const violations = await watchViolations(page);
	await page.goto(`${served.url}/?emulate=1`);
	await waitLoaded(page);
	await typedGrab(page);
	expect(await violations()).toEqual([]);
	expect(watch.consoleErrors).toEqual([]);
});
