import { type Camera, type CanvasTexture, Matrix4, Mesh, MeshBasicMaterial, PlaneGeometry, Vector3 } from 'three';

/** Where the in-VR panel sits in the viewer's frame: lower left (~16° left, ~13° down), 0.75 m ahead. */
const PANEL_AT = new Vector3(-0.22, -0.18, -0.75);
/** …turned to face the eye. */
const OFFSET = new Matrix4().lookAt(new Vector3(), PANEL_AT, new Vector3(0, 1, 0)).setPosition(PANEL_AT);
const _placed = new Matrix4();

/**
 * The {@link DebugHud}'s in-VR panel: `texture` on a plane `width` metres wide (about 22° of the view
 * at 0.3), locked to the head low on the left, placed at render time from the viewer the frame is
 * rendered for (so it never lags a frame), drawn on top, never hit by pointer rays, and marked
 * `userData.xrSenseOverlay` so the vision stage leaves it out of what it analyses. Starts hidden.
 *
 * ```ts
 * const panel = createHudPanel( texture, 512 / 320, () => renderer.xr.getCamera() );
 * scene.add( panel );
 * ```
 */
export function createHudPanel(
	texture: CanvasTexture<HTMLCanvasElement | OffscreenCanvas>,
	aspect: number,
	viewer: () => Camera,
	width = 0.3,
): Mesh<PlaneGeometry, MeshBasicMaterial> {
	const material = new MeshBasicMaterial({ map: texture, transparent: true, depthTest: false });
	const mesh = new Mesh(new PlaneGeometry(width, width / aspect), material);
	mesh.name = 'xr-sense debug hud';
	mesh.userData.xrSenseOverlay = true;
	mesh.renderOrder = 1002;
	mesh.frustumCulled = false;
	mesh.matrixAutoUpdate = false;
	mesh.matrixWorldAutoUpdate = false;
	mesh.visible = false;
	mesh.raycast = () => {};
	mesh.onBeforeRender = () => {
		_placed.multiplyMatrices(viewer().matrixWorld, OFFSET);
		mesh.matrixWorld.copy(_placed);
	};
	return mesh;
}
