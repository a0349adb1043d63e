import type { ColorName } from '../../fusion/scenario.js';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';

/** An axis-aligned box in frame pixels: left, top, width, height. */
export type PixelBox = [x: number, y: number, width: number, height: number];

/** One detected object in a frame. */
export interface Detection {
	/** Class name (COCO for the default detector). */
	label: string;
	/** Class index in the detector's label list. */
	classId: number;
	/** Confidence, 0–1. */
	score: number;
	/** Box in the pixels of the frame that was passed to `detect`. */
	box: PixelBox;
	/** Dominant colour inside the box, when the detector had the pixels to tell. */
	color?: ColorName;
}

/**
 * Pixels a detector accepts: RGBA bytes with their size (Node, read-back render targets, canvas
 * `ImageData`), or anything `tf.browser.fromPixels` takes in a browser (bitmap, video, canvas).
 */
export type DetectorPixels =
	| { data: Uint8Array | Uint8ClampedArray; width: number; height: number }
	| ImageBitmap
	| HTMLVideoElement
	| HTMLCanvasElement;

/**
 * An object detector: `await load()` once, then `detect()` per frame. Implement this to plug in a
 * different graph model.
 *
 * ```ts
 * const detector: Detector = new CenterNetDetector();
 * await detector.load( '/models/centernet.json' );
 * const detections = await detector.detect( imageData );
 * detector.dispose();
 * ```
 */
export interface Detector {
	/**
	 * Loads the model from a URL (browser) or a tfjs IO handler (Node, from disk). The built-in
	 * detectors check a URL's files against the model manifest unless `options.verify` is false.
	 */
	load(source?: unknown, options?: ModelVerifyOptions): Promise<void>;
	/** Detects objects; boxes are in the input's pixels. Never holds tensors after resolving. */
	detect(pixels: DetectorPixels): Promise<Detection[]>;
	/** Releases the model's weights. */
	dispose(): void;
}
