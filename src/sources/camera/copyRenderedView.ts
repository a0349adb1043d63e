import type { Camera, WebGLRenderer, WebGLRenderTarget } from 'three';

interface FramebufferProperties {
	__webglFramebuffer?: WebGLFramebuffer | WebGLFramebuffer[] | null;
}

/** A full-size single-sample copy, for sources that cannot be scaled straight out of (multisampled). */
interface Resolve {
	framebuffer: WebGLFramebuffer;
	renderbuffer: WebGLRenderbuffer;
	width: number;
	height: number;
}

/**
 * Copies what `renderer` just drew — the first XR view's viewport, or the whole canvas — into the
 * small `target`, scaled and flipped so row 0 is the top, with `blitFramebuffer`: a GPU copy of the
 * frame already rendered, not a second render of the scene. Call it from `scene.onAfterRender`,
 * where the frame's framebuffer is still bound and resolved. Multisampled sources (an antialiased
 * canvas or XR layer), which WebGL 2 cannot scale out of, are first resolved into a same-size
 * buffer kept in `resolve`. Returns false where it cannot copy (a multiview or layered target):
 * the caller renders instead.
 */
export function copyRenderedView(
	renderer: WebGLRenderer,
	camera: Camera,
	target: WebGLRenderTarget,
	resolve: { current: Resolve | null },
): boolean {
	const gl = renderer.getContext() as WebGL2RenderingContext;
	const source = renderer.getRenderTarget();
	if (source && ((source as { multiview?: boolean }).multiview || source.depth > 1)) return false;
	let framebuffer: WebGLFramebuffer | null = null;
	if (source) {
		const fb = (renderer.properties.get(source) as FramebufferProperties).__webglFramebuffer;
		if (Array.isArray(fb) || fb === undefined) return false;
		framebuffer = fb;
	}
	// The copied rectangle: the first view's viewport in XR, else the whole drawing buffer.
	let x = 0;
	let y = 0;
	let width = source ? source.width : gl.drawingBufferWidth;
	let height = source ? source.height : gl.drawingBufferHeight;
	const views = (camera as Camera & { cameras?: Array<{ viewport?: { x: number; y: number; z: number; w: number } }> })
		.cameras;
	const viewport = views?.[0]?.viewport;
	if (viewport && viewport.z > 0 && viewport.w > 0) {
		x = viewport.x;
		y = viewport.y;
		width = viewport.z;
		height = viewport.w;
	}
	// Sources whose framebuffer is the canvas's or an XR layer's (three's own targets are resolved
	// by now) are multisampled when antialiased.
	const external = !source || framebuffer === null || (source as { isXRRenderTarget?: boolean }).isXRRenderTarget;
	const layer = renderer.xr.isPresenting ? renderer.xr.getBaseLayer() : null;
	const multisampled =
		external &&
		((layer as XRWebGLLayer | null)?.antialias ?? (gl.getContextAttributes()?.antialias === true && !source));

	renderer.initRenderTarget(target);
	const destination = (renderer.properties.get(target) as FramebufferProperties).__webglFramebuffer as WebGLFramebuffer;
	const state = renderer.state;
	let readFrom = framebuffer;
	let rx = x;
	let ry = y;
	if (multisampled) {
		const r = ensureResolve(gl, resolve, width, height);
		state.bindFramebuffer(gl.READ_FRAMEBUFFER, framebuffer);
		state.bindFramebuffer(gl.DRAW_FRAMEBUFFER, r.framebuffer);
		gl.blitFramebuffer(x, y, x + width, y + height, 0, 0, width, height, gl.COLOR_BUFFER_BIT, gl.NEAREST);
		readFrom = r.framebuffer;
		rx = 0;
		ry = 0;
	}
	state.bindFramebuffer(gl.READ_FRAMEBUFFER, readFrom);
	state.bindFramebuffer(gl.DRAW_FRAMEBUFFER, destination);
	// Destination rows swapped: the copy comes out top row first, as the detector reads images.
	gl.blitFramebuffer(
		rx,
		ry,
		rx + width,
		ry + height,
		0,
		target.height,
		target.width,
		0,
		gl.COLOR_BUFFER_BIT,
		gl.LINEAR,
	);
	state.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
	// Back to what three had bound for the frame.
	state.bindFramebuffer(gl.DRAW_FRAMEBUFFER, framebuffer);
	return true;
}

/** Width over height of what {@link copyRenderedView} would copy now. */
export function renderedViewAspect(renderer: WebGLRenderer, camera: Camera): number {
	const views = (camera as Camera & { cameras?: Array<{ viewport?: { z: number; w: number } }> }).cameras;
	const viewport = views?.[0]?.viewport;
	if (viewport && viewport.z > 0 && viewport.w > 0) return viewport.z / viewport.w;
	const gl = renderer.getContext();
	return gl.drawingBufferWidth / Math.max(1, gl.drawingBufferHeight);
}

function ensureResolve(
	gl: WebGL2RenderingContext,
	resolve: { current: Resolve | null },
	width: number,
	height: number,
) {
	const r = resolve.current;
	if (r && r.width === width && r.height === height) return r;
	if (r) releaseResolve(gl, resolve);
	const framebuffer = gl.createFramebuffer()!;
	const renderbuffer = gl.createRenderbuffer()!;
	gl.bindRenderbuffer(gl.RENDERBUFFER, renderbuffer);
	gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, width, height);
	gl.bindRenderbuffer(gl.RENDERBUFFER, null);
	gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, framebuffer);
	gl.framebufferRenderbuffer(gl.DRAW_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, renderbuffer);
	resolve.current = { framebuffer, renderbuffer, width, height };
	return resolve.current;
}

/** Frees the resolve buffer of {@link copyRenderedView}. */
export function releaseResolve(gl: WebGL2RenderingContext, resolve: { current: Resolve | null }): void {
	if (!resolve.current) return;
	gl.deleteFramebuffer(resolve.current.framebuffer);
	gl.deleteRenderbuffer(resolve.current.renderbuffer);
	resolve.current = null;
}
