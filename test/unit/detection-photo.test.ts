import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOR_NAMES } from '../../src/fusion/scenario.js';
import { CenterNetDetector } from '../../src/perception/detection/CenterNetDetector.js';
import { centerNetFromDisk, readImage, useBackend } from '../../tools/_nodeModels.js';
import { graceHopperJpeg } from '../support/debianPhoto.js';

describe('CenterNetDetector on a real photograph (WASM, Node)', () => {
	const detector = new CenterNetDetector();
	let photo: ReturnType<typeof readImage>;

	beforeAll(async () => {
		photo = readImage(graceHopperJpeg());
		await useBackend('wasm');
		await detector.load(centerNetFromDisk());
	});
	afterAll(() => detector.dispose());

	it('finds the person and her tie, where they are', async () => {
		const detections = await detector.detect(photo);
		const person = detections.find((d) => d.label === 'person');
		const tie = detections.find((d) => d.label === 'tie');
		expect(person, JSON.stringify(detections)).toBeDefined();
		expect(tie, JSON.stringify(detections)).toBeDefined();
		// 512×600 portrait: the person fills the frame, the tie sits at the centre bottom.
		const [px, py, pw, ph] = person!.box;
		expect(person!.score).toBeGreaterThan(0.5);
		expect(pw * ph).toBeGreaterThan(0.6 * photo.width * photo.height);
		expect(px + pw / 2).toBeGreaterThan(200);
		expect(px + pw / 2).toBeLessThan(312);
		const [tx, ty, tw, th] = tie!.box;
		expect(tx + tw / 2).toBeGreaterThan(220);
		expect(tx + tw / 2).toBeLessThan(300);
		expect(ty + th / 2).toBeGreaterThan(photo.height * 0.6);
		expect(tw).toBeLessThan(photo.width * 0.25);
		// the tie lies inside the person
		expect(ty).toBeGreaterThan(py);
		expect(tx).toBeGreaterThanOrEqual(px);
		expect(tx + tw).toBeLessThanOrEqual(px + pw);
		// every detection gets a colour name (naming itself is tested in colour.test.ts)
		for (const d of detections) expect(COLOR_NAMES).toContain(d.color);
	});

	it('leaves no tensor behind and gives the same answer frame after frame', async () => {
		const first = await detector.detect(photo);
		const before = tf.memory().numTensors;
		const again = await detector.detect(photo);
		await detector.detect({ data: new Uint8Array(64 * 48 * 4), width: 64, height: 48 });
		expect(tf.memory().numTensors).toBe(before);
		expect(again).toEqual(first);
	});

	it('rejects bad input clearly', async () => {
		await expect(detector.detect({ data: new Uint8Array(10), width: 4, height: 4 })).rejects.toThrow(/RGBA/);
		await expect(new CenterNetDetector().detect(photo)).rejects.toThrow(/load\(\)/);
		await expect(
			new CenterNetDetector().load(
				tf.io.fromMemory({ modelTopology: { node: [] }, weightSpecs: [], weightData: new ArrayBuffer(0) }),
			),
		).rejects.toThrow(/CenterNet/);
	});
});
