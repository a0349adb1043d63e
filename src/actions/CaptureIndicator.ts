import {
	type Camera,
	CanvasTexture,
	Matrix4,
	Mesh,
	MeshBasicMaterial,
	type Object3D,
	PlaneGeometry,
	SRGBColorSpace,
} from 'three';
import { createPanelCanvas, fillPanel, LABEL_FONTS } from '../runtime/panelCanvas.js';
import { type CaptureMonitor, type CaptureState, capturedDevices } from '../sources/CaptureMonitor.js';

const WIDTH = 512;
const HEIGHT = 96;
/** Where the indicator sits in the viewer's frame: up and to the left, half a metre ahead. */
const OFFSET = new Matrix4().makeTranslation(-0.17, 0.12, -0.6);
const _placed = new Matrix4();

/**
 * A small red "● camera · microphone" tag fixed in the corner of the user's view while the plugin
 * captures either device — in VR, over AR passthrough and on the desktop alike, since a headset user
 * sees no page and no browser chrome. It follows the head at render time (so it never lags a frame)
 * and draws on top of the scene. Without a canvas (Node) it keeps only `text`.
 *
 * ```ts
 * const indicator = new CaptureIndicator( scene, sense.capture, () => renderer.xr.isPresenting ? renderer.xr.getCamera() : camera );
 * indicator.dispose();
 * ```
 */
export class CaptureIndicator {
	/** What the tag says now ('' while nothing is captured). */
	text = '';
	/** The tag, or null where no canvas exists. */
	readonly mesh: Mesh<PlaneGeometry, MeshBasicMaterial> | null = null;
	private readonly context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
	private readonly texture: CanvasTexture<HTMLCanvasElement | OffscreenCanvas> | null = null;
	private readonly onChange = () => this.show(this.monitor.state);

	constructor(
		readonly parent: Object3D,
		readonly monitor: CaptureMonitor,
		private readonly viewer: () => Camera,
	) {
		monitor.addEventListener('change', this.onChange);
		const canvas = createPanelCanvas(WIDTH, HEIGHT);
		const context = canvas?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
		if (canvas && context) {
			this.context = context;
			this.texture = new CanvasTexture(canvas);
			this.texture.colorSpace = SRGBColorSpace;
			const material = new MeshBasicMaterial({ map: this.texture, transparent: true, depthTest: false });
			const mesh = new Mesh(new PlaneGeometry(0.12, 0.0225), material);
			mesh.name = 'xr-sense capture indicator';
			mesh.userData.xrSenseOverlay = true;
			mesh.renderOrder = 1001;
			mesh.frustumCulled = false;
			mesh.matrixAutoUpdate = false;
			mesh.matrixWorldAutoUpdate = false;
			mesh.raycast = () => {};
			// Placed from the viewer the frame is rendered for: after the XR camera has this frame's pose.
			mesh.onBeforeRender = () => {
				_placed.multiplyMatrices(this.viewer().matrixWorld, OFFSET);
				mesh.matrixWorld.copy(_placed);
			};
			this.mesh = mesh;
			parent.add(mesh);
		}
		this.show(monitor.state);
	}

	dispose(): void {
		this.monitor.removeEventListener('change', this.onChange);
		if (this.mesh) {
			this.mesh.removeFromParent();
			this.mesh.geometry.dispose();
			this.mesh.material.dispose();
		}
		this.texture?.dispose();
	}

	private show(state: Readonly<CaptureState>): void {
		const devices = capturedDevices(state);
		this.text = devices.length ? `● ${devices.join(' · ')}` : '';
		if (!this.mesh || !this.context || !this.texture) return;
		this.mesh.visible = this.text !== '';
		if (!this.text) return;
		const ctx = this.context;
		fillPanel(ctx, WIDTH, HEIGHT, 30, 'rgba(120, 10, 16, 0.85)');
		ctx.fillStyle = '#ffffff';
		ctx.font = `600 46px ${LABEL_FONTS}`;
		ctx.textBaseline = 'middle';
		ctx.fillText(this.text, 28, HEIGHT / 2, WIDTH - 56);
		this.texture.needsUpdate = true;
	}
}
