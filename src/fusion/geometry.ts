/**
 * Pure geometry shared by feature extraction and the episode generator: the viewer's frame
 * (right, up, forward on the horizontal plane), angles between rays and objects, and whether one
 * box rests on another. Arrays, not three.js vectors, so it runs anywhere without allocation churn.
 */
import type { Ray, Vec3 } from './scenario.js';

/** The viewer's horizontal frame: origin, right and forward unit vectors (y is up). */
export interface ViewFrame {
	origin: Vec3;
	right: [number, number];
	forward: [number, number];
}

/** Builds the viewer frame from a head ray; a ray looking straight down keeps -z as forward. */
export function viewFrame(viewer: Ray): ViewFrame {
	let fx = viewer.forward[0];
	let fz = viewer.forward[2];
	const len = Math.hypot(fx, fz);
	if (len < 1e-6) {
		fx = 0;
		fz = -1;
	} else {
		fx /= len;
		fz /= len;
	}
	// right = forward × up, with y up: (fx, 0, fz) × (0, 1, 0) = (-fz, 0, fx)
	return { origin: viewer.position, right: [-fz, fx], forward: [fx, fz] };
}

/** A world point in the viewer frame: x to the right, y up (relative), z forward. */
export function toView(frame: ViewFrame, p: Vec3): Vec3 {
	const dx = p[0] - frame.origin[0];
	const dz = p[2] - frame.origin[2];
	return [
		dx * frame.right[0] + dz * frame.right[1],
		p[1] - frame.origin[1],
		dx * frame.forward[0] + dz * frame.forward[1],
	];
}

/** Angle in radians between a ray's direction and the direction from its origin to `p`. */
export function angleTo(ray: Ray, p: Vec3): number {
	return angleBetween(ray.forward, [p[0] - ray.position[0], p[1] - ray.position[1], p[2] - ray.position[2]]);
}

/** Angle in radians between two directions (0 when either is zero-length). */
export function angleBetween(a: Vec3, b: Vec3): number {
	const la = Math.hypot(a[0], a[1], a[2]);
	const lb = Math.hypot(b[0], b[1], b[2]);
	if (la < 1e-9 || lb < 1e-9) return Math.PI;
	const c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
	return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * Angle in radians between two directions on the horizontal plane (their y ignored). Stereo
 * hearing gives an azimuth only, so a sound is matched to objects by bearing, not elevation.
 */
export function azimuthBetween(a: Vec3, b: Vec3): number {
	return angleBetween([a[0], 0, a[2]], [b[0], 0, b[2]]);
}

/** Distance between two points. */
export function distance(a: Vec3, b: Vec3): number {
	return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const DEFAULT_SIZE: Vec3 = [0.2, 0.2, 0.2];

/**
 * Whether box `a` rests on box `b`: a's bottom within 8 cm of b's top and a's centre over b's
 * footprint. Sizes default to 20 cm cubes when the perception stage did not estimate one.
 */
export function restsOn(aPos: Vec3, aSize: Vec3 | undefined, bPos: Vec3, bSize: Vec3 | undefined): boolean {
	const sa = aSize ?? DEFAULT_SIZE;
	const sb = bSize ?? DEFAULT_SIZE;
	const bottom = aPos[1] - sa[1] / 2;
	const top = bPos[1] + sb[1] / 2;
	if (Math.abs(bottom - top) > 0.08) return false;
	if (sa[1] * sa[0] * sa[2] >= sb[1] * sb[0] * sb[2]) return false;
	return Math.abs(aPos[0] - bPos[0]) <= sb[0] / 2 + 0.03 && Math.abs(aPos[2] - bPos[2]) <= sb[2] / 2 + 0.03;
}
