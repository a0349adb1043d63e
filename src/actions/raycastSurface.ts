import { type Object3D, Raycaster, Vector3 } from 'three';
import type { Ray } from '../fusion/scenario.js';
import type { WorldModel } from '../world/WorldModel.js';
import type { SurfaceHit } from './ActionHandler.js';

const _raycaster = new Raycaster();
const _origin = new Vector3();
const _direction = new Vector3();

/**
 * The first visible mesh surface along `ray` under `root` — skipping the plugin's own helpers
 * (named `xr-sense …`) and anything under the `skip` roots (the moved object, what the hands hold) —
 * with its world normal turned toward the ray. Without a hit, a downward ray meets the floor of a
 * local-floor space (y = 0).
 *
 * ```ts
 * const hit = raycastSurface( scene, world, pointerRay, [ cup ] ); // where "there" is
 * ```
 */
export function raycastSurface(
	root: Object3D,
	world: WorldModel,
	ray: Ray,
	skip: readonly Object3D[] = [],
): SurfaceHit | null {
	_raycaster.set(_origin.fromArray(ray.position), _direction.fromArray(ray.forward).normalize());
	// Meshes only: sprites (labels) cannot be raycast without a camera, and lines or points have no surface.
	const meshes: Object3D[] = [];
	root.traverseVisible((o) => {
		if ((o as Object3D & { isMesh?: boolean }).isMesh && !pluginOwned(o)) meshes.push(o);
	});
	for (const hit of _raycaster.intersectObjects(meshes, false)) {
		const o = hit.object;
		if (!hit.face) continue;
		if (skip.some((s) => within(o, s))) continue;
		const normal = hit.face.normal.clone().transformDirection(o.matrixWorld);
		if (normal.dot(_direction) > 0) normal.negate();
		return { point: hit.point, normal, object: world.findByObject3D(o) ?? null };
	}
	if (_direction.y < -1e-3 && _origin.y > 0) {
		const point = _origin.clone().addScaledVector(_direction, -_origin.y / _direction.y);
		return { point, normal: new Vector3(0, 1, 0), object: null };
	}
	return null;
}

function within(o: Object3D, root: Object3D): boolean {
	for (let p: Object3D | null = o; p; p = p.parent) if (p === root) return true;
	return false;
}

/** The plugin's own objects (panels, labels, rays) are named `xr-sense …`, on them or an ancestor. */
function pluginOwned(o: Object3D): boolean {
	for (let p: Object3D | null = o; p; p = p.parent) if (p.name.startsWith('xr-sense')) return true;
	return false;
}
