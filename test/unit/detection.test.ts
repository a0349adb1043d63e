import { describe, expect, it } from 'vitest';
import { decodeDetections } from '../../src/perception/detection/decodeDetections.js';
import { iou, nonMaxSuppression } from '../../src/perception/detection/nonMaxSuppression.js';

describe('decodeDetections', () => {
	it('scales rows from the 512² model input to the frame and names COCO classes', () => {
		// rows [x1, y1, x2, y2, score, class] in model-input pixels
		const rows = new Float32Array([
			...[128, 256, 384, 512, 0.9, 0], // person, right half of the input height
			...[0, 0, 256, 128, 0.5, 41], // cup
			...[10, 10, 50, 50, 0.05, 56], // chair below threshold
		]);
		const out = decodeDetections(rows, { inputSize: 512, frameWidth: 1024, frameHeight: 256 });
		expect(out.map((d) => d.label)).toEqual(['person', 'cup']);
		expect(out[0].box).toEqual([256, 128, 512, 128]);
		expect(out[0].score).toBeCloseTo(0.9);
		expect(out[1].box).toEqual([0, 0, 512, 64]);
	});

	it('maps back a frame letterboxed into the square input (padded right or below)', () => {
		const rows = [0, 128, 256, 384, 0.9, 0];
		// a 1024×512 frame padded to 1024² before resizing to 512²: one input pixel is two frame pixels
		const out = decodeDetections(rows, { inputSize: 512, frameWidth: 1024, frameHeight: 512, squareSide: 1024 });
		expect(out[0].box).toEqual([0, 256, 512, 256]);
	});

	it('clamps boxes to the frame and drops degenerate boxes and unknown classes', () => {
		const rows = [-20, -10, 600, 300, 0.8, 2, 100, 100, 100.1, 200, 0.8, 2, 0, 0, 10, 10, 0.9, 80];
		const out = decodeDetections(rows, { inputSize: 512, frameWidth: 512, frameHeight: 512 });
		expect(out).toHaveLength(1);
		expect(out[0]).toMatchObject({ label: 'car', classId: 2, box: [0, 0, 512, 300] });
	});

	it('applies the threshold and the maximum count', () => {
		const rows: number[] = [];
		for (let i = 0; i < 10; i++) rows.push(i * 40, 0, i * 40 + 30, 30, 0.3 + i * 0.05, 39);
		const out = decodeDetections(rows, {
			inputSize: 512,
			frameWidth: 512,
			frameHeight: 512,
			scoreThreshold: 0.5,
			maxDetections: 3,
		});
		expect(out.map((d) => Math.round(d.score * 100))).toEqual([75, 70, 65]);
	});
});

describe('nonMaxSuppression', () => {
	it('computes IoU of [x, y, w, h] boxes', () => {
		expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
		expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(50 / 150);
		expect(iou([0, 0, 10, 10], [20, 20, 5, 5])).toBe(0);
	});

	it('keeps the best of overlapping same-class boxes, best first', () => {
		const items = [
			{ box: [0, 0, 100, 100] as [number, number, number, number], score: 0.6, classId: 0, id: 'a' },
			{ box: [5, 5, 100, 100] as [number, number, number, number], score: 0.9, classId: 0, id: 'b' },
			{ box: [300, 300, 50, 50] as [number, number, number, number], score: 0.4, classId: 0, id: 'c' },
		];
		expect(nonMaxSuppression(items, 0.5).map((i) => i.id)).toEqual(['b', 'c']);
	});

	it('does not suppress overlapping boxes of different classes (a tie on a person)', () => {
		const items = [
			{ box: [0, 0, 100, 200] as [number, number, number, number], score: 0.8, classId: 0 },
			{ box: [35, 60, 30, 100] as [number, number, number, number], score: 0.3, classId: 27 },
		];
		expect(nonMaxSuppression(items, 0.5)).toHaveLength(2);
	});

	it('drops a near-identical box of another class: one object, two guesses', () => {
		const items = [
			{ box: [10, 10, 50, 50] as [number, number, number, number], score: 0.5, classId: 14 },
			{ box: [11, 10, 50, 50] as [number, number, number, number], score: 0.4, classId: 33 },
		];
		expect(nonMaxSuppression(items, 0.5).map((i) => i.classId)).toEqual([14]);
		expect(nonMaxSuppression(items, 0.5, 10, 1)).toHaveLength(2);
	});

	it('keeps boxes overlapping below the threshold', () => {
		const items = [
			{ box: [0, 0, 10, 10] as [number, number, number, number], score: 0.8, classId: 1 },
			{ box: [6, 0, 10, 10] as [number, number, number, number], score: 0.7, classId: 1 },
		];
		expect(nonMaxSuppression(items, 0.3)).toHaveLength(2);
		expect(nonMaxSuppression(items, 0.2)).toHaveLength(1);
	});
});
