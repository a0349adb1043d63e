import { BoxGeometry, Matrix4, Mesh, MeshBasicMaterial, PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { BoxLifter, type FrameGeometry, type PlaneSnapshot } from '../../src/perception/lifting/BoxLifter.js';
import { depthAlongRay } from '../../src/perception/lifting/depthGrid.js';
import {
	boxSizeAtDepth,
	intersectRayPlane,
	pixelToNdc,
	pointInPolygon,
	rayThroughNdc,
	viewDepth,
} from '../../src/perception/lifting/liftMath.js';

/** A 100×100 px camera with a 90° field of view at eye height 1.6 m, looking down −Z. */
function frameAt(position = new Vector3(0, 1.6, 0), yaw = 0): FrameGeometry {
	const camera = new PerspectiveCamera(90, 1, 0.1, 100);
	camera.position.copy(position);
	camera.rotation.y = yaw;
	camera.updateMatrixWorld();
	return { width: 100, height: 100, pose: camera.matrixWorld.clone(), projection: camera.projectionMatrix.clone() };
}

function plane(matrix: Matrix4, half = 5, semanticLabel?: string): PlaneSnapshot {
	const polygon = [
		{ x: -half, z: -half },
		{ x: half, z: -half },
		{ x: half, z: half },
		{ x: -half, z: half },
	];
	return { matrix, inverse: matrix.clone().invert(), polygon, semanticLabel };
}

const close = (v: Vector3, x: number, y: number, z: number) => {
	expect(v.x).toBeCloseTo(x, 4);
	expect(v.y).toBeCloseTo(y, 4);
	expect(v.z).toBeCloseTo(z, 4);
};

describe('lifting math', () => {
	it('maps pixels to NDC with y up', () => {
		expect(pixelToNdc(0, 0, 200, 100, { x: 0, y: 0 })).toEqual({ x: -1, y: 1 });
		expect(pixelToNdc(150, 75, 200, 100, { x: 0, y: 0 })).toEqual({ x: 0.5, y: -0.5 });
	});

	it('casts the ray through an NDC point of a posed camera', () => {
		const f = frameAt(new Vector3(1, 2, 3), Math.PI / 2); // looking down −X
		const o = new Vector3();
		const d = new Vector3();
		rayThroughNdc(0, 0, f.pose, f.projection, o, d);
		close(o, 1, 2, 3);
		close(d, -1, 0, 0);
		rayThroughNdc(1, 0, f.pose, f.projection, o, d); // right edge of a 90° view: 45° to the right
		close(d, -Math.SQRT1_2, 0, -Math.SQRT1_2);
	});

	it('intersects rays with planes and polygons', () => {
		const t = intersectRayPlane(new Vector3(0, 1, 0), new Vector3(0, -1, 0), new Vector3(), new Vector3(0, 1, 0));
		expect(t).toBeCloseTo(1);
		expect(
			intersectRayPlane(new Vector3(0, 1, 0), new Vector3(0, 1, 0), new Vector3(), new Vector3(0, 1, 0)),
		).toBeNull();
		const square = [
			{ x: 0, z: 0 },
			{ x: 1, z: 0 },
			{ x: 1, z: 1 },
			{ x: 0, z: 1 },
		];
		expect(pointInPolygon(0.5, 0.5, square)).toBe(true);
		expect(pointInPolygon(1.5, 0.5, square)).toBe(false);
	});

	it('sizes a box from its pixels and depth', () => {
		const f = frameAt();
		// 90° fov: the whole frame at 2 m is 4 m across; a fifth of it is 0.8 m.
		const s = boxSizeAtDepth([0, 0, 20, 50], 100, 100, 2, f.projection, new Vector3());
		close(s, 0.8, 2, 0.8);
		expect(viewDepth(new Vector3(0.3, 1.6, -2.5), f.pose)).toBeCloseTo(2.5);
	});
});

describe('BoxLifter', () => {
	const lifter = new BoxLifter();

	it('stands an object on the floor plane where the bottom of its box meets it', () => {
		// bottom centre at pixel (50, 90) → NDC (0, −0.8): from 1.6 m, the floor 2 m ahead.
		const floor = plane(new Matrix4(), 5, 'floor');
		const r = lifter.lift([40, 50, 20, 40], frameAt(), { planes: [floor] })!;
		expect(r.method).toBe('plane');
		expect(r.depth).toBeCloseTo(2);
		close(r.size, 0.8, 1.6, 0.8);
		close(r.position, 0, 0.8, -2);
	});

	it('falls back to the wall behind the box when no support is in reach', () => {
		// a wall 3 m ahead facing the camera; the box touches the bottom of the frame
		const wall = plane(new Matrix4().makeTranslation(0, 1.6, -3).multiply(new Matrix4().makeRotationX(Math.PI / 2)));
		const r = lifter.lift([40, 40, 20, 60], frameAt(), { planes: [wall] })!;
		expect(r.method).toBe('plane');
		expect(r.depth).toBeCloseTo(3, 3);
		// centre ray through pixel (50, 70) → NDC y −0.4 → hits the wall 1.2 m below eye height
		close(r.position, 0, 1.6 - 1.2, -3);
	});

	it('ignores planes whose polygon the ray misses', () => {
		const small = plane(new Matrix4().makeTranslation(10, 0, 10), 1);
		expect(lifter.lift([40, 50, 20, 40], frameAt(), { planes: [small] })).toBeNull();
	});

	it('prefers depth sensing over everything else', () => {
		const floor = plane(new Matrix4());
		const f = frameAt();
		const grid = { size: 1, values: new Float32Array([1.5]), pose: f.pose, projection: f.projection };
		const r = lifter.lift([40, 40, 20, 20], f, {
			depthAlongRay: (o, d) => depthAlongRay(grid, o, d),
			planes: [floor],
		})!;
		expect(r.method).toBe('depth');
		expect(r.depth).toBeCloseTo(1.5);
		// surface at (0, 1.6, −1.5); 20 px at 1.5 m is 0.6 m
		close(r.position, 0, 1.6, -1.5);
		close(r.size, 0.6, 0.6, 0.6);
	});

	it('uses a hit-test result before planes when there is no depth', () => {
		const floor = plane(new Matrix4());
		const r = lifter.lift([40, 40, 20, 20], frameAt(), {
			hitTest: (x, y, out) => (x === 0 && y === 0 ? out.set(0, 1.6, -2.5) : null),
			planes: [floor],
		})!;
		expect(r.method).toBe('hit-test');
		expect(r.depth).toBeCloseTo(2.5);
	});

	it('overrules depth that reads through a known plane', () => {
		const f = frameAt();
		const grid = { size: 1, values: new Float32Array([5]), pose: f.pose, projection: f.projection };
		const wall = plane(new Matrix4().makeTranslation(0, 1.6, -3).multiply(new Matrix4().makeRotationX(Math.PI / 2)));
		const sources = { depthAlongRay: (o: Vector3, d: Vector3) => depthAlongRay(grid, o, d), planes: [wall] };
		const r = lifter.lift([45, 45, 10, 10], f, sources)!;
		expect(r.method).toBe('plane');
		close(r.position, 0, 1.6, -3);
		// nearer than the wall is fine: the object stands in front of it
		grid.values[0] = 2;
		expect(lifter.lift([45, 45, 10, 10], f, sources)!.method).toBe('depth');
	});

	it('raycasts the scene geometry, skipping hidden objects', () => {
		const box = new Mesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial());
		box.position.set(0, 1.6, -4);
		const hidden = new Mesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial());
		hidden.position.set(0, 1.6, -2);
		hidden.visible = false;
		box.updateMatrixWorld();
		hidden.updateMatrixWorld();
		const r = lifter.lift([45, 45, 10, 10], frameAt(), { scene: [hidden, box] })!;
		expect(r.method).toBe('scene');
		expect(r.depth).toBeCloseTo(3.5);
		close(r.size, 0.7, 0.7, 0.7);
		close(r.position, 0, 1.6, -3.5); // the front face of the box
	});
});
