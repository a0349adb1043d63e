import { type Camera, type Matrix4, PerspectiveCamera, type WebGLRenderer } from 'three';

/**
 * Where the viewer is now: in an XR frame the first view's transform and projection (exact for this
 * frame, and carried into the world through the camera's parent, e.g. a dolly); otherwise the
 * host camera's. Writes `pose` (camera-to-world) and `projection`; returns the view's
 * `XRView.camera` (raw camera access) when there is one.
 */
export function viewerPose(
	renderer: WebGLRenderer,
	camera: Camera,
	frame: XRFrame | undefined,
	pose: Matrix4,
	projection: Matrix4,
): { view: XRView | null } {
	const space = frame && renderer.xr.isPresenting ? renderer.xr.getReferenceSpace() : null;
	const viewer = space ? frame!.getViewerPose(space) : null;
	if (viewer && viewer.views.length > 0) {
		const view = viewer.views[0];
		pose.fromArray(view.transform.matrix);
		if (camera.parent) {
			camera.parent.updateWorldMatrix(true, false);
			pose.premultiply(camera.parent.matrixWorld);
		}
		projection.fromArray(view.projectionMatrix);
		return { view };
	}
	camera.updateWorldMatrix(true, false);
	pose.copy(camera.matrixWorld);
	projection.copy(camera.projectionMatrix);
	return { view: null };
}

const _camera = new PerspectiveCamera();

/** A symmetric projection with the vertical field of view of `like` and the given aspect ratio. */
export function projectionForAspect(like: Matrix4, aspect: number, out: Matrix4, fovYDegrees?: number): Matrix4 {
	const e = like.elements;
	_camera.fov = fovYDegrees ?? (2 * Math.atan(1 / e[5]) * 180) / Math.PI;
	_camera.aspect = aspect;
	_camera.near = 0.05;
	_camera.far = 100;
	_camera.updateProjectionMatrix();
	return out.copy(_camera.projectionMatrix);
}

/** Flips RGBA rows in place order into `out` (GL reads bottom row first; images start at the top). */
export function flipRows(src: Uint8Array, width: number, height: number, out: Uint8Array): Uint8Array {
	const row = width * 4;
	for (let y = 0; y < height; y++) out.set(src.subarray(y * row, (y + 1) * row), (height - 1 - y) * row);
	return out;
}
