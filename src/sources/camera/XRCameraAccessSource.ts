import { Matrix4 } from 'three';
import type { SceneUnderstanding } from '../../SceneUnderstanding.js';
import type { CameraFrame, CameraSource } from './CameraSource.js';
import { flipRows, viewerPose } from './viewerPose.js';

export interface XRCameraAccessOptions {
	/** Width the camera image is scaled to before reading back (default 480). */
	width?: number;
}

interface Readback {
	sync: WebGLSync;
	buffer: WebGLBuffer;
	width: number;
	height: number;
	time: number;
	pose: Matrix4;
	projection: Matrix4;
	resolve: (frame: CameraFrame | null) => void;
}

/**
 * WebXR raw camera access (`camera-access` feature; Chrome on ARCore phones): the camera image of
 * a view, aligned with that view's pose and projection (its intrinsics). The image is a texture valid
 * only inside the XR frame, so it is scaled down with a framebuffer blit into a pixel-pack buffer
 * there and then; the bytes are fetched frames later, once a GPU fence says they are ready.
 *
 * ```ts
 * const session = await navigator.xr.requestSession( 'immersive-ar', { requiredFeatures: [ 'camera-access' ] } );
 * const source = new XRCameraAccessSource();
 * await source.start( sense );
 * ```
 */
export class XRCameraAccessSource implements CameraSource {
	readonly kind = 'xr-camera';
	private sense: SceneUnderstanding | null = null;
	private readonly framebuffers: WebGLFramebuffer[] = [];
	private target: WebGLRenderbuffer | null = null;
	private targetSize = [0, 0];
	private waiting: Array<(frame: CameraFrame | null) => void> = [];
	private inFlight: Readback | null = null;

	constructor(readonly options: XRCameraAccessOptions = {}) {}

	/** Whether the current XR session granted raw camera access. */
	static isAvailable(sense: SceneUnderstanding): boolean {
		const session = sense.renderer.xr.getSession() as (XRSession & { enabledFeatures?: string[] }) | null;
		return !!session?.enabledFeatures?.includes('camera-access') && typeof XRWebGLBinding !== 'undefined';
	}

	async start(sense: SceneUnderstanding): Promise<void> {
		if (!XRCameraAccessSource.isAvailable(sense)) {
			throw new Error('XRCameraAccessSource: the XR session has no camera-access feature');
		}
		this.sense = sense;
	}

	grab(): Promise<CameraFrame | null> {
		if (!this.sense) return Promise.resolve(null);
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	update(time: number, frame?: XRFrame): void {
		const sense = this.sense;
		if (!sense) return;
		const gl = sense.renderer.getContext() as WebGL2RenderingContext;
		if (this.inFlight) this.poll(gl);
		if (!frame || this.waiting.length === 0 || this.inFlight) return;
		const pose = new Matrix4();
		const projection = new Matrix4();
		const view = viewerPose(sense.renderer, sense.camera, frame, pose, projection).view as
			| (XRView & { camera?: { width: number; height: number } })
			| null;
		if (!view?.camera) return;
		// three's own binding: one per session, the one it asks for camera images too.
		const binding = sense.renderer.xr.getBinding() as XRWebGLBinding & {
			getCameraImage(camera: unknown): WebGLTexture | null;
		};
		const texture = binding?.getCameraImage(view.camera);
		if (!texture) return;
		const width = this.options.width ?? 480;
		const height = Math.max(16, Math.round((width * view.camera.height) / view.camera.width));
		const readFb = gl.getParameter(gl.READ_FRAMEBUFFER_BINDING);
		const drawFb = gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING);
		const pack = gl.getParameter(gl.PIXEL_PACK_BUFFER_BINDING);
		// A blit is clipped by the scissor test and dropped by rasterizer discard, which the host may have on.
		const scissor = gl.isEnabled(gl.SCISSOR_TEST);
		const discard = gl.isEnabled(gl.RASTERIZER_DISCARD);
		if (scissor) gl.disable(gl.SCISSOR_TEST);
		if (discard) gl.disable(gl.RASTERIZER_DISCARD);
		const [src, dst] = this.ensureTargets(gl, width, height);
		gl.bindFramebuffer(gl.READ_FRAMEBUFFER, src);
		gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
		gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, dst);
		const cw = view.camera.width;
		const ch = view.camera.height;
		gl.blitFramebuffer(0, 0, cw, ch, 0, 0, width, height, gl.COLOR_BUFFER_BIT, gl.LINEAR);
		gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, null, 0);
		gl.bindFramebuffer(gl.READ_FRAMEBUFFER, dst);
		const buffer = gl.createBuffer()!;
		gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
		gl.bufferData(gl.PIXEL_PACK_BUFFER, width * height * 4, gl.STREAM_READ);
		gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, 0);
		const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)!;
		// Restore exactly what three had bound, so its state cache stays true.
		gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pack);
		gl.bindFramebuffer(gl.READ_FRAMEBUFFER, readFb);
		gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, drawFb);
		if (scissor) gl.enable(gl.SCISSOR_TEST);
		if (discard) gl.enable(gl.RASTERIZER_DISCARD);
		const waiting = this.waiting;
		this.waiting = [];
		const resolve = (f: CameraFrame | null) => {
			for (const r of waiting) r(f);
		};
		this.inFlight = { sync, buffer, width, height, time, pose, projection, resolve };
	}

	dispose(): void {
		const gl = this.sense?.renderer.getContext() as WebGL2RenderingContext | undefined;
		if (gl) {
			if (this.inFlight) {
				gl.deleteSync(this.inFlight.sync);
				gl.deleteBuffer(this.inFlight.buffer);
				this.inFlight.resolve(null);
			}
			for (const fb of this.framebuffers) gl.deleteFramebuffer(fb);
			if (this.target) gl.deleteRenderbuffer(this.target);
		}
		for (const r of this.waiting) r(null);
		this.waiting = [];
		this.inFlight = null;
		this.framebuffers.length = 0;
		this.target = null;
		this.sense = null;
	}

	/** Non-blocking: fetches the bytes only once the fence has signalled. */
	private poll(gl: WebGL2RenderingContext): void {
		const r = this.inFlight!;
		if (gl.clientWaitSync(r.sync, 0, 0) === gl.TIMEOUT_EXPIRED) return;
		this.inFlight = null;
		gl.deleteSync(r.sync);
		const raw = new Uint8Array(r.width * r.height * 4);
		const pack = gl.getParameter(gl.PIXEL_PACK_BUFFER_BINDING);
		gl.bindBuffer(gl.PIXEL_PACK_BUFFER, r.buffer);
		gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, raw);
		gl.bindBuffer(gl.PIXEL_PACK_BUFFER, pack);
		gl.deleteBuffer(r.buffer);
		const data = flipRows(raw, r.width, r.height, new Uint8Array(raw.length));
		const { width, height, time, pose, projection } = r;
		r.resolve({ pixels: { data, width, height }, width, height, time, pose, projection, release() {} });
	}

	private ensureTargets(gl: WebGL2RenderingContext, width: number, height: number): WebGLFramebuffer[] {
		if (this.framebuffers.length === 0) this.framebuffers.push(gl.createFramebuffer()!, gl.createFramebuffer()!);
		if (!this.target || this.targetSize[0] !== width || this.targetSize[1] !== height) {
			if (this.target) gl.deleteRenderbuffer(this.target);
			const rb = gl.getParameter(gl.RENDERBUFFER_BINDING);
			this.target = gl.createRenderbuffer()!;
			gl.bindRenderbuffer(gl.RENDERBUFFER, this.target);
			gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
			gl.bindRenderbuffer(gl.RENDERBUFFER, rb);
			const drawFb = gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING);
			gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, this.framebuffers[1]);
			gl.framebufferRenderbuffer(gl.DRAW_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, this.target);
			gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, drawFb);
			this.targetSize = [width, height];
		}
		return this.framebuffers;
	}
}
