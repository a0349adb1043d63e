import { Box3, Object3D, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { Animator } from '../../src/actions/Animator.js';
import { findRestingPlace, placeAgainst } from '../../src/actions/placement.js';

const box = (x0: number, y0: number, z0: number, x1: number, y1: number, z1: number) =>
	new Box3(new Vector3(x0, y0, z0), new Vector3(x1, y1, z1));

describe('findRestingPlace', () => {
	const table = box(-0.6, 0, -0.4, 0.6, 0.75, 0.4);
	const cup = box(2, 1, 2, 2.1, 1.12, 2.1);

	it('rests the bottom on the top surface at the preferred spot', () => {
		const d = findRestingPlace(cup, 0.75, table, 0.2, 0.1, [], new Vector3(), { gap: 0 });
		const placed = cup.clone().translate(d);
		expect(placed.min.y).toBeCloseTo(0.75, 9);
		expect(placed.getCenter(new Vector3()).x).toBeCloseTo(0.2, 9);
		expect(placed.getCenter(new Vector3()).z).toBeCloseTo(0.1, 9);
	});

	it('keeps the footprint inside the surface', () => {
		const d = findRestingPlace(cup, 0.75, table, 5, -5, [], new Vector3());
		const placed = cup.clone().translate(d);
		expect(placed.max.x).toBeLessThanOrEqual(0.6 + 1e-9);
		expect(placed.min.z).toBeGreaterThanOrEqual(-0.4 - 1e-9);
	});

	it('moves aside from what already stands there, to the nearest free spot', () => {
		const vase = box(-0.06, 0.75, -0.06, 0.06, 1.05, 0.06);
		const d = findRestingPlace(cup, 0.75, table, 0, 0, [vase], new Vector3());
		const placed = cup.clone().translate(d);
		expect(placed.intersectsBox(vase.clone().expandByScalar(-1e-4))).toBe(false);
		const c = placed.getCenter(new Vector3());
		// Step 5 cm: the first free ring is 15 cm out, and its nearest spot lies on an axis.
		expect(Math.hypot(c.x, c.z)).toBeCloseTo(0.15, 6);
	});

	it('stacks on top when the surface is full', () => {
		const crowd = box(-0.6, 0.75, -0.4, 0.6, 0.9, 0.4);
		const d = findRestingPlace(cup, 0.75, table, 0, 0, [crowd], new Vector3(), { gap: 0 });
		expect(cup.clone().translate(d).min.y).toBeCloseTo(0.9, 9);
	});
});

describe('placeAgainst', () => {
	it('stands on an upward surface and touches a wall without entering it', () => {
		const b = box(0, 0, 0, 0.2, 0.4, 0.2);
		const up = b.clone().translate(placeAgainst(b, new Vector3(1, 0.5, 1), new Vector3(0, 1, 0), new Vector3(), 0));
		expect(up.min.y).toBeCloseTo(0.5, 9);
		const wall = b.clone().translate(placeAgainst(b, new Vector3(3, 1.2, 0), new Vector3(-1, 0, 0), new Vector3(), 0));
		expect(wall.max.x).toBeCloseTo(3, 9);
		expect(wall.getCenter(new Vector3()).y).toBeCloseTo(1.2, 9);
	});
});

describe('Animator', () => {
	it('eases to the target, resolves at the end, and a new tween on the channel finishes the old one', async () => {
		const o = new Object3D();
		const animator = new Animator();
		let done = false;
		const p = animator.to(o, 'scale', new Vector3(2, 2, 2), 1).then(() => {
			done = true;
		});
		animator.update(0.5);
		expect(o.scale.x).toBeCloseTo(1.5, 6);
		await Promise.resolve();
		expect(done).toBe(false);
		const q = animator.to(o, 'scale', new Vector3(3, 3, 3), 1);
		await p;
		expect(done).toBe(true);
		animator.update(2);
		await q;
		expect(o.scale.x).toBe(3);
		expect(animator.active).toBe(0);
	});
});
