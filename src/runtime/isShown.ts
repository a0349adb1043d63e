import type { Object3D } from 'three';

/** True when `o` and every ancestor are visible: what the renderer would actually draw. */
export function isShown(o: Object3D): boolean {
	for (let p: Object3D | null = o; p; p = p.parent) if (!p.visible) return false;
	return true;
}
