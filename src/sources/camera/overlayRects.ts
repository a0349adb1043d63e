import { Matrix4, type Mesh, type Object3D, Sphere, type Vector2, Vector3 } from 'three';
import type { PixelBox } from '../../perception/detection/Detector.js';

const _sphere = new Sphere();
const _centre = new Vector3();
const _inverse = new Matrix4();

/**
 * Where `objects` (the plugin's own labels and panels) appear in a `width × height` image taken with
 * camera-to-world `pose` and `projection`: one pixel rectangle per visible mesh (from its bounding
 * sphere: generous, never too small) or sprite (its exact quad), top-left origin. Behind the camera: none.
 * Meshes marked `userData.xrSenseBatch` are skipped: their quads are laid out by sprites beside them.
 */
export function overlayRects(
	objects: readonly Object3D[],
	pose: Matrix4,
	projection: Matrix4,
	width: number,
	height: number,
): PixelBox[] {
	const out: PixelBox[] = [];
	const inverse = _inverse.copy(pose).invert();
	const e = projection.elements;
	for (const root of objects) {
		if (!root.visible) continue;
		root.traverseVisible((o) => {
			// A batch that draws others' quads (the labels) is placed in its shader: those quads, kept
			// as layout sprites beside it, give the rectangles; its own bounds would be a bogus one.
			if (o.userData.xrSenseBatch) return;
			const geometry = (o as Mesh).geometry;
			if (!geometry || !((o as Mesh).isMesh || (o as Object3D & { isSprite?: boolean }).isSprite)) return;
			const sprite = o as Object3D & { isSprite?: boolean; center?: Vector2 };
			if (sprite.isSprite && sprite.center) {
				// A sprite is a quad parallel to the image, sized by its x and y scale, anchored at
				// `center` (a label hangs above its point): its rectangle is exact, not a sphere's.
				const m = o.matrixWorld.elements;
				const sx = Math.hypot(m[0], m[1], m[2]);
				const sy = Math.hypot(m[4], m[5], m[6]);
				_centre.setFromMatrixPosition(o.matrixWorld).applyMatrix4(inverse);
				const depth = -_centre.z;
				if (!(depth > 0.01)) return;
				const x0 = _centre.x - sprite.center.x * sx;
				const y0 = _centre.y - sprite.center.y * sy;
				const left = ((e[0] * x0 + e[8] * _centre.z) / depth + 1) * 0.5 * width;
				const right = ((e[0] * (x0 + sx) + e[8] * _centre.z) / depth + 1) * 0.5 * width;
				const top = (1 - ((e[5] * (y0 + sy) + e[9] * _centre.z) / depth + 1) * 0.5) * height;
				const bottom = (1 - ((e[5] * y0 + e[9] * _centre.z) / depth + 1) * 0.5) * height;
				if (right < 0 || bottom < 0 || left > width || top > height) return;
				out.push([left, top, right - left, bottom - top]);
				return;
			}
			if (!geometry.boundingSphere) geometry.computeBoundingSphere();
			_sphere.copy(geometry.boundingSphere!).applyMatrix4(o.matrixWorld);
			_centre.copy(_sphere.center).applyMatrix4(inverse);
			const depth = -_centre.z;
			if (!(depth > 0.01)) return;
			const cx = ((e[0] * _centre.x + e[8] * _centre.z) / depth + 1) * 0.5 * width;
			const cy = (1 - ((e[5] * _centre.y + e[9] * _centre.z) / depth + 1) * 0.5) * height;
			const rx = ((_sphere.radius * e[0]) / depth) * 0.5 * width;
			const ry = ((_sphere.radius * e[5]) / depth) * 0.5 * height;
			if (cx + rx < 0 || cy + ry < 0 || cx - rx > width || cy - ry > height) return;
			out.push([cx - rx, cy - ry, 2 * rx, 2 * ry]);
		});
	}
	return out;
}

/** Share of `box`'s area inside any of `rects` (overlaps among rects counted once per rect, capped at 1). */
export function coveredFraction(box: PixelBox, rects: readonly PixelBox[]): number {
	const area = box[2] * box[3];
	if (!(area > 0)) return 0;
	let covered = 0;
	for (const r of rects) {
		const w = Math.min(box[0] + box[2], r[0] + r[2]) - Math.max(box[0], r[0]);
		const h = Math.min(box[1] + box[3], r[1] + r[3]) - Math.max(box[1], r[1]);
		if (w > 0 && h > 0) covered += w * h;
	}
	return Math.min(1, covered / area);
}
