import * as tf from '@tensorflow/tfjs';
import { loadVerifiedGraphModel } from '../../runtime/models/loadVerifiedGraphModel.js';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import type { Detection, Detector, DetectorPixels } from './Detector.js';
import { decodeDetections } from './decodeDetections.js';
import { dominantColor } from './dominantColor.js';
import { pixelSize, toRgb } from './framePixels.js';

export interface CenterNetOptions {
	/** Detections scoring below this are dropped (default 0.2: CenterNet's scores run low). */
	scoreThreshold?: number;
	/** Same-class overlap above which the weaker box is dropped (default 0.5). */
	iouThreshold?: number;
	/** At most this many detections per frame (default 20). */
	maxDetections?: number;
	/** Side of the thumbnail read back to name colours (default 96). */
	colorThumbnail?: number;
}

const OUTPUT = 'tower_0/detections';

/**
 * COCO object detector: the MobileNetV3-CenterNet graph model shipped in `@vladmandic/human`
 * (input `[1,512,512,3]` 0–255, output `[1,100,6]` rows `[x1,y1,x2,y2,score,class]`).
 * Reads results back asynchronously and leaves no tensor behind.
 *
 * ```ts
 * const detector = new CenterNetDetector( { scoreThreshold: 0.3 } );
 * await detector.load( sense.modelsPath + 'centernet.json' );
 * const detections = await detector.detect( imageBitmap ); // [{ label: 'cup', score, box, color }]
 * detector.dispose();
 * ```
 */
export class CenterNetDetector implements Detector {
	readonly options: Required<CenterNetOptions>;
	private model: tf.GraphModel | null = null;
	private inputSize = 512;

	constructor(options: CenterNetOptions = {}) {
		this.options = {
			scoreThreshold: options.scoreThreshold ?? 0.2,
			iouThreshold: options.iouThreshold ?? 0.5,
			maxDetections: options.maxDetections ?? 20,
			colorThumbnail: options.colorThumbnail ?? 96,
		};
	}

	/**
	 * Loads the graph model from a URL (same origin; in Node also a path), its `.json` and `.bin`
	 * each read once and checked against the model manifest beside them (`manifest.json`) before
	 * tfjs parses them, or from a tfjs IO handler the host passes (`tf.io.fromMemory`), which is not
	 * checked: the host vouches for its own bytes.
	 */
	async load(
		source: string | tf.io.IOHandler = 'models/centernet.json',
		options: ModelVerifyOptions = {},
	): Promise<void> {
		const model = await loadVerifiedGraphModel('CenterNetDetector', CENTERNET_FORMAT, source, options);
		const shape = model.inputs[0]?.shape;
		if (!model.outputNodes.includes(OUTPUT) || !shape || shape.length !== 4) {
			model.dispose();
			throw new Error(`CenterNetDetector: not a CenterNet graph model (expected an output "${OUTPUT}")`);
		}
		this.model?.dispose();
		this.model = model;
		this.inputSize = shape[1] && shape[1] > 0 ? shape[1] : 512;
	}

	get isLoaded(): boolean {
		return this.model !== null;
	}

	async detect(pixels: DetectorPixels): Promise<Detection[]> {
		const model = this.model;
		if (!model) throw new Error('CenterNetDetector: call await load() before detect()');
		const { width, height } = pixelSize(pixels);
		if (!(width > 0 && height > 0)) throw new Error('CenterNetDetector: empty frame');
		const size = this.inputSize;
		const thumb = this.options.colorThumbnail;
		// Letterbox (pad right/below to a square) rather than stretch: shapes keep their proportions.
		const side = Math.max(width, height);
		const [rows, small] = tf.tidy(() => {
			const rgb = toRgb(pixels, width, height, 'CenterNetDetector').toFloat();
			const square = rgb.pad(
				[
					[0, side - height],
					[0, side - width],
					[0, 0],
				],
				114,
			);
			const input = tf.image.resizeBilinear(square.expandDims(0) as tf.Tensor4D, [size, size]);
			const out = model.execute(input, OUTPUT) as tf.Tensor;
			const colours = tf.image.resizeBilinear(input, [thumb, thumb]).round().toInt();
			return [out, colours];
		});
		let data: Float32Array;
		let rgb: Int32Array;
		try {
			[data, rgb] = (await Promise.all([rows.data(), small.data()])) as [Float32Array, Int32Array];
		} finally {
			rows.dispose();
			small.dispose();
		}
		const detections = decodeDetections(data, {
			inputSize: size,
			frameWidth: width,
			frameHeight: height,
			squareSide: side,
			scoreThreshold: this.options.scoreThreshold,
			iouThreshold: this.options.iouThreshold,
			maxDetections: this.options.maxDetections,
		});
		const kx = thumb / side;
		const ky = thumb / side;
		for (const d of detections) {
			const box: [number, number, number, number] = [d.box[0] * kx, d.box[1] * ky, d.box[2] * kx, d.box[3] * ky];
			d.color = dominantColor(rgb, thumb, thumb, box, 3);
		}
		return detections;
	}

	dispose(): void {
		this.model?.dispose();
		this.model = null;
	}
}

/** The detector's model format as the model manifest names it (the package it comes from follows the slash). */
export const CENTERNET_FORMAT = /^centernet\//;
