/** Fonts that have both Latin and CJK glyphs on the platforms xr-sense runs on, then fallbacks. */
export const LABEL_FONTS =
	'"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", system-ui, sans-serif';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Clears a canvas and fills the dark rounded panel every in-scene text (labels, messages, phrase
 * buttons) is drawn on, so they read the same over passthrough and in VR.
 */
export function fillPanel(
	ctx: Context2D,
	width: number,
	height: number,
	radius: number,
	fill = 'rgba(14, 19, 28, 0.82)',
): void {
	ctx.clearRect(0, 0, width, height);
	ctx.fillStyle = fill;
	ctx.beginPath();
	ctx.roundRect(4, 4, width - 8, height - 8, radius);
	ctx.fill();
}

/** A canvas for in-scene text: a DOM canvas in pages, an OffscreenCanvas in workers, null in Node. */
export function createPanelCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas | null {
	if (typeof document !== 'undefined') {
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		return canvas;
	}
	return typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : null;
}
