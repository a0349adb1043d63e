import { expect, openDemo, test } from './fixtures.js';
import { detectionRounds, launchWithPhotoCamera, liftedTracks } from './visionPage.js';

/** One lifted detection, measured against the ray it was lifted along and the room's scanned mesh. */
interface Lift {
	label: string;
	method: string;
	/** Distance (m) of the lifted point from the ray through the box centre, from the stamped pose. */
	offRay: number;
	/** How far along that ray the point lies, and where the ray first meets the detected room mesh. */
	along: number;
	meshAlong: number | null;
}

interface HitStats {
	requested: number;
	cancelled: number;
	/** Most sources alive at once. */
	peak: number;
}

test('AR with WebXR hit testing: detections are lifted by hit tests onto the scanned room', async ({
	baseURL,
}, testInfo) => {
	const browser = await launchWithPhotoCamera(testInfo);
	try {
		const page = await browser.newPage({ baseURL, viewport: { width: 960, height: 640 } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await openDemo(page, '?emulate=1&backend=wasm');

		// Every lift of the AR rounds, measured in the page while the frame it came from is at hand.
		await page.evaluate(() => {
			type V3 = import('three').Vector3;
			const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
				source: { kind: string } | null;
				lifter: {
					centreRay(box: number[], frame: unknown, o: V3, d: V3): void;
					raycaster: import('three').Raycaster;
				};
				surfaces: { meshes: import('three').Object3D[] };
				addEventListener(
					t: 'detections',
					cb: (e: {
						detections: Array<{ label: string; box: number[] }>;
						lifted: Array<{ method: string; position: V3 } | null>;
						frame: unknown;
					}) => void,
				): void;
			};
			const lifts: Lift[] = [];
			Object.assign(window, { lifts });
			const Vector3 = window.sense.camera.position.constructor as new () => V3;
			vision.addEventListener('detections', (e) => {
				if (vision.source?.kind !== 'user-media') return;
				e.detections.forEach((d, i) => {
					const l = e.lifted[i];
					if (!l) return;
					const origin = new Vector3();
					const direction = new Vector3();
					vision.lifter.centreRay(d.box, e.frame, origin, direction);
					const offset = l.position.clone().sub(origin);
					const along = offset.dot(direction);
					const offRay = offset.addScaledVector(direction, -along).length();
					vision.lifter.raycaster.set(origin, direction);
					const hit = vision.lifter.raycaster.intersectObjects(vision.surfaces.meshes, true)[0];
					lifts.push({ label: d.label, method: l.method, offRay, along, meshAlong: hit?.distance ?? null });
				});
			});
		});

		// An AR session with hit testing and planes but without depth sensing, which would come first
		// in the lifting order. The session's hit-test sources are counted as the stage asks for them.
		await page.evaluate(async () => {
			const session = await navigator.xr!.requestSession('immersive-ar', {
				requiredFeatures: ['local-floor', 'hit-test'],
				optionalFeatures: ['plane-detection', 'mesh-detection'],
			});
			const stats: HitStats = { requested: 0, cancelled: 0, peak: 0 };
			const request = session.requestHitTestSource!.bind(session);
			session.requestHitTestSource = async (options: XRHitTestOptionsInit) => {
				const source = await request(options)!;
				stats.requested++;
				stats.peak = Math.max(stats.peak, stats.requested - stats.cancelled);
				const cancel = source.cancel.bind(source);
				source.cancel = () => {
					stats.cancelled++;
					cancel();
				};
				return source;
			};
			Object.assign(window, { hitStats: stats });
			window.sense.renderer.xr.setReferenceSpaceType('local-floor');
			await window.sense.renderer.xr.setSession(session);
		});
		await page.waitForFunction(() => window.sense.renderer.xr.isPresenting);
		await detectionRounds(page, 'user-media', 2);

		// Each detection was lifted by a hit test along its own ray, onto the room's scanned surface:
		// the first point where that ray meets the room mesh the session reports (mesh-detection).
		const lifts = await page.evaluate(() => (window as unknown as { lifts: Lift[] }).lifts);
		expect(lifts.map((l) => l.label)).toEqual(expect.arrayContaining(['person', 'tie']));
		for (const l of lifts) {
			expect(l.method, `${l.label} was lifted by a hit test`).toBe('hit-test');
			expect(l.offRay, `${l.label} lies on the ray through its box`).toBeLessThan(0.01);
			expect(l.meshAlong, `${l.label}'s ray meets the room mesh`).not.toBeNull();
			expect(Math.abs(l.along - l.meshAlong!), `${l.label} lies on the room mesh`).toBeLessThan(0.01);
		}
		// The tracks in the world say so, and sit at the scanned planes (the room mesh lies a few
		// centimetres in front of the wall planes in this capture).
		const lifted = await liftedTracks(page);
		expect(lifted.map((l) => l.label)).toEqual(expect.arrayContaining(['person', 'tie']));
		for (const l of lifted) {
			expect(l.liftedBy, `${l.label} was placed by a hit test`).toBe('hit-test');
			expect(l.distance, `${l.label} at ${l.position} lies at a scanned plane`).toBeLessThan(0.1);
		}
		const stats = await page.evaluate(() => (window as unknown as { hitStats: HitStats }).hitStats);
		expect(stats.requested).toBeGreaterThanOrEqual(lifted.length);
		expect(stats.peak).toBeLessThanOrEqual(4);

		// Ending the session cancels every source the stage still held.
		await page.evaluate(() => window.sense.renderer.xr.getSession()!.end());
		await page.waitForFunction(() => !window.sense.renderer.xr.isPresenting, null, { timeout: 20_000 });
		const after = await page.evaluate(() => {
			const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
				hitTester: { pending: number };
			};
			return { pending: vision.hitTester.pending, ...(window as unknown as { hitStats: HitStats }).hitStats };
		});
		expect(after.pending).toBe(0);
		expect(after.cancelled).toBe(after.requested);
		expect(errors).toEqual([]);
	} finally {
		await browser.close();
	}
});
