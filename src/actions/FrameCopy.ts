import type { DetectorPixels } from '../perception/detection/Detector.js';
import { createPanelCanvas } from '../runtime/panelCanvas.js';

/**
 * A copy of the camera frame a detection round analysed, on a small canvas of its own, for drawing
 * later. Made inside the vision stage's `detections` event, while the frame's pixels are valid (the
 * source reuses its buffer or closes its bitmap after): RGBA bytes are put through one `ImageData`
 * kept while the size stays, anything else (bitmap, video, canvas) is drawn. Bytes are already on the
 * CPU, so this adds no GPU readback; the canvas is made again only when the frame size changes.
 *
 * ```ts
 * const copy = new FrameCopy();
 * vision.addEventListener( 'detections', ( e ) => copy.copy( e.frame.pixels, e.frame.width, e.frame.height ) );
 * ctx.drawImage( copy.canvas, 0, 0 );
 * ```
 */
export class FrameCopy {
	/** The copy, or null before the first (or where no canvas exists). */
	canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
	width = 0;
	height = 0;
	private image: ImageData | null = null;

	/** Copies a `width × height` frame; false where it cannot (no canvas here, bytes of another size). */
	copy(pixels: DetectorPixels, width: number, height: number): boolean {
		if (!(width > 0 && height > 0)) return false;
		if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
			this.canvas = createPanelCanvas(width, height);
			this.image = null;
		}
		const ctx = this.canvas?.getContext('2d') as CanvasRenderingContext2D | null | undefined;
		if (!ctx) return false;
		if ('data' in pixels) {
			if (!this.image) this.image = ctx.createImageData(width, height);
			if (pixels.data.length !== this.image.data.length) return false;
			this.image.data.set(pixels.data);
			ctx.putImageData(this.image, 0, 0);
		} else {
			ctx.drawImage(pixels, 0, 0, width, height);
		}
		this.width = width;
		this.height = height;
		return true;
	}

	/** Lets the copy go. */
	clear(): void {
		this.canvas = null;
		this.image = null;
		this.width = this.height = 0;
	}
}
