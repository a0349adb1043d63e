import { Matrix4, PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { depthAlongRay, depthAt } from '../../src/perception/lifting/depthGrid.js';
import { isInView } from '../../src/perception/lifting/liftMath.js';
import { flipRows, projectionForAspect } from '../../src/sources/camera/viewerPose.js';

describe('frames and views', () => {
	it('tells whether a world point is in a camera view', () => {
		const cam = new PerspectiveCamera(60, 1, 0.1, 100);
		cam.position.set(0, 1.6, 0);
		cam.updateMatrixWorld();
		expect(isInView(new Vector3(0, 1.6, -2), cam.matrixWorld, cam.projectionMatrix)).toBe(true);
		expect(isInView(new Vector3(0, 1.6, 2), cam.matrixWorld, cam.projectionMatrix)).toBe(false);
		expect(isInView(new Vector3(3, 1.6, -2), cam.matrixWorld, cam.projectionMatrix)).toBe(false);
	});

	it('keeps the vertical field of view when fitting a projection to a video aspect', () => {
		const like = new PerspectiveCamera(50, 1.8, 0.1, 100).projectionMatrix;
		const p = projectionForAspect(like, 4 / 3, new Matrix4());
		expect(p.elements[5]).toBeCloseTo(like.elements[5]);
		expect(p.elements[5] / p.elements[0]).toBeCloseTo(4 / 3);
		const q = projectionForAspect(like, 1, new Matrix4(), 90);
		expect(q.elements[5]).toBeCloseTo(1);
	});

	it('flips GL read-back rows so images start at the top', () => {
		const src = new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2]); // 1×2: bottom row first
		expect([...flipRows(src, 1, 2, new Uint8Array(8))]).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
	});

	it('reads depth-sensing samples by NDC', () => {
		const grid = { size: 2, values: new Float32Array([1, 2, 3, 0]), pose: new Matrix4(), projection: new Matrix4() };
		expect(depthAt(grid, -0.5, 0.5)).toBe(1); // top left
		expect(depthAt(grid, 0.5, 0.5)).toBe(2);
		expect(depthAt(grid, -0.5, -0.5)).toBe(3);
		expect(depthAt(grid, 0.5, -0.5)).toBeNull(); // no sample
	});

	it('finds the depth along a ray from another camera beside the depth view', () => {
		const view = new PerspectiveCamera(90, 1, 0.1, 100);
		view.updateMatrixWorld();
		// a wall 2 m ahead of the view: every cell reads 2
		const grid = {
			size: 8,
			values: new Float32Array(64).fill(2),
			pose: view.matrixWorld,
			projection: view.projectionMatrix,
		};
		// a camera 3 cm to the right, looking 30° to the left: the wall is 2 / cos 30° away
		const dir = new Vector3(-Math.sin(Math.PI / 6), 0, -Math.cos(Math.PI / 6));
		expect(depthAlongRay(grid, new Vector3(0.03, 0, 0), dir)).toBeCloseTo(2 / Math.cos(Math.PI / 6));
		expect(depthAlongRay(grid, new Vector3(), new Vector3(0, 0, 1))).toBeNull(); // behind
	});
});
