import { Group, Matrix4, Sprite, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { LabelBatch } from '../../src/actions/LabelBatch.js';
import { overlayRects } from '../../src/sources/camera/overlayRects.js';

const W = 8;
const H = 4;
const image = (value: number) => new Uint8Array(W * H * 4).fill(value);

describe('LabelBatch: every label in one draw', () => {
	it('hands out layers lowest first, reuses released ones, and grows keeping the images', () => {
		const batch = new LabelBatch(W, H, 2);
		const a = batch.allocate();
		const b = batch.allocate();
		expect([a, b]).toEqual([0, 1]);
		batch.setImage(a, image(10));
		batch.setImage(b, image(20));
		const c = batch.allocate(); // full: the texture doubles
		expect(c).toBe(2);
		expect(batch.size).toBe(4);
		expect(batch.image(a).every((v) => v === 10)).toBe(true);
		expect(batch.image(b).every((v) => v === 20)).toBe(true);
		batch.release(b);
		expect(batch.allocate()).toBe(b);
		batch.dispose();
	});

	it('draws only the labels pushed this frame, with their anchors, sizes and layers', () => {
		const batch = new LabelBatch(W, H, 4);
		const geometry = batch.mesh.geometry;
		batch.begin();
		batch.push(3, new Vector3(1, 2, 3), 0.4, 0.1);
		batch.push(1, new Vector3(-1, 0, 2), 0.2, 0.05);
		batch.end();
		expect(geometry.instanceCount).toBe(2);
		expect(batch.mesh.visible).toBe(true);
		expect(Array.from(geometry.getAttribute('labelAnchor').array.slice(0, 6))).toEqual([1, 2, 3, -1, 0, 2]);
		expect(Array.from(geometry.getAttribute('labelLayer').array.slice(0, 2))).toEqual([3, 1]);
		expect(geometry.getAttribute('labelSize').getX(0)).toBeCloseTo(0.4);
		batch.begin();
		batch.end();
		expect(geometry.instanceCount).toBe(0);
		expect(batch.mesh.visible).toBe(false);
		batch.dispose();
	});

	it('rejects an image of the wrong size instead of smearing it over other layers', () => {
		const batch = new LabelBatch(W, H, 2);
		expect(() => batch.setImage(0, new Uint8Array(W * H * 4 + 4))).toThrow(/bytes/);
		batch.dispose();
	});

	it('is neither hit by rays nor reported as an overlay of its own (its layout sprites are)', () => {
		const batch = new LabelBatch(W, H, 2);
		const group = new Group();
		const sprite = new Sprite();
		sprite.layers.disableAll();
		sprite.position.set(0, 0, -2);
		sprite.scale.set(0.4, 0.2, 1);
		group.add(batch.mesh, sprite);
		group.updateMatrixWorld(true);
		const projection = new Matrix4().makePerspective(-0.1, 0.1, 0.1, -0.1, 0.1, 10);
		const rects = overlayRects([group], new Matrix4().makeTranslation(0, 0, 1), projection, 100, 100);
		expect(rects).toHaveLength(1); // the sprite's, not a second one round the batch's base quad
		const hits: unknown[] = [];
		batch.mesh.raycast({} as never, hits as never);
		expect(hits).toEqual([]);
		batch.dispose();
	});
});
