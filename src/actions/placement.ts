/**
 * Where to put an object so that it rests on a surface without interpenetrating what is already
 * there. Pure geometry on axis-aligned boxes (world space), so it is tested in Node.
 */
import { Box3, type Object3D, Vector3 } from 'three';

/** Options for {@link findRestingPlace}. */
export interface RestingPlaceOptions {
	/** Clearance between the object's bottom and the surface, in metres (default 1 mm). */
	gap?: number;
	/** Distance between candidate spots, in metres (default: half the object's footprint, at least 3 cm). */
	step?: number;
	/** How many rings of candidate spots around the preferred one to try (default 8). */
	rings?: number;
}

const _candidate = new Box3();
const _size = new Vector3();
const _center = new Vector3();
const _world = new Vector3();
// Boxes that merely touch are not interpenetrating.
const TOUCH = 1e-4;

/**
 * The translation (written to `out`) that moves `object` (its world box) to rest on the horizontal
 * surface at height `top`, inside `region` (in x/z), as near as possible to (`preferX`, `preferZ`),
 * without overlapping any of `obstacles`. When no free spot exists it stacks the object on the
 * highest obstacle under the preferred spot instead.
 */
export function findRestingPlace(
	object: Box3,
	top: number,
	region: Box3,
	preferX: number,
	preferZ: number,
	obstacles: readonly Box3[],
	out: Vector3,
	options: RestingPlaceOptions = {},
): Vector3 {
	const gap = options.gap ?? 0.001;
	object.getSize(_size);
	object.getCenter(_center);
	const hx = _size.x / 2;
	const hz = _size.z / 2;
	const step = options.step ?? Math.max(0.03, Math.max(hx, hz));
	const rings = options.rings ?? 8;
	const bottom = top + gap;
	for (let ring = 0; ring <= rings; ring++) {
		// The nearest free spot of the ring (the ring's corners are farther than its edge middles).
		let bestX = 0;
		let bestZ = 0;
		let best = Number.POSITIVE_INFINITY;
		for (let i = -ring; i <= ring; i++) {
			for (let j = -ring; j <= ring; j++) {
				if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
				const x = clampInto(preferX + i * step, region.min.x + hx, region.max.x - hx);
				const z = clampInto(preferZ + j * step, region.min.z + hz, region.max.z - hz);
				const distance = (x - preferX) ** 2 + (z - preferZ) ** 2;
				if (distance >= best) continue;
				_candidate.min.set(x - hx + TOUCH, bottom + TOUCH, z - hz + TOUCH);
				_candidate.max.set(x + hx - TOUCH, bottom + _size.y - TOUCH, z + hz - TOUCH);
				if (!obstacles.some((o) => o.intersectsBox(_candidate))) {
					best = distance;
					bestX = x;
					bestZ = z;
				}
			}
		}
		if (best < Number.POSITIVE_INFINITY) return out.set(bestX - _center.x, bottom - object.min.y, bestZ - _center.z);
	}
	// Nowhere free: stack on whatever is highest under the preferred spot.
	const x = clampInto(preferX, region.min.x + hx, region.max.x - hx);
	const z = clampInto(preferZ, region.min.z + hz, region.max.z - hz);
	let y = bottom;
	for (const o of obstacles) {
		const overlaps = o.min.x < x + hx && o.max.x > x - hx && o.min.z < z + hz && o.max.z > z - hz;
		if (overlaps && o.max.y + gap > y) y = o.max.y + gap;
	}
	return out.set(x - _center.x, y - object.min.y, z - _center.z);
}

/**
 * The translation (written to `out`) that puts `object` against a surface hit at `point` with
 * world normal `normal`: standing on it when the surface faces up, touching it otherwise.
 */
export function placeAgainst(object: Box3, point: Vector3, normal: Vector3, out: Vector3, gap = 0.001): Vector3 {
	object.getSize(_size);
	object.getCenter(_center);
	if (normal.y > 0.7) return out.set(point.x - _center.x, point.y + gap - object.min.y, point.z - _center.z);
	// Push the box out along the normal by its half extent in that direction.
	const reach = (Math.abs(normal.x) * _size.x + Math.abs(normal.y) * _size.y + Math.abs(normal.z) * _size.z) / 2;
	const d = reach + gap;
	return out.set(
		point.x + normal.x * d - _center.x,
		point.y + normal.y * d - _center.y,
		point.z + normal.z * d - _center.z,
	);
}

/** Moves `object` by a world-space translation, whatever its parent. */
export function translateWorld(object: Object3D, delta: Vector3): void {
	object.updateWorldMatrix(true, false);
	object.getWorldPosition(_world).add(delta);
	if (object.parent) {
		object.parent.updateWorldMatrix(true, false);
		object.parent.worldToLocal(_world);
	}
	object.position.copy(_world);
	object.updateMatrixWorld(true);
}

function clampInto(v: number, lo: number, hi: number): number {
	return lo > hi ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v));
}
