import { launchChromium } from './chromium.js';
import { expect, openDemo, test } from './fixtures.js';

interface Computed {
	backend: string;
	values: number[];
	tensors: number;
}

interface Explained {
	backend: string;
	answers: Array<{
		intent: string;
		target: string | null;
		destination: string | null;
		targets: Record<string, number>;
	}>;
	leaked: number;
}

test('without a WebGPU adapter the demo falls back to WebGL, and ?backend=wasm loads WASM from the same origin', async ({
	page,
	watch,
}) => {
	await openDemo(page);
	expect(await page.evaluate(() => window.sense.backend)).toBe('webgl');
	const wasmRequests: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('.wasm')) wasmRequests.push(new URL(r.url()).pathname);
	});
	await openDemo(page, '?emulate=1&backend=wasm');
	expect(await page.evaluate(() => window.sense.backend)).toBe('wasm');
	expect(await page.textContent('#backend')).toBe('wasm');
	expect(wasmRequests.length).toBeGreaterThan(0);
	for (const path of wasmRequests) expect(path).toMatch(/^\/tfjs-wasm\/tfjs-backend-wasm.*\.wasm$/);
	expect(watch.foreignRequests).toEqual([]);
});

/** Opens a test page in a Chromium that grants WebGPU; `run(b)` awaits the page's `window[fn](b)`. */
async function onTestPage<T>(
	url: string,
	fn: string,
	body: (run: (backend: string) => Promise<T>) => Promise<void>,
): Promise<void> {
	const browser = await launchChromium(['--enable-unsafe-webgpu']);
	try {
		const page = await browser.newPage();
		await page.goto(url);
		await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
		await body((backend) =>
			page.evaluate(([f, b]) => (window as unknown as Record<string, (b: string) => Promise<T>>)[f](b), [
				fn,
				backend,
			] as const),
		);
	} finally {
		await browser.close();
	}
}

test('WebGPU is chosen when an adapter is granted, and every backend computes the same answer', async ({ baseURL }) => {
	await onTestPage<Computed>(`${baseURL}/test/e2e/pages/backends.html`, 'compute', async (run) => {
		const auto = await run('auto');
		expect(auto.backend).toBe('webgpu');
		const results = [auto, await run('webgl'), await run('wasm'), await run('cpu')];
		expect(results.map((r) => r.backend)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
		const reference = results[3].values;
		expect(reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
		for (const r of results) {
			for (const [i, v] of r.values.entries()) expect(v, `${r.backend}[${i}]`).toBeCloseTo(reference[i], 3);
		}
		// Nothing leaks: every call disposes what it made.
		expect(new Set(results.map((r) => r.tensors))).toEqual(new Set([0]));
	});
});

test('the shipped fusion model gives the same answers on WebGPU, WebGL, WASM and CPU', async ({ baseURL }) => {
	test.setTimeout(240_000);
	await onTestPage<Explained>(`${baseURL}/test/e2e/pages/fusion.html`, 'explain', async (run) => {
		// CPU and WASM cut each batch to its own size; the GPU backends run it padded.
		const results = [await run('cpu'), await run('wasm'), await run('webgl'), await run('webgpu')];
		expect(results.map((r) => r.backend)).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
		const reference = results[0].answers;
		expect(reference).toHaveLength(8);
		for (const r of results) {
			expect(r.leaked, r.backend).toBe(0);
			for (const [i, a] of r.answers.entries()) {
				const want = reference[i];
				expect({ intent: a.intent, target: a.target, destination: a.destination }, `${r.backend} #${i}`).toEqual({
					intent: want.intent,
					target: want.target,
					destination: want.destination,
				});
				for (const [id, p] of Object.entries(want.targets))
					expect(a.targets[id], `${r.backend} #${i} ${id}`).toBeCloseTo(p, 2);
			}
		}
	});
});
