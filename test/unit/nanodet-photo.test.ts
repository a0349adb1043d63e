import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../../src/perception/detection/Detector.js';
import { decodeNanoDet } from '../../src/perception/detection/decodeNanoDet.js';
import { NanoDetDetector } from '../../src/perception/detection/NanoDetDetector.js';
import { nanoDetFiles } from '../../tools/_nanodetFiles.js';
import { centerNetFromDisk, readImage, useBackend } from '../../tools/_nodeModels.js';
import { graceHopperJpeg } from '../support/debianPhoto.js';

const iou = (d: Detection, [x1, y1, x2, y2]: number[]) => {
	const [x, y, w, h] = d.box;
	const ix = Math.max(0, Math.min(x + w, x2) - Math.max(x, x1));
	const iy = Math.max(0, Math.min(y + h, y2) - Math.max(y, y1));
	return (ix * iy) / (w * h + (x2 - x1) * (y2 - y1) - ix * iy);
};

describe('NanoDetDetector on a real photograph (WASM, Node)', () => {
	const detector = new NanoDetDetector();
	let photo: ReturnType<typeof readImage>;

	beforeAll(async () => {
		photo = readImage(graceHopperJpeg());
		await useBackend('wasm');
		await detector.load(centerNetFromDisk(nanoDetFiles()));
	}, 120_000);
	afterAll(() => detector.dispose());

	it('finds the person where she is labelled, and leaves no tensor behind', async () => {
		const first = await detector.detect(photo);
		const before = tf.memory().numTensors;
		const detections = await detector.detect(photo);
		expect(tf.memory().numTensors).toBe(before);
		expect(detections).toEqual(first);
		const person = detections.find((d) => d.label === 'person');
		expect(person, JSON.stringify(detections)).toBeDefined();
		expect(person!.score).toBeGreaterThan(0.6);
		// the hand-labelled box in test/fixtures/photos/coco-photos.json
		expect(iou(person!, [10, 25, 512, 600])).toBeGreaterThan(0.8);
		expect(detector.modelInputSize).toBe(416);
	});

	it('rejects bad input and a model that is not NanoDet', async () => {
		await expect(detector.detect({ data: new Uint8Array(10), width: 4, height: 4 })).rejects.toThrow(/RGBA/);
		await expect(new NanoDetDetector().detect(photo)).rejects.toThrow(/load\(\)/);
		await expect(
			new NanoDetDetector().load(
				tf.io.fromMemory({ modelTopology: { node: [] }, weightSpecs: [], weightData: new ArrayBuffer(0) }),
			),
		).rejects.toThrow(/NanoDet/);
	});
});

describe('decodeNanoDet', () => {
	it('boxes a cell from its centre and four distances, scaled through the letterbox', () => {
		// one 2×2 level of stride 8 on a 16² input; cell 3 (row 1, col 1) centre (12, 12)
		const dets = decodeNanoDet(
			[
				{
					stride: 8,
					grid: 2,
					scores: [0.1, 0.1, 0.1, 0.9],
					classes: [0, 0, 0, 16],
					distances: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0.5, 0.25, 0.5],
				},
			],
			{ inputSize: 16, frameWidth: 32, frameHeight: 20, squareSide: 32 },
		);
		expect(dets).toHaveLength(1);
		expect(dets[0].label).toBe('dog');
		// input box x 4..14, y 8..16 → ×2 → x 8..28, y 16..32 clamped to 20
		expect(dets[0].box).toEqual([8, 16, 20, 4]);
	});
});
