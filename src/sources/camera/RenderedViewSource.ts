import {
	type Camera,
	Matrix4,
	NoColorSpace,
	type Object3D,
	PerspectiveCamera,
	RGBAFormat,
	type Scene,
	SRGBColorSpace,
	UnsignedByteType,
	type WebGLRenderer,
	WebGLRenderTarget,
} from 'three';
import type { PixelBox } from '../../perception/detection/Detector.js';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { CameraFrame, CameraSource } from './CameraSource.js';
import { copyRenderedView, releaseResolve, renderedViewAspect } from './copyRenderedView.js';
import { overlayRects } from './overlayRects.js';
import { flipRows, viewerPose } from './viewerPose.js';

export interface RenderedViewOptions {
	/** Width of the capture in pixels; height follows the view's aspect (default 384). */
	width?: number;
	/**
	 * `'copy'`: a scaled GPU copy of the frame the host just rendered, taken in
	 * `scene.onAfterRender` — no second render, so the frame that captures costs the host almost
	 * nothing more; the copy shows what the user sees, the plugin's labels included, and reports
	 * where they are (`overlays`) so detections on them are dropped. `'render'` (default): draws the scene
	 * again from the viewer's pose into the capture, with `hidden` objects left out (a second render
	 * of the scene on the frame it happens). Copying falls back to rendering where it cannot work
	 * (multiview, or the host does not render `sense.scene` within two frames).
	 */
	mode?: 'copy' | 'render';
	/**
	 * The plugin's own labels and panels, resolved at capture time: left out of a `'render'` capture,
	 * and reported as `overlays` on a `'copy'` one.
	 */
	hidden?: () => Object3D[];
}

/** A capture asked for in `update`, waiting for the host's render of the same frame. */
interface Armed {
	waiting: Array<(frame: CameraFrame | null) => void>;
	time: number;
	pose: Matrix4;
	projection: Matrix4;
	/** Frames it has waited; a host that never renders our scene gets a rendered capture instead. */
	age: number;
}

/**
 * The rendered view as a camera: on request, copies the frame the host has just rendered (or, in
 * `'render'` mode, draws the scene from the viewer's pose) into a small render target, and reads it
 * back asynchronously (a GPU fence, no stall). For VR, where there is no camera, and for the
 * emulator. Nothing on the frame loop waits for the GPU.
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
	private armed: Armed | null = null;
	private readonly resolve = { current: null as Parameters<typeof releaseResolve>[1]['current'] };
	private hooked: { scene: Scene; previous: Scene['onAfterRender']; hook: Scene['onAfterRender'] } | null = null;
	/** Captures taken by copying the rendered frame, and by rendering the scene again. */
	readonly stats = { copies: 0, renders: 0 };
	private readonly onRestored = () => {
		this.resolve.current = null;
	};

	constructor(readonly options: RenderedViewOptions = {}) {
		this.camera.matrixAutoUpdate = false;
		this.camera.matrixWorldAutoUpdate = false;
	}

	async start(sense: SceneUnderstanding): Promise<void> {
		this.sense = sense;
		// A restored context has none of the old GL objects: the resolve buffer is made again.
		sense.renderer.domElement.addEventListener?.('webglcontextrestored', this.onRestored);
		if ((this.options.mode ?? 'render') === 'copy') {
			// Chained, so a host's own onAfterRender still runs.
			const scene = sense.scene as Scene;
			const previous = scene.onAfterRender;
			const self = this;
			const hook = function (this: Scene, ...args: Parameters<Scene['onAfterRender']>) {
				previous.apply(this, args);
				self.afterRender(args[0], args[2]);
			};
			scene.onAfterRender = hook;
			this.hooked = { scene, previous, hook };
		}
	}

	grab(): Promise<CameraFrame | null> {
		if (!this.sense) return Promise.resolve(null);
		return new Promise((resolve) => this.pending.push(resolve));
	}

	update(time: number, frame?: XRFrame): void {
		const sense = this.sense;
		if (!sense) return;
		const armed = this.armed;
		if (armed && ++armed.age > 2) {
			// Armed two frames ago and no render of our scene since: render it ourselves.
			this.armed = null;
			this.renderNow(armed, sense);
		}
		if (this.pending.length === 0 || this.armed) return;
		const waiting = this.pending;
		this.pending = [];
		const pose = new Matrix4();
		const projection = new Matrix4();
		viewerPose(sense.renderer, sense.camera, frame, pose, projection);
		const capture: Armed = { waiting, time, pose, projection, age: 0 };
		if (this.hooked) this.armed = capture;
		else this.renderNow(capture, sense);
	}

	/** The host rendered the scene: copy the frame a capture is waiting for. */
	private afterRender(renderer: WebGLRenderer, camera: Camera): void {
		const armed = this.armed;
		const sense = this.sense;
		if (!armed || !sense || renderer !== sense.renderer) return;
		this.armed = null;
		const width = this.options.width ?? 384;
		const height = Math.max(16, Math.round(width / renderedViewAspect(renderer, camera)));
		const target = this.renderTarget(width, height, false);
		if (!copyRenderedView(renderer, camera, target, this.resolve)) {
			this.renderNow(armed, sense);
			return;
		}
		this.stats.copies++;
		// The copy shows the plugin's own labels and panels: say where, so nobody takes them for the room.
		const overlays = overlayRects(this.options.hidden?.() ?? [], armed.pose, armed.projection, width, height);
		this.readBack(armed, target, false, overlays);
	}

	/** Draws the scene into the capture from the stamped pose (`'render'` mode and fallbacks). */
	private renderNow(armed: Armed, sense: SceneUnderstanding): void {
		const e = armed.projection.elements;
		const width = this.options.width ?? 384;
		const height = Math.max(16, Math.round((width * e[0]) / e[5]));
		const target = this.renderTarget(width, height, true);
		this.render(sense.renderer, sense, target, armed.pose, armed.projection);
		this.stats.renders++;
		this.readBack(armed, target, true);
	}

	/** Reads the capture back without stalling (a fence), and answers those waiting. */
	private readBack(armed: Armed, target: WebGLRenderTarget, bottomUp: boolean, overlays?: PixelBox[]): void {
		const sense = this.sense;
		if (!sense) return;
		const { waiting, time, pose, projection } = armed;
		const { width, height } = target;
		sense.renderer
			.readRenderTargetPixelsAsync(target, 0, 0, width, height, this.raw)
			.then((raw) => {
				// A copy is already top row first; a render comes out bottom-up, as GL reads.
				const data = bottomUp ? flipRows(raw as Uint8Array, width, height, this.pixels) : (raw as Uint8Array);
				const out: CameraFrame = {
					pixels: { data, width, height },
					width,
					height,
					time,
					pose,
					projection,
					overlays,
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
		for (const resolve of this.armed?.waiting ?? []) resolve(null);
		this.pending = [];
		this.armed = null;
		const hooked = this.hooked;
		// Unhook where ours is still the scene's; under someone else's wrapper, ours just goes quiet.
		if (hooked && hooked.scene.onAfterRender === hooked.hook) hooked.scene.onAfterRender = hooked.previous;
		this.hooked = null;
		if (this.sense) {
			this.sense.renderer.domElement.removeEventListener?.('webglcontextrestored', this.onRestored);
			releaseResolve(this.sense.renderer.getContext() as WebGL2RenderingContext, this.resolve);
		}
		this.target?.dispose();
		this.target = null;
		this.sense = null;
	}

	private renderTarget(width: number, height: number, rendered: boolean): WebGLRenderTarget {
		const colorSpace = rendered ? SRGBColorSpace : NoColorSpace;
		const t = this.target;
		if (!t || t.width !== width || t.height !== height || t.texture.colorSpace !== colorSpace) {
			this.target?.dispose();
			this.target = new WebGLRenderTarget(width, height, { format: RGBAFormat, type: UnsignedByteType });
			// A render encodes to sRGB like the screen, so the detector sees what the user sees; a copy
			// takes the screen's bytes as they are (an sRGB target would encode them a second time).
			this.target.texture.colorSpace = colorSpace;
			this.raw = new Uint8Array(width * height * 4);
			this.pixels = new Uint8Array(width * height * 4);
		}
		return this.target as WebGLRenderTarget;
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
