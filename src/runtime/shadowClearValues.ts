const SHADOWED = Symbol('xr-sense clear values shadowed');

type ShadowedContext = (WebGLRenderingContext | WebGL2RenderingContext) & { [SHADOWED]?: true };

/**
 * Answers `getParameter` for the clear colour, depth and stencil from the values last set, instead
 * of asking the GPU. The WebXR emulator (iwer) reads all three back on every frame to restore them
 * after its own clear; in Chromium each read is a synchronous round trip to the GPU process, which
 * first finishes all queued work — on a software rasteriser that is the frame's whole render, so the
 * main thread waited 50–80 ms whenever the GPU process was short of CPU. Other parameters, and
 * every other context, are untouched. A lost and restored context starts again from the defaults.
 *
 * ```ts
 * shadowClearValues( renderer.getContext() );
 * ```
 */
export function shadowClearValues(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
	const context = gl as ShadowedContext;
	if (context[SHADOWED]) return;
	context[SHADOWED] = true;
	// One real read at the start, so values set before now are known.
	const color = Float32Array.from(gl.getParameter(gl.COLOR_CLEAR_VALUE) as Float32Array);
	let depth = gl.getParameter(gl.DEPTH_CLEAR_VALUE) as number;
	let stencil = gl.getParameter(gl.STENCIL_CLEAR_VALUE) as number;
	const clearColor = gl.clearColor.bind(gl);
	const clearDepth = gl.clearDepth.bind(gl);
	const clearStencil = gl.clearStencil.bind(gl);
	const getParameter = gl.getParameter.bind(gl);
	context.clearColor = (r, g, b, a) => {
		color[0] = r;
		color[1] = g;
		color[2] = b;
		color[3] = a;
		clearColor(r, g, b, a);
	};
	context.clearDepth = (d) => {
		depth = d;
		clearDepth(d);
	};
	context.clearStencil = (s) => {
		stencil = s;
		clearStencil(s);
	};
	context.getParameter = (name: number) => {
		// The same types the API returns: a new Float32Array for the colour, numbers for the others;
		// colour and depth clamped to [0, 1] as GL ES stores them.
		if (name === gl.COLOR_CLEAR_VALUE) return color.map((v) => Math.min(1, Math.max(0, v)));
		if (name === gl.DEPTH_CLEAR_VALUE) return Math.min(1, Math.max(0, depth));
		if (name === gl.STENCIL_CLEAR_VALUE) return stencil;
		return getParameter(name);
	};
	gl.canvas.addEventListener?.('webglcontextrestored', () => {
		color.fill(0);
		depth = 1;
		stencil = 0;
	});
}
