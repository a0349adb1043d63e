import type { Browser, Page, TestInfo } from '@playwright/test';
import { readImage } from '../../tools/_nodeModels.js';
import { graceHopperJpeg } from '../support/debianPhoto.js';
import { writeY4m } from '../support/y4m.js';
import { launchChromium } from './chromium.js';

/** Waits until the vision stage has finished `rounds` detection rounds on the given camera kind. */
export async function detectionRounds(page: Page, kind: string, rounds: number): Promise<void> {
	await page.evaluate(
		({ kind, rounds }) =>
			new Promise<void>((resolve) => {
				const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as EventTarget & {
					addEventListener(t: 'detections', cb: (e: { frame: unknown }) => void): void;
					source: { kind: string } | null;
				};
				let n = 0;
				vision.addEventListener('detections', () => {
					if (vision.source?.kind === kind && ++n === rounds) resolve();
				});
			}),
		{ kind, rounds },
	);
}

/** A detector track in the world: where it is, what lifted it, and how far it lies from the scanned planes. */
export interface LiftedTrack {
	label: string;
	liftedBy: string | undefined;
	position: number[];
	/** Distance (m) to the nearest scanned plane whose polygon (±5 cm) contains the point's foot. */
	distance: number;
	planes: number;
}

/** The detector's world objects, each measured against the planes the vision stage holds. */
export function liftedTracks(page: Page): Promise<LiftedTrack[]> {
	return page.evaluate(() => {
		const vision = window.sense.stages.find((s) => s.name === 'vision') as unknown as {
			surfaces: { planes: Array<{ inverse: { elements: number[] }; polygon: Array<{ x: number; z: number }> }> };
		};
		const planes = vision.surfaces.planes;
		return [...window.sense.world.objects.values()]
			.filter((o) => o.source === 'detector')
			.map((o) => {
				let distance = Number.POSITIVE_INFINITY;
				const [x, y, z] = o.position.toArray();
				for (const plane of planes) {
					const e = plane.inverse.elements;
					const lx = e[0] * x + e[4] * y + e[8] * z + e[12];
					const ly = e[1] * x + e[5] * y + e[9] * z + e[13];
					const lz = e[2] * x + e[6] * y + e[10] * z + e[14];
					const xs = plane.polygon.map((p) => p.x);
					const zs = plane.polygon.map((p) => p.z);
					const inside =
						lx >= Math.min(...xs) - 0.05 &&
						lx <= Math.max(...xs) + 0.05 &&
						lz >= Math.min(...zs) - 0.05 &&
						lz <= Math.max(...zs) + 0.05;
					if (inside) distance = Math.min(distance, Math.abs(ly));
				}
				return { label: o.label, liftedBy: o.liftedBy, position: [x, y, z], distance, planes: planes.length };
			});
	});
}

/** A Chromium whose fake camera shows the Grace Hopper photograph (as a y4m made for this test). */
export async function launchWithPhotoCamera(testInfo: TestInfo): Promise<Browser> {
	const photo = readImage(graceHopperJpeg());
	const y4m = testInfo.outputPath('grace_hopper.y4m');
	writeY4m(y4m, photo.data, photo.width, photo.height);
	return launchChromium([`--use-file-for-fake-video-capture=${y4m}`]);
}
