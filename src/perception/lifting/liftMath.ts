import { Matrix4, Vector3 } from 'three';
import type { PixelBox } from '../detection/Detector.js';

/**
 * Pure geometry for lifting 2D boxes to 3D. Conventions: a camera *pose* is its camera-to-world
 * matrix (three's `camera.matrixWorld`, WebXR's `view.transform.matrix`); a *projection* is the
 * OpenGL-style projection matrix (three's `camera.projectionMatrix`, `view.projectionMatrix`).
 * Pixels have their origin at the top left.
 */

const _inverse = new Matrix4();
const _p = new Vector3();

/** Pixel → normalised device coordinates (x right, y up, both −1…1). */
export function pixelToNdc(x: number, y: number, width: number, height: number, out: { x: number; y: number }) {
	out.x = (x / width) * 2 - 1;
	out.y = 1 - (y / height) * 2;
	return out;
}

/**
 * The world-space ray through an NDC point of a camera with `pose` and `projection`. `direction` is
 * normalised. Works for any perspective projection, including the off-axis ones headsets use.
 */
export function rayThroughNdc(
	ndcX: number,
	ndcY: number,
	pose: Matrix4,
	projection: Matrix4,
	origin: Vector3,
	direction: Vector3,
): void {
	_inverse.copy(projection).invert();
	origin.setFromMatrixPosition(pose);
	_p.set(ndcX, ndcY, 0.5).applyMatrix4(_inverse).applyMatrix4(pose);
	direction.copy(_p).sub(origin).normalize();
}

/** Distance along the ray to the plane through `point` with `normal`, or null if parallel or behind. */
export function intersectRayPlane(origin: Vector3, direction: Vector3, point: Vector3, normal: Vector3): number | null {
	const denom = normal.dot(direction);
	if (Math.abs(denom) < 1e-6) return null;
	const t = (point.dot(normal) - origin.dot(normal)) / denom;
	return t > 0 ? t : null;
}

/** Even-odd test of (x, z) against a polygon given as `{ x, z }` points (an XRPlane's polygon). */
export function pointInPolygon(x: number, z: number, polygon: ArrayLike<{ x: number; z: number }>): boolean {
	let inside = false;
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const a = polygon[i];
		const b = polygon[j];
		if (a.z > z !== b.z > z && x < ((b.x - a.x) * (z - a.z)) / (b.z - a.z) + a.x) inside = !inside;
	}
	return inside;
}

/**
 * Depth (distance along the camera's forward axis) of a world point seen by a camera with `pose`.
 */
export function viewDepth(point: Vector3, pose: Matrix4): number {
	_inverse.copy(pose).invert();
	return -_p.copy(point).applyMatrix4(_inverse).z;
}

/**
 * Metric width and height of a box at `depth` metres in front of a camera with `projection`: a box
 * spanning the whole frame at depth d is 2d/P[0] wide and 2d/P[5] tall.
 */
export function boxSizeAtDepth(
	box: PixelBox,
	frameWidth: number,
	frameHeight: number,
	depth: number,
	projection: Matrix4,
	out: Vector3,
): Vector3 {
	const e = projection.elements;
	const w = ((box[2] / frameWidth) * 2 * depth) / e[0];
	const h = ((box[3] / frameHeight) * 2 * depth) / e[5];
	// Depth cannot be seen from one view; objects are about as deep as the narrower side is wide.
	return out.set(w, h, Math.min(w, h));
}

/** Whether a world point lies inside the view frustum of a camera with `pose` and `projection`. */
export function isInView(point: Vector3, pose: Matrix4, projection: Matrix4, margin = 0): boolean {
	_inverse.copy(pose).invert();
	_p.copy(point).applyMatrix4(_inverse);
	if (_p.z >= 0) return false;
	_p.applyMatrix4(projection);
	const limit = 1 - margin;
	return Math.abs(_p.x) <= limit && Math.abs(_p.y) <= limit;
}

/**
 * A world ray in a reference space, for a hit-test `XRRay`: `worldToSpace` maps world into the
 * reference space (the inverse of a dolly holding the XR camera), null when they coincide.
 * `outDirection` is normalised.
 */
export function rayInSpace(
	origin: Vector3,
	direction: Vector3,
	worldToSpace: Matrix4 | null,
	outOrigin: Vector3,
	outDirection: Vector3,
): void {
	outOrigin.copy(origin);
	outDirection.copy(direction);
	if (worldToSpace) {
		outOrigin.applyMatrix4(worldToSpace);
		outDirection.transformDirection(worldToSpace);
	}
	outDirection.normalize();
}
