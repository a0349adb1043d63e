import type { DetectorPixels } from '../perception/detection/Detector.js';

/**
 * Shrinks camera frames to a small JPEG data URL (`width` pixels wide, the frame's aspect) for a
 * session file. One canvas, reused; RGBA frames are sampled pixel by pixel into one reused
 * `ImageData`, bitmaps, videos and canvases are drawn scaled. Returns null where there is no DOM
 * canvas (Node, a worker): a session then keeps no frames.
 *
 * ```ts
 * const thumbnail = new FrameThumbnail( 160 );
 * const url = thumbnail.encode( frame.pixels, frame.width, frame.height ); // 'data:image/jpeg;base64,…'
 * ```
 */
export class FrameThumbnail {
	/** Size of the last thumbnail. */
	width = 0;
	height = 0;
	private canvas: HTMLCanvasElement | null = null;
	private context: CanvasRenderingContext2D | null = null;
	private image: ImageData | null = null;

	constructor(
		readonly maxWidth = 160,
		readonly quality = 0.7,
	) {}

	/** The frame as a JPEG data URL, or null where it cannot be drawn. */
	encode(pixels: DetectorPixels, frameWidth: number, frameHeight: number): string | null {
		if (typeof document === 'undefined' || !(frameWidth > 0 && frameHeight > 0)) return null;
		const width = Math.min(this.maxWidth, frameWidth);
		const height = Math.max(1, Math.round((frameHeight * width) / frameWidth));
		const context = this.resize(width, height);
		if (!context) return null;
		if ('data' in pixels) {
			const out = this.image!.data;
			const sx = frameWidth / width;
			const sy = frameHeight / height;
			for (let y = 0; y < height; y++) {
				const row = Math.min(frameHeight - 1, Math.floor((y + 0.5) * sy)) * frameWidth;
				for (let x = 0; x < width; x++) {
					const from = (row + Math.min(frameWidth - 1, Math.floor((x + 0.5) * sx))) * 4;
					const to = (y * width + x) * 4;
					out[to] = pixels.data[from];
					out[to + 1] = pixels.data[from + 1];
					out[to + 2] = pixels.data[from + 2];
					out[to + 3] = 255;
				}
			}
			context.putImageData(this.image!, 0, 0);
		} else {
			context.drawImage(pixels, 0, 0, width, height);
		}
		return this.canvas!.toDataURL('image/jpeg', this.quality);
	}

	dispose(): void {
		this.canvas = null;
		this.context = null;
		this.image = null;
	}

	private resize(width: number, height: number): CanvasRenderingContext2D | null {
		if (!this.canvas) this.canvas = document.createElement('canvas');
		if (width !== this.width || height !== this.height || !this.context) {
			this.canvas.width = width;
			this.canvas.height = height;
			this.context = this.canvas.getContext('2d');
			this.image = this.context?.createImageData(width, height) ?? null;
			this.width = width;
			this.height = height;
		}
		return this.context;
	}
}
