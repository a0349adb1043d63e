import { describe, expect, it } from 'vitest';
import { extractFeatures, MAX_OBJECTS, OBJECT_FEATURES, PAIR_FEATURES } from '../../src/fusion/features.js';
import { angleTo, restsOn, toView, viewFrame } from '../../src/fusion/geometry.js';
import type { Scenario } from '../../src/fusion/scenario.js';
import { buildVocabulary } from '../../src/perception/tokenizer.js';

// Viewer at the origin looking down -z: +x is to the right.
const scene: Scenario = {
	id: 'known',
	transcript: 'pick up the red cup on the table',
	viewer: { position: [0, 1.6, 0], forward: [0, 0, -1] },
	pointer: { position: [0.2, 1.3, 0], forward: [0.5, -0.5, -1] },
	objects: [
		{ id: 'table', label: 'dining table', color: 'brown', position: [0, 0.375, -2], size: [1.4, 0.75, 0.8] },
		{ id: 'cup', label: 'cup', color: 'red', confidence: 0.9, position: [-0.4, 0.8, -2], size: [0.1, 0.1, 0.1] },
		{ id: 'mug', label: 'cup', color: 'blue', position: [1.5, 0.05, -1], size: [0.1, 0.1, 0.1], held: true },
	],
	sounds: [{ class: 'phone_ring', direction: [-0.4, -0.8, -2] }],
};
const vocab = buildVocabulary(['pick up the red cup on the table', 'dining table'], 0);

describe('geometry', () => {
	it('puts points in the viewer frame (x right, z forward)', () => {
		const f = viewFrame(scene.viewer);
		const v = toView(f, [1, 1.6, -2]);
		expect(v[0]).toBeCloseTo(1);
		expect(v[1]).toBeCloseTo(0);
		expect(v[2]).toBeCloseTo(2);
		const turned = viewFrame({ position: [0, 0, 0], forward: [1, 0, 0] });
		expect(toView(turned, [0, 0, 1])[0]).toBeCloseTo(1); // looking +x, +z is on the right
	});

	it('knows what rests on what', () => {
		expect(restsOn([-0.4, 0.8, -2], [0.1, 0.1, 0.1], [0, 0.375, -2], [1.4, 0.75, 0.8])).toBe(true);
		expect(restsOn([0, 0.375, -2], [1.4, 0.75, 0.8], [-0.4, 0.8, -2], [0.1, 0.1, 0.1])).toBe(false);
		expect(restsOn([1.5, 0.05, -1], [0.1, 0.1, 0.1], [0, 0.375, -2], [1.4, 0.75, 0.8])).toBe(false);
	});

	it('measures ray angles', () => {
		expect(angleTo(scene.viewer, [0, 1.6, -5])).toBeCloseTo(0);
		expect(angleTo(scene.viewer, [5, 1.6, 0])).toBeCloseTo(Math.PI / 2);
	});
});

describe('extractFeatures', () => {
	const f = extractFeatures(scene, vocab);
	const obj = (id: string) => {
		const slot = f.ids.indexOf(id);
		return f.objects.subarray(slot * OBJECT_FEATURES, (slot + 1) * OBJECT_FEATURES);
	};
	const pair = (a: string, b: string) => {
		const i = f.ids.indexOf(a);
		const j = f.ids.indexOf(b);
		return f.pairs.subarray((i * MAX_OBJECTS + j) * PAIR_FEATURES, (i * MAX_OBJECTS + j + 1) * PAIR_FEATURES);
	};

	it('has fixed shapes and a mask', () => {
		expect(f.objects.length).toBe(MAX_OBJECTS * OBJECT_FEATURES);
		expect([...f.mask].reduce((a, b) => a + b)).toBe(3);
		expect([...f.ids].sort()).toEqual(['cup', 'mug', 'table']);
	});

	it('encodes colour, confidence, held and viewer-frame geometry', () => {
		const cup = obj('cup');
		expect(cup[0]).toBe(1); // red
		expect(cup[12]).toBeCloseTo(0.9);
		expect(cup[13]).toBeCloseTo(-0.4 / 3); // left of the viewer
		expect(cup[15]).toBeCloseTo(2 / 3); // 2 m ahead
		expect(cup[19]).toBe(1); // in front
		expect(obj('mug')[46]).toBe(1);
		expect(obj('mug')[13]).toBeGreaterThan(0); // right of the viewer
	});

	it('gives each object its label words and colour name as token ids', () => {
		const slot = f.ids.indexOf('cup');
		expect(f.colors[slot]).toBe(vocab.words.indexOf('red'));
		expect(f.labels[slot * 3]).toBe(vocab.words.indexOf('cup'));
		const table = f.ids.indexOf('table');
		expect([...f.labels.subarray(table * 3, table * 3 + 3)]).toEqual([
			vocab.words.indexOf('dining'),
			vocab.words.indexOf('table'),
			0,
		]);
	});

	it('marks the best-aligned object for the sound and the spoken label', () => {
		expect(obj('cup')[33]).toBe(1);
		expect(obj('cup')[34 + 3]).toBeGreaterThan(0.9); // phone_ring is class 3
		expect(obj('table')[33]).toBe(0);
		expect(obj('cup')[48]).toBe(1); // "cup" said
		expect(obj('table')[48]).toBe(1); // "table" said
	});

	it('ranks objects within their label group, one-hot', () => {
		expect(obj('cup')[50]).toBe(1); // first from the left
		expect(obj('mug')[51]).toBe(1); // second from the left
		expect(obj('mug')[53]).toBe(1); // first from the right
		expect(obj('cup')[54]).toBe(1);
		expect(obj('cup')[56]).toBe(1); // nearest cup
		expect(obj('mug')[57]).toBe(1); // farthest cup
		expect([...obj('table').subarray(50, 60)].every((v) => v === 0)).toBe(true); // alone in its group
	});

	it('gives the order indicators the soft ranks count with', () => {
		expect(pair('cup', 'mug')[11]).toBe(1); // the mug is right of the cup
		expect(pair('cup', 'mug')[10]).toBe(0);
		expect(pair('mug', 'cup')[10]).toBe(1);
		expect(pair('cup', 'table')[16]).toBe(1); // the cup rests on the table
		expect([...pair('cup', 'cup').subarray(10, 17)].every((v) => v === 0)).toBe(true);
	});

	it('aligns sounds by bearing only (stereo hearing has no elevation)', () => {
		const level: Scenario = { ...scene, sounds: [{ class: 'phone_ring', direction: [-0.4, 0, -2] }] };
		const g = extractFeatures(level, vocab);
		const slot = g.ids.indexOf('cup');
		expect(g.objects[slot * OBJECT_FEATURES + 37]).toBeGreaterThan(0.99);
	});

	it('encodes support and relative position between objects', () => {
		expect(pair('cup', 'table')[5]).toBe(1); // cup on table
		expect(pair('table', 'cup')[6]).toBe(1);
		expect(pair('cup', 'mug')[0]).toBeGreaterThan(0); // the mug is to the cup's right
		expect(pair('cup', 'mug')[7]).toBe(1); // same label
		expect(pair('cup', 'cup')[9]).toBe(1);
	});

	it('keeps the most relevant objects when there are too many', () => {
		const many: Scenario = {
			...scene,
			objects: Array.from({ length: 30 }, (_, i) => ({
				id: `o${i}`,
				label: 'book',
				position: [0, 1, -1 - i] as [number, number, number],
			})),
		};
		const g = extractFeatures(many, vocab);
		expect(g.ids.length).toBe(MAX_OBJECTS);
		expect(g.ids).toContain('o0');
		expect(g.ids).not.toContain('o29');
	});
});
