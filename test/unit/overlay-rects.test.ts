import { Group, Mesh, PerspectiveCamera, PlaneGeometry, Sprite } from 'three';
import { describe, expect, it } from 'vitest';
import { coveredFraction, overlayRects } from '../../src/sources/camera/overlayRects.js';

describe('overlayRects', () => {
	const camera = new PerspectiveCamera(60, 1.5, 0.05, 50);
	camera.updateMatrixWorld();
	const pose = camera.matrixWorld.clone();
	const projection = camera.projectionMatrix.clone();

	it('finds a label straight ahead at the image centre, sized by distance, and none behind the camera', () => {
		const labels = new Group();
		const near = new Sprite();
		near.scale.set(0.4, 0.1, 1);
		near.position.set(0, 0, -2);
		const behind = new Mesh(new PlaneGeometry(0.5, 0.5));
		behind.position.set(0, 0, 2);
		labels.add(near, behind);
		labels.updateMatrixWorld(true);
		const rects = overlayRects([labels], pose, projection, 300, 200);
		expect(rects).toHaveLength(1);
		const [x, y, w, h] = rects[0];
		expect(x + w / 2).toBeCloseTo(150, 0);
		expect(y + h / 2).toBeCloseTo(100, 0);
		// Its quad exactly: 2 m away the 200-pixel-high image spans 2.31 m (86.6 px/m), so 0.4 × 0.1 m
		// is 34.6 × 8.7 px — a label's wide strip, not the square round its diagonal.
		expect(w).toBeCloseTo(34.6, 0);
		expect(h).toBeCloseTo(8.7, 0);
		// Anchored at its bottom edge (as the plugin's labels hang above their objects): all above the centre.
		near.center.set(0.5, 0);
		const [, top, , height] = overlayRects([labels], pose, projection, 300, 200)[0];
		expect(top + height).toBeCloseTo(100, 0);
		expect(top).toBeCloseTo(91.3, 0);
		labels.visible = false;
		expect(overlayRects([labels], pose, projection, 300, 200)).toEqual([]);
	});

	it('measures how much of a detection box an overlay covers', () => {
		expect(coveredFraction([0, 0, 10, 10], [[0, 0, 10, 5]])).toBeCloseTo(0.5);
		expect(coveredFraction([0, 0, 10, 10], [[20, 20, 5, 5]])).toBe(0);
		expect(coveredFraction([0, 0, 10, 10], [[-5, -5, 30, 30]])).toBe(1);
		expect(coveredFraction([0, 0, 0, 10], [[0, 0, 10, 10]])).toBe(0);
	});
});
