import { type Matrix4, type Mesh, type Object3D, PerspectiveCamera, Raycaster, Vector3 } from 'three';
import { isShown } from '../../runtime/isShown.js';
import type { WorldObject } from '../../world/WorldObject.js';
import type { PixelBox } from '../detection/Detector.js';
import { boxSizeAtDepth, intersectRayPlane, pixelToNdc, pointInPolygon, rayThroughNdc, viewDepth } from './liftMath.js';

/** Where a frame was seen from: its size in pixels, camera-to-world pose and projection. */
export interface FrameGeometry {
	width: number;
	height: number;
	pose: Matrix4;
	projection: Matrix4;
}

/** A detected plane frozen in world space (planes can only be read inside an XR frame callback). */
export interface PlaneSnapshot {
	/** Plane space → world. The plane is the local XZ plane, normal +Y. */
	matrix: Matrix4;
	inverse: Matrix4;
	polygon: Array<{ x: number; z: number }>;
	orientation?: 'horizontal' | 'vertical';
	semanticLabel?: string;
}

/** What a frame can be lifted against, best first; any may be missing. */
export interface LiftSources {
	/** Distance along a world ray to the surface depth sensing saw (see `depthAlongRay`). */
	depthAlongRay?: (origin: Vector3, direction: Vector3) => number | null;
	/** A hit-test result for an NDC point: world point, or null. */
	hitTest?: (ndcX: number, ndcY: number, out: Vector3) => Vector3 | null;
	planes?: readonly PlaneSnapshot[];
	/** Meshes built from XRMesh (mesh-detection), raycast in world space. */
	meshes?: readonly Object3D[];
	/** The scene's own objects, raycast in world space. */
	scene?: readonly Object3D[];
}

/** Which source placed a lifted box; world objects keep it as `liftedBy`. */
export type LiftMethod = NonNullable<WorldObject['liftedBy']>;

export interface LiftResult {
	position: Vector3;
	size: Vector3;
	method: LiftMethod;
	/** Distance from the camera along its view axis, metres. */
	depth: number;
}

/** How far (metres) depth may read beyond a known plane before it is overruled. */
const DEPTH_TOLERANCE = 0.1;
const _ndc = { x: 0, y: 0 };
const _origin = new Vector3();
const _dir = new Vector3();
const _hit = new Vector3();
const _local = new Vector3();
const _up = new Vector3();
const _normal = new Vector3();
const _planePoint = new Vector3();

/**
 * Lifts 2D detection boxes to 3D boxes in world space, with the best source available: depth
 * sensing → hit-test → detected planes → detected meshes → the scene's own geometry. Uses the pose
 * and projection stamped on the frame, not the current ones, because detection finishes frames later.
 *
 * ```ts
 * const lifter = new BoxLifter();
 * const r = lifter.lift( detection.box, frame, { planes, scene: [ scene ] } );
 * if ( r ) console.log( r.method, r.position, r.size );
 * ```
 */
export class BoxLifter {
	private readonly raycaster = new Raycaster();
	private readonly rayCamera = new PerspectiveCamera();

	/**
	 * The world ray through a box's centre as {@link lift} casts it, for asking a source ahead of the
	 * lift (a WebXR hit test answers frames later). Returns the centre in NDC, valid until the next call.
	 */
	centreRay(box: PixelBox, frame: FrameGeometry, origin: Vector3, direction: Vector3): { x: number; y: number } {
		pixelToNdc(box[0] + box[2] / 2, box[1] + box[3] / 2, frame.width, frame.height, _ndc);
		rayThroughNdc(_ndc.x, _ndc.y, frame.pose, frame.projection, origin, direction);
		return _ndc;
	}

	lift(box: PixelBox, frame: FrameGeometry, sources: LiftSources): LiftResult | null {
		const { pose } = frame;
		const { x: cx, y: cy } = this.centreRay(box, frame, _origin, _dir);

		const t = sources.depthAlongRay?.(_origin, _dir);
		if (t != null && t > 0) {
			// Depth cannot see through a known surface: if it reads farther than a plane the ray meets,
			// the depth is wrong there (holes, noise, a stale or emulated map) and the plane wins.
			const wall = sources.planes && sources.planes.length > 0 ? nearestPlane(sources.planes, false) : null;
			if (wall !== null && t > wall + DEPTH_TOLERANCE) {
				return this.result(_hit.copy(_origin).addScaledVector(_dir, wall), box, frame, 'plane');
			}
			return this.result(_hit.copy(_origin).addScaledVector(_dir, t), box, frame, 'depth');
		}
		if (sources.hitTest?.(cx, cy, _hit)) return this.result(_hit, box, frame, 'hit-test');
		if (sources.planes && sources.planes.length > 0) {
			const r = this.liftOnPlanes(box, frame, sources.planes);
			if (r) return r;
		}
		if (sources.meshes && this.raycast(sources.meshes, pose)) return this.result(_hit, box, frame, 'mesh');
		if (sources.scene && this.raycast(sources.scene, pose)) return this.result(_hit, box, frame, 'scene');
		return null;
	}

	/**
	 * Objects stand on horizontal planes: the ray through the bottom of the box meets the support at
	 * the object's foot. Failing that (box cut by the frame edge, no support), the centre ray meets the
	 * nearest plane behind the object (a wall, for a picture or a screen).
	 */
	private liftOnPlanes(box: PixelBox, frame: FrameGeometry, planes: readonly PlaneSnapshot[]): LiftResult | null {
		const { width, height, pose, projection } = frame;
		if (box[1] + box[3] < height - 2) {
			pixelToNdc(box[0] + box[2] / 2, box[1] + box[3], width, height, _ndc);
			rayThroughNdc(_ndc.x, _ndc.y, pose, projection, _origin, _dir);
			const t = nearestPlane(planes, true);
			if (t !== null) {
				const foot = _hit.copy(_origin).addScaledVector(_dir, t);
				const r = this.result(foot, box, frame, 'plane');
				r.position.y += r.size.y / 2;
				return r;
			}
		}
		pixelToNdc(box[0] + box[2] / 2, box[1] + box[3] / 2, width, height, _ndc);
		rayThroughNdc(_ndc.x, _ndc.y, pose, projection, _origin, _dir);
		const t = nearestPlane(planes, false);
		if (t === null) return null;
		return this.result(_hit.copy(_origin).addScaledVector(_dir, t), box, frame, 'plane');
	}

	private raycast(objects: readonly Object3D[], pose: Matrix4): boolean {
		this.rayCamera.matrixWorld.copy(pose);
		this.raycaster.camera = this.rayCamera;
		this.raycaster.set(_origin, _dir);
		for (const hit of this.raycaster.intersectObjects(objects as Object3D[], true)) {
			// Only solid surfaces: not lines (pointer rays), points or sprites (labels).
			if ((hit.object as Mesh).isMesh && isShown(hit.object)) {
				_hit.copy(hit.point);
				return true;
			}
		}
		return false;
	}

	/**
	 * Box at the seen surface's depth, centred on that surface: how deep an object is cannot be seen
	 * from one view, and guessing (half its width) would push flat things — a screen, a picture —
	 * into the wall behind them.
	 */
	private result(surface: Vector3, box: PixelBox, frame: FrameGeometry, method: LiftMethod): LiftResult {
		const depth = viewDepth(surface, frame.pose);
		const size = boxSizeAtDepth(box, frame.width, frame.height, depth, frame.projection, new Vector3());
		return { position: surface.clone(), size, method, depth };
	}
}

/** Nearest hit of the current ray (_origin, _dir) on a plane's polygon; upward-facing supports only if asked. */
function nearestPlane(planes: readonly PlaneSnapshot[], supportsOnly: boolean): number | null {
	let best: number | null = null;
	for (const plane of planes) {
		_normal.set(0, 1, 0).transformDirection(plane.matrix);
		if (supportsOnly) {
			if (_normal.dot(_up.set(0, 1, 0)) < 0.9) continue;
			_planePoint.setFromMatrixPosition(plane.matrix);
			if (_planePoint.y > _origin.y) continue;
		}
		_planePoint.setFromMatrixPosition(plane.matrix);
		const t = intersectRayPlane(_origin, _dir, _planePoint, _normal);
		if (t === null || (best !== null && t >= best)) continue;
		_local.copy(_origin).addScaledVector(_dir, t).applyMatrix4(plane.inverse);
		if (pointInPolygon(_local.x, _local.z, plane.polygon)) best = t;
	}
	return best;
}
