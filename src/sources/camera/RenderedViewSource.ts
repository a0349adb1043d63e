import {
	Matrix4,
	type Object3D,
	PerspectiveCamera,
	RGBAFormat,
	SRGBColorSpace,
	UnsignedByteType,
	type WebGLRenderer,
	WebGLRenderTarget,
} from 'three';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { CameraFrame, CameraSource } from './CameraSource.js';
import { flipRows, viewerPose } from './viewerPose.js';

export interface RenderedViewOptions {
	/** Width of the capture in pixels; height follows the view's aspect (default 384). */
	width?: number;
	/** Objects to hide while capturing (the plugin's own labels), resolved at capture time. */
	hidden?: () => Object3D[];
}

/**
 * The rendered view as a camera: on request, draws the scene from the viewer's pose into a small
 * render target and reads it back asynchronously (a GPU fence, no stall). For VR, where there is
 * no camera, and for the emulator. The capture render happens on the frame loop; the readback does not.
 *
 * ```ts
 * const source = new RenderedViewSource( { width: 320 } );
 * await source.start( sense );
 * const frame = await source.grab(); // resolves a frame or two later
 * ```
 */
export class RenderedViewSource implements CameraSource {
	readonly kind = 'rendered-view';
	private sense: SceneUnderstanding | null = null;
	private target: WebGLRenderTarget | null = null;
	private readonly camera = new PerspectiveCamera();
	private pending: Array<(frame: CameraFrame | null) => void> = [];
	private raw = new Uint8Array(0);
	private pixels = new Uint8Array(0);

	constructor(readonly options: RenderedViewOptions = {}) {
		this.camera.matrixAutoUpdate = false;
		this.camera.matrixWorldAutoUpdate = false;
	}

	async start(sense: SceneUnderstanding): Promise<void> {
		this.sense = sense;
	}

	grab(): Promise<CameraFrame | null> {
		if (!this.sense) return Promise.resolve(null);
		return new Promise((resolve) => this.pending.push(resolve));
	}

	update(time: number, frame?: XRFrame): void {
		const sense = this.sense;
		if (!sense || this.pending.length === 0) return;
		const waiting = this.pending;
		this.pending = [];
		const pose = new Matrix4();
		const projection = new Matrix4();
		viewerPose(sense.renderer, sense.camera, frame, pose, projection);
		const e = projection.elements;
		const width = this.options.width ?? 384;
		const height = Math.max(16, Math.round((width * e[0]) / e[5]));
		const target = this.renderTarget(width, height);
		this.render(sense.renderer, sense, target, pose, projection);
		sense.renderer
			.readRenderTargetPixelsAsync(target, 0, 0, width, height, this.raw)
			.then((raw) => {
				const data = flipRows(raw as Uint8Array, width, height, this.pixels);
				const out: CameraFrame = {
					pixels: { data, width, height },
					width,
					height,
					time,
					pose,
					projection,
					release() {},
				};
				for (const resolve of waiting) resolve(out);
			})
			.catch(() => {
				for (const resolve of waiting) resolve(null);
			});
	}

	dispose(): void {
		for (const resolve of this.pending) resolve(null);
		this.pending = [];
		this.target?.dispose();
		this.target = null;
		this.sense = null;
	}

	private renderTarget(width: number, height: number): WebGLRenderTarget {
		if (!this.target || this.target.width !== width || this.target.height !== height) {
			this.target?.dispose();
			this.target = new WebGLRenderTarget(width, height, { format: RGBAFormat, type: UnsignedByteType });
			// Encode to sRGB like the screen, so the detector sees what the user sees.
			this.target.texture.colorSpace = SRGBColorSpace;
			this.raw = new Uint8Array(width * height * 4);
			this.pixels = new Uint8Array(width * height * 4);
		}
		return this.target;
	}

	private render(
		renderer: WebGLRenderer,
		sense: SceneUnderstanding,
		target: WebGLRenderTarget,
		pose: Matrix4,
		projection: Matrix4,
	): void {
		const cam = this.camera;
		cam.matrixWorld.copy(pose);
		cam.matrixWorldInverse.copy(pose).invert();
		cam.projectionMatrix.copy(projection);
		cam.projectionMatrixInverse.copy(projection).invert();
		cam.layers.mask = sense.camera.layers.mask;
		const hidden = (this.options.hidden?.() ?? []).filter((o) => o.visible);
		for (const o of hidden) o.visible = false;
		// While presenting, three would swap in the XR camera and its framebuffer; capture draws from
		// our own camera into our own target, so XR is off for this one render.
		const xrEnabled = renderer.xr.enabled;
		const previous = renderer.getRenderTarget();
		renderer.xr.enabled = false;
		try {
			renderer.setRenderTarget(target);
			renderer.render(sense.scene, cam);
		} finally {
			renderer.setRenderTarget(previous);
			renderer.xr.enabled = xrEnabled;
			for (const o of hidden) o.visible = true;
		}
	}
}
